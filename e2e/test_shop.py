"""Issue 3's journey: a guest buys from two cooperatives with VietQR; a seller confirms."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def two_products_of_two_sellers():
    from hoaban.catalog.models import Product
    from hoaban.demo.plan import MANAGED_BY_LOGIN

    for_sale = Product.objects.filter(status="published", stock__gte=2).exclude(
        organisation__bank_bin=""
    )
    mine = for_sale.filter(organisation__slug=MANAGED_BY_LOGIN).order_by("code").first()
    other = for_sale.exclude(organisation=mine.organisation).order_by("code").first()
    return mine, other


def add_to_cart(browse, product) -> None:
    page = browse.page
    page.get_by_role("searchbox").first.fill(product.code)
    browse.follow(page.locator("form[role=search] button[type=submit]").first)
    browse.follow(page.locator(f"main a[href='/p/{product.code}/']").first)
    browse.follow(page.locator("main form.add-to-cart button[type=submit]"))


def test_guest_buys_from_two_cooperatives_with_vietqr_and_the_seller_confirms(demo, browse):
    from hoaban.commerce.models import Order
    from hoaban.demo.services import DEMO_PASSWORD

    mine, other = two_products_of_two_sellers()
    page = browse.page
    browse.goto("/")
    add_to_cart(browse, mine)
    add_to_cart(browse, other)

    browse.goto("/cart/")
    browse.follow(page.locator("main a[href='/checkout/']").first)
    page.fill("[name=name]", "Trần Thị Hoa")
    page.fill("[name=phone]", "0987 654 321")
    page.check("input[name=delivery][value=ship]")
    page.select_option("select[name=province]", "19")  # Thái Nguyên
    communes = page.locator("select[name=commune] option").filter(has_text="Na Rì")
    expect(communes.first).to_be_attached()
    page.select_option("select[name=commune]", communes.first.get_attribute("value"))
    page.fill("[name=address]", "Thôn Nà Cà")
    page.check("input[name=payment][value=vietqr]")
    browse.follow(page.locator("main form.shop-form button[type=submit]").last)

    codes = page.locator("[data-order-code]").all_inner_texts()
    assert len(codes) == 2, codes
    expect(page.locator("main .shop-qr svg").first).to_be_visible()
    orders = {o.seller.slug: o for o in Order.objects.filter(code__in=codes)}
    assert set(orders) == {mine.organisation.slug, other.organisation.slug}
    assert {o.status for o in orders.values()} == {"placed"}

    browse.goto("/accounts/login/")
    page.fill("[name=username]", "0900 000 007")  # the manager of `mine`'s cooperative
    page.fill("[name=password]", DEMO_PASSWORD)
    browse.follow(page.locator("main form button[type=submit]").last)
    mine_order = orders[mine.organisation.slug]
    slug = mine.organisation.slug
    browse.goto(f"/manage/{slug}/orders/")
    browse.follow(page.locator(f"main a[href='/manage/{slug}/orders/{mine_order.code}/']"))
    browse.follow(page.locator("main button[name=do][value=confirm]"))

    expect(page.locator("main [data-status]").first).to_have_attribute("data-status", "confirmed")
    mine_order.refresh_from_db()
    assert mine_order.status == "confirmed"
    assert Order.objects.get(pk=orders[other.organisation.slug].pk).status == "placed"
    assert re.search(rf"/manage/{slug}/orders/", page.url)

    # The seller asks for a deposit, sees it arrive, and what is still due follows.
    page.locator("main details:has(input[name=action][value=record]) summary").click()
    page.check("input[name=kind][value=deposit]")
    page.select_option("select[name=method]", "cash")
    page.fill("input[name=amount]", "20.000")
    browse.follow(page.locator("main form:has(input[name=action][value=record]) button"))
    browse.follow(page.locator("main tr[data-payment='deposit:pending'] button"))

    expect(page.locator("main [data-paid]")).to_have_attribute("data-paid", "20000")
    expect(page.locator("main [data-due]")).to_have_attribute(
        "data-due", str(mine_order.total - 20_000)
    )
