"""The seller console's payments: the list, a deposit or the rest, marking one received, a
refund; mistakes answered in Vietnamese and English with nothing changed."""

import datetime

import pytest
from django.urls import reverse

from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.models import Order, Payment
from hoaban.commerce.services import order_cancel, payment_mark_received
from hoaban.commerce.tests.builders import place, product, seller_with_bank

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


@pytest.fixture
def seller():
    return seller_with_bank(name="HTX Miến dong Côn Minh")


@pytest.fixture
def manager(seller):
    return ManagerFactory(organisation=seller).user


@pytest.fixture
def order(seller):
    return place([(product(organisation=seller, stock=10, price=45_000), 2)]).orders[0]


def act(client, order, action, language="vi", **data):
    client.cookies["hoaban_language"] = language
    return client.post(
        reverse("console:order_action", args=[order.seller.slug, order.code]),
        {"action": action, **data},
    )


def page(client, order, language="vi") -> str:
    client.cookies["hoaban_language"] = language
    return client.get(
        reverse("console:order", args=[order.seller.slug, order.code])
    ).content.decode()


def rows(order):
    return list(
        Payment.objects.filter(order=order)
        .order_by("pk")
        .values_list("kind", "method", "amount", "status")
    )


def test_the_order_page_lists_the_payments_with_paid_and_due(client, manager, order):
    client.force_login(manager)

    html = page(client, order, "en")

    assert 'data-payment="charge:pending"' in html
    assert f'data-due="{order.total}"' in html
    assert 'data-paid="0"' in html
    assert "Ask for a deposit or the rest" in html
    assert "Give money back to the buyer" not in html  # nothing paid yet


def test_deposit_then_the_rest_through_the_console(client, manager, order):
    client.force_login(manager)
    total = order.total

    response = act(client, order, "record", kind="deposit", method="cash", amount="20.000")
    deposit = Payment.objects.get(order=order, kind="deposit")
    act(client, order, "paid", payment=deposit.pk)
    act(client, order, "paid", payment=order.payment.pk)

    assert response.status_code == 302
    assert rows(order) == [
        ("charge", "cod", total - 20_000, "paid"),
        ("deposit", "cash", 20_000, "paid"),
    ]
    html = page(client, order, "en")
    assert 'data-payment-state="paid"' in html
    assert 'data-due="0"' in html
    assert "Give money back to the buyer" in html


def test_a_refund_through_the_console(client, manager, order):
    payment_mark_received(payment=order.payment, by=manager)
    client.force_login(manager)

    act(client, order, "refund", method="cash", amount=str(order.total))

    assert Order.objects.get(pk=order.pk).payment_state == Order.PaymentState.REFUNDED


