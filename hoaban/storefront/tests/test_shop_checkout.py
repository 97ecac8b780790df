"""Checkout: a guest basket becomes one order per seller, through commerce.order_place."""

import re

import pytest
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.commerce.models import IdempotencyRecord, Order, Payment, StockReservation
from hoaban.commerce.payments import vietqr
from hoaban.commerce.tests.builders import seller_with_bank
from hoaban.orgs.tests.factories import NA_RI
from hoaban.storefront.cart import SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


def english(client):
    client.cookies["hoaban_language"] = "en"
    return client


def fill_basket(client, *pairs):
    for product, quantity in pairs:
        client.post(reverse("shop:cart_add"), {"product": product.code, "quantity": quantity})


def checkout_key(client) -> str:
    page = client.get(reverse("shop:checkout")).content.decode()
    return re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page).group(1)


def placed_url(key) -> str:
    """The order-placed page of the checkout with this key: by the placement's token."""
    return reverse("shop:placed", args=[IdempotencyRecord.objects.get(key=key).token])


def form_data(key, **changes):
    data = {
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "delivery": "ship",
        "province": "19",
        "commune": str(NA_RI),
        "address": "Thôn Nà Lạn",
        "payment": "cod",
        "idempotency_key": key,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def two_sellers():
    first = seller_with_bank(name="HTX Miến dong Côn Minh")
    second = seller_with_bank(name="HTX Chè Bằng Phúc", bank_bin="970436")
    noodles = ProductFactory(organisation=first, name="Miến dong", price=45_000, stock=10)
    tea = ProductFactory(organisation=second, name="Chè Shan tuyết", price=120_000, stock=5)
    return noodles, tea


def test_checkout_with_two_sellers_places_two_orders(client, two_sellers):
    noodles, tea = two_sellers
    fill_basket(client, (noodles, 2), (tea, 1))
    key = checkout_key(client)

    response = client.post(reverse("shop:checkout"), form_data(key))

    assert response.status_code == 302
    assert response["Location"] == placed_url(key)
    orders = Order.objects.order_by("seller__name")
    assert [(o.seller.name, o.subtotal, o.buyer_phone) for o in orders] == [
        ("HTX Chè Bằng Phúc", 120_000, "+84912345678"),
        ("HTX Miến dong Côn Minh", 90_000, "+84912345678"),
    ]
    assert {o.channel.code for o in orders} == {"eco"}
    assert {o.commune_id for o in orders} == {NA_RI}
    assert SESSION_KEY not in client.session


def test_placed_page_lists_every_code_and_the_cod_note(client, two_sellers):
    noodles, tea = two_sellers
    fill_basket(client, (noodles, 1), (tea, 1))
    key = checkout_key(client)

    page = client.post(reverse("shop:checkout"), form_data(key), follow=True)

    html = english(client).get(placed_url(key)).content.decode()
    for order in Order.objects.all():
        assert order.code in html
    assert "Pay 45.000\u00a0₫ in cash when you receive your order." in html
    assert page.status_code == 200


def test_vietqr_page_shows_the_qr_the_amount_the_code_and_the_bank(client, two_sellers):
    noodles, _tea = two_sellers
    fill_basket(client, (noodles, 3))
    key = checkout_key(client)

    client.post(reverse("shop:checkout"), form_data(key, payment="vietqr"))

    order = Order.objects.get()
    html = client.get(placed_url(key)).content.decode()
    assert html.count("<svg") >= 1
    assert '<svg aria-hidden="true" focusable="false"' in html
    assert "135.000\u00a0₫" in html
    assert order.code in html
    assert "Agribank" in html
    assert "1234567890123" in html
    assert vietqr.decode(order.payment.vietqr).amount == order.total


def test_double_submit_with_the_same_key_places_one_set_of_orders(client, two_sellers):
    noodles, tea = two_sellers
    fill_basket(client, (noodles, 1), (tea, 1))
    key = checkout_key(client)

    first = client.post(reverse("shop:checkout"), form_data(key))
    second = client.post(reverse("shop:checkout"), form_data(key))

    assert Order.objects.count() == 2
    assert IdempotencyRecord.objects.count() == 1
    assert first["Location"] == second["Location"] == placed_url(key)


def test_same_key_replayed_by_the_pipeline_when_the_basket_is_still_there(client, two_sellers):
    # Two taps racing: both requests still see the basket; the pipeline replays the first.
    noodles, _tea = two_sellers
    fill_basket(client, (noodles, 1))
    key = checkout_key(client)
    client.post(reverse("shop:checkout"), form_data(key))
    fill_basket(client, (noodles, 1))
    IdempotencyRecord.objects.filter(key=key).update(key=key)  # still there

    again = client.post(reverse("shop:checkout"), form_data(key))

    assert again["Location"] == placed_url(key)
    assert Order.objects.count() == 1


def test_the_form_carries_a_fresh_key_each_time(client, two_sellers):
    noodles, _tea = two_sellers
    fill_basket(client, (noodles, 1))

    assert checkout_key(client) != checkout_key(client)


def test_out_of_stock_says_how_many_are_left_and_places_nothing(client, two_sellers):
    noodles, tea = two_sellers
    fill_basket(client, (noodles, 1), (tea, 4))
    Product.objects.filter(pk=tea.pk).update(stock=2)
    key = checkout_key(client)

    response_vi = client.post(reverse("shop:checkout"), form_data(key))
    response_en = english(client).post(reverse("shop:checkout"), form_data(key))

    assert response_en.status_code == 400
    assert (
        "Only 2 packs of 500 g left of Chè Shan tuyết. Choose 2 or fewer."
        in response_en.content.decode()
    )
    assert (
        "Chỉ còn 2 gói 500 g Chè Shan tuyết. Hãy chọn 2 hoặc ít hơn."
        in response_vi.content.decode()
    )
    assert Order.objects.count() == 0
    assert StockReservation.objects.count() == 0
    assert IdempotencyRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "vi", "en"),
    [
        (
            {"phone": "12345"},
            "phone",
            "Hãy viết số điện thoại Việt Nam, ví dụ 0912 345 678.",
            "Write a Vietnamese phone number, for example 0912 345 678.",
        ),
        (
            {"phone": "+1 202 555 0100"},
            "phone",
            "Hãy viết số điện thoại Việt Nam, ví dụ 0912 345 678.",
            "Write a Vietnamese phone number, for example 0912 345 678.",
        ),
        (
            {"commune": "99999999"},
            "commune",
            "Hãy chọn một xã, phường của tỉnh đã chọn trong danh sách.",
            "Choose a commune of the chosen province from the list.",
        ),
        (
            {"province": None, "commune": None},
            "commune",
            "Hãy chọn tỉnh, rồi chọn xã hoặc phường của bạn.",
            "Choose the province, then your commune or ward.",
        ),
        (
            {"address": ""},
            "address",
            "Hãy viết số nhà và tên đường, hoặc thôn, bản.",
            "Write the house number and street, or the hamlet or village.",
        ),
    ],
)
def test_bad_fields_are_shown_next_to_the_field_in_both_languages(
    client, two_sellers, changes, field, vi, en
):
    noodles, _tea = two_sellers
    fill_basket(client, (noodles, 1))
    key = checkout_key(client)

    response_vi = client.post(reverse("shop:checkout"), form_data(key, **changes))
    response_en = english(client).post(reverse("shop:checkout"), form_data(key, **changes))

    assert response_vi.status_code == 400
    assert vi in response_vi.content.decode()
    html = response_en.content.decode()
    assert en in html
    assert f'id="id_{field}_error"' in html
    assert Order.objects.count() == 0
    assert client.session[SESSION_KEY] == {noodles.code: 1}


