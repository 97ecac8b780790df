"""A guest buys from two cooperatives and pays by VietQR; one seller confirms her order.

On a 360 px phone, every page audited with axe-core (see conftest), Vietnamese (the default).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MANAGER_PHONE = "0900 000 007"  # the demo's cooperative manager (Na Rì)


def two_products_of_two_cooperatives():
    """A product of the demo manager's cooperative and one of another, both in stock and
    sold by cooperatives that take bank transfers."""
    from hoaban.accounts.phone import normalize_phone
    from hoaban.catalog.models import Product
    from hoaban.orgs.models import Membership

    managed = Membership.objects.get(
        user__phone=normalize_phone(MANAGER_PHONE), role=Membership.Role.MANAGER
    ).organisation
    for_sale = Product.objects.filter(
        status=Product.Status.PUBLISHED, stock__gte=3, organisation__bank_bin__regex=r"^\d{6}$"
    ).order_by("code")
    first = for_sale.filter(organisation=managed).first()
    second = for_sale.exclude(organisation=managed).first()
    assert first is not None and second is not None, "the demo needs two selling cooperatives"
    return first, second


def add_to_cart_from_search(browse, product) -> None:
    """Search the product by name in the header, open it, add one to the basket."""
    page = browse.page
    page.get_by_role("searchbox").first.fill(product.name)
    browse.follow(page.locator("form[role=search] button[type=submit]").first)
    browse.follow(page.locator(f"main a[href='/p/{product.code}/']").first)
    form = page.locator("main form[action$='/cart/add/']")
    form.locator("input[name=quantity]").fill("1")
    browse.follow(form.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text(product.name)


def test_guest_buys_from_two_cooperatives_with_vietqr_and_a_seller_confirms(demo, browse):
    from hoaban.commerce.models import Order
    from hoaban.demo.services import DEMO_PASSWORD

    page = browse.page
    first, second = two_products_of_two_cooperatives()

    # A guest finds the two products and puts them in the basket.
    browse.goto("/")
    add_to_cart_from_search(browse, first)
    add_to_cart_from_search(browse, second)
    browse.follow(page.locator("header a[href='/cart/']").first)
    main = page.locator("main")
    expect(main).to_contain_text(first.organisation.name)
    expect(main).to_contain_text(second.organisation.name)

    # Checkout: name, phone as people write it, province → commune, address, VietQR.
    browse.follow(page.locator("main a[href='/checkout/']"))
    page.fill("[name=name]", "Lý Thị Hoa")
    page.fill("[name=phone]", "0912 345 678")
    page.select_option("select[name=province]", "19")  # Thái Nguyên (former Bắc Kạn)
    communes = page.locator("select[name=commune] option")
    expect(communes.filter(has_text="Na Rì").first).to_be_attached()
    page.select_option(
        "select[name=commune]", communes.filter(has_text="Na Rì").first.get_attribute("value")
    )
    page.fill("[name=address]", "Thôn Nà Lạn")
    page.locator("label").filter(has=page.locator("input[name=payment][value=vietqr]")).click()
    browse.follow(page.locator("main form button[type=submit]").last)

    # Two orders, each with its code, its amount and a QR code big enough to scan.
    # The placed page is opened by the placement's random token (issue 6), never by its key.
    assert re.search(r"/orders/placed/[A-Za-z0-9_-]{22}/$", page.url), page.url
    # (besides the demo's order history)
    orders = list(
        Order.objects.exclude(placement__scope="demo-history")
        .select_related("seller")
        .order_by("pk")
    )
    assert len(orders) == 2
    codes = page.locator("main [data-order-code]")
    expect(codes).to_have_count(2)
    for order in orders:
        expect(main).to_contain_text(order.code)
        assert order.payment.method == "vietqr"
    qr_codes = page.locator("main svg:not(:has(use))")
    expect(qr_codes).to_have_count(2)
    box = qr_codes.first.bounding_box()
    assert box["width"] >= 120 and box["height"] >= 120, f"QR code too small to scan: {box}"

    # The seller of the first product logs in and confirms her order.
    mine = next(order for order in orders if order.seller_id == first.organisation_id)
    browse.goto("/accounts/login/")
    page.fill("[name=username]", MANAGER_PHONE)
    page.fill("[name=password]", DEMO_PASSWORD)
    browse.follow(page.locator("main form button[type=submit]").last)
    browse.goto(f"/manage/orders/?org={first.organisation.slug}&status=placed")
    # (the old address, kept for bookmarks, leads to her organisation's orders)
    slug = first.organisation.slug
    browse.follow(page.locator(f"main a[href='/manage/{slug}/orders/{mine.code}/']"))
    browse.follow(page.locator("main form button[value=confirm]"))

    expect(page.locator("main [data-status]")).to_have_attribute("data-status", "confirmed")
    mine.refresh_from_db()
    assert mine.status == Order.Status.CONFIRMED
    other = next(order for order in orders if order.pk != mine.pk)
    other.refresh_from_db()
    assert other.status == Order.Status.PLACED
