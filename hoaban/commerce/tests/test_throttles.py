"""Issue 6: throttled placement (per address, per phone) and tracking (per address, per code)
through POST /api/v1/orders and GET /api/v1/orders/{code}; the clock is frozen."""

import json

import pytest

from hoaban.commerce.models import IdempotencyRecord, Order, StockReservation
from hoaban.orgs.tests.factories import NA_RI

from .builders import BUYER_PHONE, place, product

pytestmark = pytest.mark.django_db
URL = "/api/v1/orders"
PLACED_TOO_MANY_EN = (
    "You have placed many orders in a short time. Please wait {} minutes, then try again."
)
PLACED_TOO_MANY_VI = "Bạn đã đặt nhiều đơn trong thời gian ngắn. Hãy chờ {} phút rồi thử lại."
TRACKED_TOO_MANY_EN = (
    "There were too many tries to find this order. Please wait {} minutes, then try again."
)
TRACKED_TOO_MANY_VI = "Đã có quá nhiều lần thử tìm đơn hàng này. Hãy chờ {} phút rồi thử lại."
NOT_FOUND_EN = "We found no order with this code and phone number. Please check both and try again."


@pytest.fixture
def rice():
    return product(stock=1_000, price=45_000)


def body(rice, phone=BUYER_PHONE, quantity=1):
    return {
        "lines": [{"product": rice.code, "quantity": quantity}],
        "buyer": {"name": "Nguyễn Thị Lan", "phone": phone},
        "delivery": {"method": "ship", "address": "Thôn Nà Lạn", "commune": NA_RI},
        "payment": "cod",
    }


def post(client, data, key, address="203.0.113.7", lang="en"):
    return client.post(
        f"{URL}?lang={lang}",
        data=json.dumps(data),
        content_type="application/json",
        headers={"Idempotency-Key": f"{key}-0123456789abcdef"},  # anonymous: 16 or more
        REMOTE_ADDR=address,
    )


def phone(number: int) -> str:
    return f"0912 000 {number:03d}"


# --- placement ------------------------------------------------------------------------------


def test_the_sixth_order_for_one_phone_in_an_hour_is_429(client, frozen_clock, rice):
    answers = [post(client, body(rice), f"k{n}").status_code for n in range(5)]

    refused = post(client, body(rice), "k5")
    refused_vi = post(client, body(rice), "k6", lang="vi")

    assert answers == [201] * 5
    assert refused.status_code == refused_vi.status_code == 429
    # Five in this hour: the sixth fits once this hour's count slid a fifth out of the next
    # hour's window (sliding window): 60 + 12 minutes.
    assert refused["Retry-After"] == "4320"
    assert refused.json() == {
        "code": "throttled",
        "message": PLACED_TOO_MANY_EN.format(72),
        "errors": {},
        "retry_after": 4320,
    }
    assert refused_vi.json()["message"] == PLACED_TOO_MANY_VI.format(72)
    assert Order.objects.count() == StockReservation.objects.count() == 5
    assert not IdempotencyRecord.objects.filter(
        key__in=["k5-0123456789abcdef", "k6-0123456789abcdef"]
    ).exists()


def test_the_phone_limit_lets_up_as_the_hour_slides_on(client, frozen_clock, rice):
    for n in range(5):
        post(client, body(rice), f"k{n}")
    frozen_clock.advance(minutes=59)
    assert post(client, body(rice), "later").status_code == 429

    frozen_clock.advance(minutes=61)  # the previous hour has slid out far enough

    assert post(client, body(rice), "later").status_code == 201


def test_the_phone_limit_counts_the_phone_however_it_is_written(client, frozen_clock, rice):
    for n, written in enumerate(["0912345678", "+84 912 345 678", "84912345678", "0912.345.678"]):
        assert post(client, body(rice, phone=written), f"k{n}").status_code == 201
    post(client, body(rice), "k4")

    assert post(client, body(rice, phone="+84912345678"), "k5").status_code == 429


def test_the_eleventh_order_from_one_address_in_ten_minutes_is_429(client, frozen_clock, rice):
    answers = [post(client, body(rice, phone=phone(n)), f"k{n}").status_code for n in range(10)]

    refused = post(client, body(rice, phone=phone(10)), "k10")
    elsewhere = post(client, body(rice, phone=phone(11)), "k11", address="198.51.100.20")

    assert answers == [201] * 10
    assert (refused.status_code, refused["Retry-After"]) == (429, "660")
    assert refused.json()["message"] == PLACED_TOO_MANY_EN.format(11)
    assert elsewhere.status_code == 201
    assert Order.objects.count() == 11


def test_ipv6_addresses_of_one_64_network_count_as_one_address(client, frozen_clock, rice):
    for n in range(10):
        post(client, body(rice, phone=phone(n)), f"k{n}", address=f"2001:db8:7:7::{n + 1:x}")

    same_network = post(client, body(rice, phone=phone(10)), "k10", address="2001:db8:7:7:a::1")
    next_network = post(client, body(rice, phone=phone(11)), "k11", address="2001:db8:7:8::1")

    assert (same_network.status_code, next_network.status_code) == (429, 201)


def test_a_replay_is_neither_throttled_nor_counted(client, frozen_clock, rice):
    for n in range(4):
        post(client, body(rice), f"k{n}")
    replays = [post(client, body(rice), "k3") for _ in range(10)]
    fifth = post(client, body(rice), "k4")
    replay_over_the_limit = post(client, body(rice), "k4")

    assert {(r.status_code, r["Idempotent-Replayed"]) for r in replays} == {(201, "true")}
    assert fifth.status_code == 201
    assert replay_over_the_limit.status_code == 201
    assert replay_over_the_limit.json() == fifth.json()
    assert post(client, body(rice), "k5").status_code == 429
    assert Order.objects.count() == 5


