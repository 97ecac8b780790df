"""Idempotency keys belong to their client (issue 7): an API token's owner, a browser's
checkout, or the one anonymous scope, where a key must have at least 16 characters."""

import json

import pytest

from hoaban.accounts.tests.factories import UserFactory
from hoaban.api.services import api_token_create
from hoaban.commerce.models import IdempotencyRecord, Order, StockReservation

from .builders import product
from .test_api import URL, body

pytestmark = pytest.mark.django_db
KEY = "checkout-0001-shared"  # 20 characters, chosen by two clients alike


def post(client, data, key, token=None, **extra):
    headers = {"Idempotency-Key": key}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.post(
        URL, json.dumps(data), content_type="application/json", headers=headers, **extra
    )


def token_of(name):
    return api_token_create(user=UserFactory(), name=name)[1]


def test_two_agents_using_the_same_key_get_two_orders(client):
    rice = product(stock=10)
    first_agent, second_agent = token_of("phone A"), token_of("phone B")

    first = post(client, body((rice, 1)), KEY, first_agent)
    second = post(client, body((rice, 2)), KEY, second_agent)

    assert (first.status_code, second.status_code) == (201, 201)
    assert not second.has_header("Idempotent-Replayed")
    assert first.json()["orders"][0]["code"] != second.json()["orders"][0]["code"]
    assert Order.objects.count() == 2
    assert IdempotencyRecord.objects.filter(key=KEY).count() == 2


def test_a_key_reused_by_another_client_never_returns_the_first_clients_orders(client):
    rice = product(stock=10)
    owner = token_of("phone A")
    mine = post(client, body((rice, 1)), KEY, owner).json()["orders"][0]["code"]

    # the very same body and key, from another token and from an anonymous caller
    other = post(client, body((rice, 1)), KEY, token_of("phone B")).json()
    anonymous = post(client, body((rice, 1)), KEY).json()

    assert mine not in json.dumps(other) and mine not in json.dumps(anonymous)
    assert Order.objects.count() == 3
    # and the owner's retry is still a replay of her own order
    replay = post(client, body((rice, 1)), KEY, owner)
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json()["orders"][0]["code"] == mine
    assert Order.objects.count() == 3


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "Without an API token, the order key must have at least 16 characters (for "
            "example a UUID), so it is not someone else's.",
        ),
        (
            "vi",
            "Khi không có mã API, mã đơn hàng phải có ít nhất 16 ký tự (ví dụ một UUID), để "
            "không trùng với mã của người khác.",
        ),
    ],
)
def test_an_anonymous_short_key_is_422_and_places_nothing(client, lang, message):
    rice = product(stock=10)

    response = post(client, body((rice, 1)), "order-15-chars!", QUERY_STRING=f"lang={lang}")

    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid_field",
        "message": "Please correct the marked fields."
        if lang == "en"
        else "Vui lòng sửa các ô được đánh dấu.",
        "errors": {"idempotency_key": message},
    }
    assert not Order.objects.exists()
    assert not StockReservation.objects.exists()
    assert not IdempotencyRecord.objects.exists()


def test_a_caller_with_a_token_may_use_a_short_key(client):
    rice = product(stock=10)

    response = post(client, body((rice, 1)), "1", token_of("till"))

    assert response.status_code == 201
    assert IdempotencyRecord.objects.get().scope.startswith("user:")


def test_a_wrong_token_is_401_not_an_anonymous_order(client):
    rice = product(stock=10)

    response = post(client, body((rice, 1)), KEY, "hb_not-a-real-token")

    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert not Order.objects.exists()