@pytest.mark.parametrize(
    ("amount", "vi", "en"),
    [
        (
            "0",
            "Nhập số tiền (đồng) lớn hơn 0.",
            "Enter an amount in đồng greater than 0.",
        ),
        (
            "năm mươi",
            "Viết số tiền (đồng) bằng số nguyên, ví dụ 50000.",
            "Write the amount in đồng as a whole number, for example 50000.",
        ),
        (
            "9" * 400,
            "Viết số tiền (đồng) bằng số nguyên, ví dụ 50000.",
            "Write the amount in đồng as a whole number, for example 50000.",
        ),
    ],
)
def test_a_wrong_amount_is_shown_on_the_form_and_nothing_changes(
    client, manager, order, amount, vi, en
):
    client.force_login(manager)
    before = rows(order)

    for language, message in (("vi", vi), ("en", en)):
        response = act(
            client, order, "record", language, kind="deposit", method="cash", amount=amount
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    assert rows(order) == before


def test_a_nul_in_the_amount_is_refused_before_the_form_and_nothing_changes(client, manager, order):
    client.force_login(manager)
    before = rows(order)

    response = act(client, order, "record", kind="deposit", method="cash", amount="1\x00")

    assert response.status_code == 400  # the edge middleware refuses it (core/edge.py)
    assert rows(order) == before


def test_an_amount_beyond_the_balance_is_told_after_the_redirect(client, manager, order):
    client.force_login(manager)
    before = rows(order)
    shown = f"{order.total:,} ₫".replace(",", ".")

    for language, message in (
        ("vi", f"Đơn {order.code} chỉ còn phải trả {shown}. Hãy nhập không quá số đó."),
        ("en", f"Only {shown} is still due for order {order.code}. Enter at most that."),
    ):
        response = act(
            client,
            order,
            "record",
            language,
            kind="balance",
            method="cash",
            amount=str(order.total + 1),
        )
        assert response.status_code == 302
        assert message in page(client, order, language)
    assert rows(order) == before


def test_no_payment_can_be_added_to_a_cancelled_order(client, manager, order):
    order_cancel(order=order, by=manager)
    client.force_login(manager)
    before = rows(order)

    # a hand-made POST (the page no longer shows the form)
    act(client, order, "record", "en", kind="deposit", method="cash", amount="1000")

    assert rows(order) == before
    html = page(client, order, "en")
    assert f"Order {order.code} was cancelled or returned; no payment can be added." in html
    assert "Ask for a deposit or the rest" not in html


def test_a_payment_of_another_order_cannot_be_marked_through_this_one(client, manager, seller):
    mine = place([(product(organisation=seller), 1)]).orders[0]
    theirs = place([(product(), 1)]).orders[0]  # another cooperative's order
    client.force_login(manager)

    for payment in (theirs.payment.pk, "0", "x" * 200, ""):
        response = act(client, mine, "paid", payment=payment)
        assert response.status_code == 404
    assert Payment.objects.filter(status=Payment.Status.PAID).count() == 0


# --- lots in the packing step -------------------------------------------------------------


def test_the_packing_list_shows_the_proposed_lot_and_the_order_page_lets_it_change(
    client, manager, seller
):
    from hoaban.catalog.tests.factories import LotFactory
    from hoaban.commerce.models import OrderLine
    from hoaban.commerce.services import order_confirm

    rice = product(organisation=seller, stock=10)
    old = LotFactory(product=rice, code="L-OLD01", produced_on=datetime.date(2026, 1, 5))
    new = LotFactory(product=rice, code="L-NEW01", produced_on=datetime.date(2026, 3, 5))
    order = order_confirm(order=place([(rice, 2)]).orders[0], by=manager)
    client.force_login(manager)

    packing = client.get(reverse("console:packing_list", args=[seller.slug])).content.decode()
    assert 'data-lot="L-OLD01"' in packing
    assert 'data-line-lot="L-OLD01"' in page(client, order)

    act(client, order, "lot", line=order.lines.get().pk, lot=new.code)

    assert OrderLine.objects.get(order=order).lot == new
    assert old.order_lines.count() == 0


def test_a_lot_of_another_product_is_refused_in_the_console(client, manager, seller):
    from hoaban.catalog.tests.factories import LotFactory
    from hoaban.commerce.models import OrderLine
    from hoaban.commerce.services import order_confirm

    rice, tea = product(organisation=seller, stock=10), product(organisation=seller, stock=10)
    tea_lot = LotFactory(product=tea)
    order = order_confirm(order=place([(rice, 2)]).orders[0], by=manager)
    line = order.lines.get()
    client.force_login(manager)

    act(client, order, "lot", "en", line=line.pk, lot=tea_lot.code)

    assert OrderLine.objects.get(pk=line.pk).lot is None
    assert f"This is not a lot of {line.product_name}. Choose a lot of this product." in page(
        client, order, "en"
    )
    other_line = place([(product(), 1)]).orders[0].lines.get()  # another cooperative's line
    assert act(client, order, "lot", line=other_line.pk, lot=tea_lot.code).status_code == 404