def test_vietqr_refused_when_a_seller_has_no_bank_account(client):
    product = ProductFactory(name="Mật ong", stock=3)  # seller without bank details
    fill_basket(client, (product, 1))
    key = checkout_key(client)

    response = english(client).post(reverse("shop:checkout"), form_data(key, payment="vietqr"))

    assert response.status_code == 400
    assert "cannot receive bank transfers yet" in response.content.decode()
    assert 'id="id_payment_error"' in response.content.decode()
    assert Order.objects.count() == 0


def test_pickup_with_cash_needs_no_address(client, two_sellers):
    noodles, _tea = two_sellers
    fill_basket(client, (noodles, 2))
    key = checkout_key(client)

    data = form_data(key, delivery="pickup", payment="cash", province=None, commune=None)
    data["address"] = ""
    client.post(reverse("shop:checkout"), data)

    order = Order.objects.get()
    assert (order.delivery_method, order.commune_id, order.payment.method) == (
        "pickup",
        None,
        Payment.Method.CASH,
    )
    html = english(client).get(placed_url(key)).content.decode()
    assert "Pay 90.000\u00a0₫ in cash when you pick up your order." in html


def test_show_communes_button_refills_the_form_without_errors(client, two_sellers):
    noodles, _tea = two_sellers
    fill_basket(client, (noodles, 1))
    key = checkout_key(client)

    response = client.post(
        reverse("shop:checkout"), {**form_data(key, commune=None), "_communes": "1"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Xã Na Rì" in html
    assert key in html
    assert 'class="field-error"' not in html


def test_empty_basket_goes_back_to_the_basket(client):
    response = client.get(reverse("shop:checkout"))

    assert response["Location"] == reverse("shop:cart")


def test_unknown_placement_key_is_not_found(client):
    response = client.get(reverse("shop:placed", args=["0" * 32]))

    assert response.status_code == 404


def test_unpublished_product_is_dropped_before_placing(client, two_sellers):
    noodles, tea = two_sellers
    fill_basket(client, (noodles, 1), (tea, 1))
    key = checkout_key(client)
    Product.objects.filter(pk=tea.pk).update(status=Product.Status.ARCHIVED)

    response = english(client).post(reverse("shop:checkout"), form_data(key))

    assert "no longer for sale" in response.content.decode()
    assert Order.objects.count() == 0
    assert client.session[SESSION_KEY] == {noodles.code: 1}


@pytest.mark.parametrize("lines", [2, 4])
def test_checkout_page_query_count_does_not_grow(client, django_assert_num_queries, lines):
    for _ in range(lines):
        fill_basket(client, (ProductFactory(organisation=seller_with_bank()), 1))

    # session, products (seller with commune and province, terms as subqueries), images,
    # provinces for the picker (read twice by the places picker: field and widget).
    with django_assert_num_queries(5):
        response = client.get(reverse("shop:checkout"))

    assert response.status_code == 200


@pytest.mark.parametrize("sellers", [2, 4])
def test_placed_page_query_count_does_not_grow(client, django_assert_num_queries, sellers):
    for _ in range(sellers):
        fill_basket(client, (ProductFactory(organisation=seller_with_bank()), 1))
    key = checkout_key(client)
    client.post(reverse("shop:checkout"), form_data(key, payment="vietqr"))
    assert Order.objects.count() == sellers

    url = placed_url(key)

    # session, placement record, orders (seller joined), their payments, their lines.
    with django_assert_num_queries(5):
        response = client.get(url)

    assert response.status_code == 200


def test_logged_in_buyer_finds_her_name_and_phone_filled_in(client, two_sellers):
    from hoaban.orgs.tests.factories import UserFactory

    noodles, _tea = two_sellers
    client.force_login(UserFactory(full_name="Hà Thị Thu", phone="+84912000222"))
    fill_basket(client, (noodles, 1))

    html = client.get(reverse("shop:checkout")).content.decode()

    assert 'value="Hà Thị Thu"' in html
    assert 'value="0912 000 222"' in html


# --- issue 6: the order-placed page by a random token, never by the idempotency key ---------


def test_the_placed_page_is_reached_by_a_random_token_not_the_key(client, two_sellers):
    noodles, tea = two_sellers
    fill_basket(client, (noodles, 1), (tea, 1))
    key = checkout_key(client)

    response = client.post(reverse("shop:checkout"), form_data(key))

    token = IdempotencyRecord.objects.get(key=key).token
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", token)  # 128 bits from `secrets`
    assert response["Location"] == f"/orders/placed/{token}/"
    assert key not in response["Location"]
    assert client.get(response["Location"]).status_code == 200
    assert client.get(f"/orders/placed/{key}/").status_code == 404


def test_each_placement_draws_its_own_token(client, two_sellers):
    noodles, _tea = two_sellers
    for _ in range(3):
        fill_basket(client, (noodles, 1))
        client.post(reverse("shop:checkout"), form_data(checkout_key(client)))

    tokens = set(IdempotencyRecord.objects.values_list("token", flat=True))
    assert len(tokens) == 3


@pytest.mark.parametrize("token", ["A" * 22, "x" * 200, "%00", "..%2F..%2F"])
def test_an_unknown_token_is_not_found(client, two_sellers, token):
    noodles, _tea = two_sellers
    fill_basket(client, (noodles, 1))
    client.post(reverse("shop:checkout"), form_data(checkout_key(client)))

    # A NUL is refused before any view (core.edge), with the same 400 whatever the token.
    expected = 400 if token == "%00" else 404
    assert client.get(f"/orders/placed/{token}/").status_code == expected


def test_an_api_clients_key_does_not_open_its_placed_page_from_another_browser(client, two_sellers):
    # An API client may choose a guessable key; posting it to the checkout leads nowhere.
    import json

    noodles, _tea = two_sellers
    client.post(
        "/api/v1/orders",
        json.dumps(
            {
                "lines": [{"product": noodles.code, "quantity": 1}],
                "buyer": {"name": "Hà Thị Thu", "phone": "0912 000 222"},
                "delivery": {"method": "pickup"},
                "payment": "cash",
            }
        ),
        content_type="application/json",
        headers={"Idempotency-Key": "order-1-0123456789abcdef"},
    )
    api_record = IdempotencyRecord.objects.get(key="order-1-0123456789abcdef")
    stranger = type(client)()
    fill_basket(stranger, (noodles, 1))

    # the same key from a browser is that browser's own key (issue 7: keys per client)
    response = english(stranger).post(
        reverse("shop:checkout"), form_data("order-1-0123456789abcdef")
    )

    web_record = IdempotencyRecord.objects.exclude(pk=api_record.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/orders/placed/{web_record.token}/"
    assert api_record.token not in response["Location"]
    assert Order.objects.count() == 2
    assert set(Order.objects.values_list("placement__scope", flat=True)) == {
        "anonymous",
        web_record.scope,
    }
