"""Issue 8's order journeys on a phone: a manager finds her orders (counts, the transfer
warning), an officer lands on her provinces, a buyer finds “My orders”, and pick-up switches
cash on delivery to cash by itself. axe-core audits every page."""

import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def log_in(browse, phone: str) -> None:
    from hoaban.demo.services import DEMO_PASSWORD

    page = browse.page
    browse.goto("/accounts/login/")
    page.fill("[name=username]", phone)
    page.fill("[name=password]", DEMO_PASSWORD)
    browse.follow(page.locator("main form button[type=submit]").last)


def a_transfer_order(user=None):
    """A VietQR order from the demo manager's cooperative (placed through the pipeline)."""
    from hoaban.catalog.models import Product
    from hoaban.commerce.services import BuyerInput, DeliveryInput, LineInput, order_place
    from hoaban.demo.plan import MANAGED_BY_LOGIN

    goods = (
        Product.objects.filter(
            status="published", stock__gte=2, organisation__slug=MANAGED_BY_LOGIN
        )
        .exclude(organisation__bank_bin="")
        .order_by("code")
        .first()
    )
    result = order_place(
        lines=[LineInput(product=goods.code, quantity=1)],
        buyer=BuyerInput(name="Trần Thị Hoa", phone="0900 000 002", language="vi"),
        delivery=DeliveryInput(method="ship", address="Thôn Nà Cà", commune=2155),
        payment_method="vietqr",
        channel="eco",
        idempotency_key=uuid.uuid4().hex,
        idempotency_scope="e2e",
        user=user,
    )
    return result.orders[0]


def test_a_manager_lands_on_her_console_and_finds_the_orders_waiting(demo, browse):
    from hoaban.accounts.models import User
    from hoaban.commerce.order_counts import order_counts
    from hoaban.commerce.services import order_confirm, order_pack

    order = a_transfer_order()
    manager = User.objects.get(phone="+84900000007")
    order_confirm(order=order, by=manager)
    order_pack(order=order, by=manager)
    page = browse.page

    log_in(browse, "0900 000 007")
    assert "/manage/" in page.url  # her console, not her profile
    if "data-order-counts" not in page.content():  # she manages several: the list first
        browse.follow(page.locator(f"main a[href='/manage/{order.seller.slug}/']"))
    counts = page.locator("[data-order-counts]")
    expected = order_counts(order.seller_id)  # the demo's history has orders waiting too
    assert expected.to_ship >= 1 and expected.awaiting_payment >= 1
    expect(counts.locator("[data-count=to_ship] strong")).to_have_text(str(expected.to_ship))
    expect(counts.locator("[data-count=awaiting_payment] strong")).to_have_text(
        str(expected.awaiting_payment)
    )

    browse.follow(counts.locator("[data-count=to_ship]"))
    browse.follow(page.locator(f"main a[href$='/orders/{order.code}/']"))
    expect(page.locator("[data-transfer-pending]")).to_be_visible()
    browse.follow(page.locator("main form button", has_text="Đã gửi hàng").first)
    expect(page.locator("main")).to_contain_text("Chưa nhận được chuyển khoản")
    order.refresh_from_db()
    assert order.status == "packed"


def test_an_officer_lands_on_her_provinces(demo, browse):
    page = browse.page

    log_in(browse, "0900 000 006")

    assert page.url.endswith("/manage/provinces/")
    expect(page.locator("main h1")).to_contain_text("Tỉnh của tôi")
    assert page.locator("main [data-organisation]").count() > 0


def test_a_buyer_finds_her_orders_from_the_footer(demo, browse):
    from hoaban.accounts.models import User

    order = a_transfer_order(user=User.objects.get(phone="+84900000002"))
    page = browse.page

    browse.goto("/")
    browse.follow(page.locator("footer [data-my-orders-link]"))
    expect(page.locator("main [name=code]")).to_be_visible()  # a guest: the tracking form

    log_in(browse, "0900 000 002")
    browse.goto("/products/")
    browse.follow(page.locator("footer [data-my-orders-link]"))
    browse.follow(page.locator(f"main a[href='/orders/mine/{order.code}/']"))
    expect(page.locator("[data-order-code]")).to_have_text(order.code)


def test_choosing_pick_up_switches_cash_on_delivery_to_cash(demo, browse):
    from hoaban.catalog.models import Product

    goods = Product.objects.filter(status="published", stock__gte=2).order_by("code").first()
    page = browse.page
    browse.goto(f"/p/{goods.code}/")
    browse.follow(page.locator("main form.add-to-cart button[type=submit]"))
    browse.goto("/checkout/")

    expect(page.locator("input[name=payment][value=cod]")).to_be_checked()
    page.check("input[name=delivery][value=pickup]")
    expect(page.locator("input[name=payment][value=cash]")).to_be_checked()
    page.check("input[name=delivery][value=ship]")
    expect(page.locator("input[name=payment][value=cod]")).to_be_checked()
