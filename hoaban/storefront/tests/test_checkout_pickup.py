"""Choosing pick-up switches cash on delivery to cash at pick-up (issue 8): on the server, and
by a small nonce'd script on the page."""

import pytest
from django.urls import reverse

from hoaban.commerce.models import Order, Payment

from .test_shop_checkout import checkout_key, english, fill_basket, form_data, two_sellers  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


def test_pick_up_with_cash_on_delivery_becomes_cash_at_pick_up(client, two_sellers):  # noqa: F811
    noodles, _tea = two_sellers
    fill_basket(client, (noodles, 2))
    key = checkout_key(client)

    data = form_data(key, delivery="pickup", payment="cod", province=None, commune=None)
    response = client.post(reverse("shop:checkout"), data)

    assert response.status_code == 302
    order = Order.objects.get()
    assert (order.delivery_method, order.payment.method) == ("pickup", Payment.Method.CASH)


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("vi", "Nếu bạn tự đến lấy hàng, trả tiền khi nhận hàng sẽ thành trả tiền mặt khi lấy."),
        ("en", "If you pick the order up, cash on delivery becomes cash at pick-up."),
    ],
)
def test_the_form_says_so_and_switches_the_radio_with_a_nonced_script(
    client,
    two_sellers,  # noqa: F811
    language,
    note,
):
    noodles, _tea = two_sellers
    fill_basket(client, (noodles, 1))
    client.cookies["hoaban_language"] = language

    response = client.get(reverse("shop:checkout"))
    html = response.content.decode()

    assert note in html
    nonce = response.wsgi_request.csp_nonce
    assert f'<script nonce="{nonce}">' in html
    assert "[name=payment][value=cash]" in html