def test_refused_orders_are_not_counted(client, frozen_clock, rice):
    sold_out = product(stock=0)
    for n in range(12):
        assert post(client, body(sold_out), f"bad{n}").status_code == 409
        assert post(client, {"lines": []}, f"empty{n}").status_code == 422

    assert [post(client, body(rice), f"k{n}").status_code for n in range(5)] == [201] * 5


def test_the_address_is_the_configured_client_address(client, settings, frozen_clock, rice):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    for n in range(10):
        client.post(
            URL,
            data=json.dumps(body(rice, phone=phone(n))),
            content_type="application/json",
            headers={
                "Idempotency-Key": f"k{n}-0123456789abcdef",
                "X-Forwarded-For": f"10.0.0.{n}, 192.0.2.1",
            },
        )

    # Every request came through the proxy from 192.0.2.1: the forged left part is ignored.
    refused = client.post(
        URL,
        data=json.dumps(body(rice, phone=phone(10))),
        content_type="application/json",
        headers={
            "Idempotency-Key": "k10-0123456789abcdef",
            "X-Forwarded-For": "10.9.9.9, 192.0.2.1",
        },
    )
    assert refused.status_code == 429


def test_the_openapi_schema_documents_429(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert "429" in paths["/api/v1/orders"]["post"]["responses"]
    assert "429" in paths["/api/v1/orders/{code}"]["get"]["responses"]


# --- tracking -------------------------------------------------------------------------------


def track(client, code, phone_number, address="203.0.113.7", lang="en"):
    return client.get(f"{URL}/{code}", {"phone": phone_number, "lang": lang}, REMOTE_ADDR=address)


@pytest.fixture
def order(rice):
    return place([(rice, 1)]).orders[0]


def unused_code(order) -> str:
    return "HB-ZZZZZ" if order.code != "HB-ZZZZZ" else "HB-YYYYY"


@pytest.mark.parametrize("which", ["real code", "code that does not exist"])
def test_ten_failed_guesses_lock_the_code_for_everyone(client, frozen_clock, order, which):
    code = order.code if which == "real code" else unused_code(order)
    guesses = [
        track(client, code, f"0987 000 {n:03d}", address=f"10.0.{n}.1").status_code
        for n in range(10)
    ]

    locked = track(client, code, BUYER_PHONE, address="198.51.100.9")
    locked_vi = track(client, code, BUYER_PHONE, address="198.51.100.9", lang="vi")

    assert guesses == [404] * 10
    assert (locked.status_code, locked["Retry-After"]) == (429, "3960")
    assert locked.json() == {
        "code": "throttled",
        "message": TRACKED_TOO_MANY_EN.format(66),
        "errors": {},
        "retry_after": 3960,
    }
    assert locked_vi.json()["message"] == TRACKED_TOO_MANY_VI.format(66)


def test_a_locked_code_opens_again_as_the_hour_slides_on(client, frozen_clock, order):
    for n in range(10):
        track(client, order.code, f"0987 000 {n:03d}", address=f"10.0.{n}.1")
    frozen_clock.advance(hours=1, minutes=5)
    assert track(client, order.code, BUYER_PHONE).status_code == 429

    frozen_clock.advance(minutes=1)

    assert track(client, order.code, BUYER_PHONE).status_code == 200


def test_other_codes_are_not_locked_by_one_codes_failures(client, frozen_clock, order, rice):
    other = place([(rice, 1)]).orders[0]
    for n in range(10):
        track(client, other.code, f"0987 000 {n:03d}", address=f"10.0.{n}.1")

    assert track(client, order.code, BUYER_PHONE).status_code == 200


def test_the_thirty_first_lookup_from_one_address_is_429(client, frozen_clock, order):
    answers = [track(client, order.code, BUYER_PHONE).status_code for _ in range(30)]

    refused = track(client, order.code, BUYER_PHONE)
    other_address = track(client, order.code, BUYER_PHONE, address="198.51.100.9")

    assert answers == [200] * 30
    assert (refused.status_code, refused["Retry-After"]) == (429, "620")
    assert refused.json()["message"] == TRACKED_TOO_MANY_EN.format(11)
    assert other_address.status_code == 200


def test_a_wrong_phone_and_an_unknown_code_still_answer_the_same(client, frozen_clock, order):
    wrong_phone = track(client, order.code, "0987 000 111")
    unknown_code = track(client, unused_code(order), BUYER_PHONE)

    assert wrong_phone.status_code == unknown_code.status_code == 404
    assert (
        wrong_phone.json()
        == unknown_code.json()
        == {
            "code": "not_found",
            "message": NOT_FOUND_EN,
            "errors": {},
        }
    )


def test_three_hundred_guesses_from_many_addresses_never_find_the_phone(
    client, frozen_clock, order
):
    # The review's attack: 300 phone numbers for one code, the real one last.
    guesses = [f"0987 000 {n:03d}" for n in range(299)] + [BUYER_PHONE]
    answers = [
        track(client, order.code, guess, address=f"10.{n // 250}.{n % 250}.1").status_code
        for n, guess in enumerate(guesses)
    ]

    assert answers.count(404) == 10
    assert answers.count(429) == 290
    assert 200 not in answers
