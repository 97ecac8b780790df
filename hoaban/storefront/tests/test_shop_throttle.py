"""Issue 6 on the web: the checkout and the tracking pages are throttled (429, Retry-After,
the page again with the message in vi and en); replays of a checkout are not. Frozen clock."""

import re

import pytest
from django.urls import reverse

from hoaban.catalog.tests.factories import ProductFactory
from hoaban.commerce.models import IdempotencyRecord, Order
from hoaban.commerce.tests.builders import BUYER_PHONE, place, product, seller_with_bank
from hoaban.orgs.tests.factories import NA_RI
from hoaban.storefront.cart import SESSION_KEY

pytestmark = pytest.mark.django_db

PLACED_TOO_MANY_EN = (
    "You have placed many orders in a short time. Please wait 72 minutes, then try again."
)
PLACED_TOO_MANY_VI = "Bạn đã đặt nhiều đơn trong thời gian ngắn. Hãy chờ 72 phút rồi thử lại."
TRACKED_TOO_MANY_EN = (
    "There were too many tries to find this order. Please wait 66 minutes, then try again."
)
TRACKED_TOO_MANY_VI = "Đã có quá nhiều lần thử tìm đơn hàng này. Hãy chờ 66 phút rồi thử lại."
NOT_FOUND_EN = "We found no order with this code and phone number."


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


def english(client):
    client.cookies["hoaban_language"] = "en"
    return client


def vietnamese(client):
    client.cookies["hoaban_language"] = "vi"
    return client


@pytest.fixture
def noodles():
    seller = seller_with_bank(name="HTX Miến dong Côn Minh")
    return ProductFactory(organisation=seller, name="Miến dong", price=45_000, stock=1_000)


def checkout_key(client) -> str:
    page = client.get(reverse("shop:checkout")).content.decode()
    return re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page).group(1)


def checkout(client, noodles, phone=BUYER_PHONE, key=None):
    """Fill the basket, open the checkout, place: the response of the placing POST."""
    client.post(reverse("shop:cart_add"), {"product": noodles.code, "quantity": 1})
    data = {
        "name": "Nguyễn Thị Lan",
        "phone": phone,
        "delivery": "ship",
        "province": "19",
        "commune": str(NA_RI),
        "address": "Thôn Nà Lạn",
        "payment": "cod",
        "idempotency_key": key or checkout_key(client),
    }
    return client.post(reverse("shop:checkout"), data)


def test_the_sixth_checkout_for_one_phone_shows_the_page_again_with_429(
    client, frozen_clock, noodles
):
    answers = [checkout(client, noodles).status_code for _ in range(5)]

    refused_en = checkout(english(client), noodles)
    refused_vi = checkout(vietnamese(client), noodles)

    assert answers == [302] * 5
    assert (refused_en.status_code, refused_en["Retry-After"]) == (429, "4320")
    assert PLACED_TOO_MANY_EN in refused_en.content.decode()
    assert 'name="idempotency_key"' in refused_en.content.decode()  # the checkout form again
    assert refused_vi.status_code == 429
    assert PLACED_TOO_MANY_VI in refused_vi.content.decode()
    assert Order.objects.count() == 5
    assert client.session[SESSION_KEY] == {noodles.code: 2}  # the basket is kept


def test_the_eleventh_checkout_from_one_address_is_429(client, frozen_clock, noodles):
    answers = [checkout(client, noodles, phone=f"0912 000 {n:03d}").status_code for n in range(10)]

    refused = checkout(english(client), noodles, phone="0912 000 999")

    assert answers == [302] * 10
    assert refused.status_code == 429
    assert "Please wait 11 minutes, then try again." in refused.content.decode()
    assert Order.objects.count() == 10


def test_a_second_tap_over_the_limit_still_shows_what_the_first_placed(
    client, frozen_clock, noodles
):
    for _ in range(4):
        checkout(client, noodles)
    client.post(reverse("shop:cart_add"), {"product": noodles.code, "quantity": 1})
    key = checkout_key(client)
    first = checkout(client, noodles, key=key)

    second = checkout(client, noodles, key=key)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Order.objects.count() == 5


def test_a_racing_replay_over_the_limit_is_replayed_not_throttled(client, frozen_clock, noodles):
    # Two taps racing: the second still sees the basket and not yet the first's session.
    for _ in range(4):
        checkout(client, noodles)
    client.post(reverse("shop:cart_add"), {"product": noodles.code, "quantity": 1})
    key = checkout_key(client)
    first = checkout(client, noodles, key=key)
    session = client.session
    session["shop_placed"] = []
    session.save()
    client.post(reverse("shop:cart_add"), {"product": noodles.code, "quantity": 1})

    again = checkout(client, noodles, key=key)  # the same basket again (2 ×), same request

    assert (first.status_code, again.status_code) == (302, 302)
    assert again["Location"] == first["Location"]
    assert Order.objects.count() == 5


def test_a_refused_checkout_is_not_counted_and_names_the_cap(client, frozen_clock, noodles):
    client.post(reverse("shop:cart_add"), {"product": noodles.code, "quantity": 100})
    refused = [checkout(english(client), noodles) for _ in range(6)]  # 101 > the cap of 100

    assert {r.status_code for r in refused} == {400}
    assert "One order can have at most 100 of Miến dong" in refused[0].content.decode()
    assert Order.objects.count() == 0
    client.post(reverse("shop:cart_update"), {"product": noodles.code, "quantity": 1})
    placed = client.post(
        reverse("shop:checkout"),
        {
            "name": "Nguyễn Thị Lan",
            "phone": BUYER_PHONE,
            "delivery": "pickup",
            "payment": "cash",
            "idempotency_key": checkout_key(client),
        },
    )
    assert placed.status_code == 302


# --- tracking -------------------------------------------------------------------------------


@pytest.fixture
def order():
    return place([(product(name="Miến dong Na Rì", price=45_000), 2)]).orders[0]


def track(client, url_name, code, phone, address="203.0.113.7", **extra):
    return client.post(
        reverse(url_name), {"code": code, "phone": phone, **extra}, REMOTE_ADDR=address
    )


@pytest.mark.parametrize("which", ["real code", "code that does not exist"])
def test_ten_wrong_phones_lock_the_code_on_the_tracking_page(client, frozen_clock, order, which):
    code = (
        order.code if which == "real code" else ("HB-ZZZZZ", "HB-YYYYY")[order.code == "HB-ZZZZZ"]
    )
    guesses = [
        track(english(client), "shop:track", code, f"0987 000 {n:03d}", f"10.0.{n}.1")
        for n in range(10)
    ]

    locked_en = track(english(client), "shop:track", code, BUYER_PHONE, "198.51.100.9")
    locked_vi = track(vietnamese(client), "shop:track", code, BUYER_PHONE, "198.51.100.9")

    assert {g.status_code for g in guesses} == {404}
    assert all(NOT_FOUND_EN in g.content.decode() for g in guesses)
    assert (locked_en.status_code, locked_en["Retry-After"]) == (429, "3960")
    assert TRACKED_TOO_MANY_EN in locked_en.content.decode()
    assert 'name="phone"' in locked_en.content.decode()  # the tracking form again
    assert order.code not in locked_en.content.decode().replace(f'value="{code}"', "")
    assert locked_vi.status_code == 429
    assert TRACKED_TOO_MANY_VI in locked_vi.content.decode()


@pytest.mark.parametrize("url_name", ["shop:track_cancel", "shop:review"])
def test_cancel_and_review_guess_under_the_same_lock(client, frozen_clock, order, url_name):
    # Their forms also take a code and a phone: the same counting, or they would be an oracle.
    for n in range(10):
        track(client, url_name, order.code, f"0987 000 {n:03d}", f"10.0.{n}.1")

    locked = track(english(client), "shop:track", order.code, BUYER_PHONE)
    via_the_same_form = track(english(client), url_name, order.code, BUYER_PHONE)

    assert locked.status_code == via_the_same_form.status_code == 429
    assert TRACKED_TOO_MANY_EN in via_the_same_form.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED


def test_the_thirty_first_lookup_from_one_address_is_429(client, frozen_clock, order):
    answers = [track(client, "shop:track", order.code, BUYER_PHONE).status_code for _ in range(30)]

    refused = track(english(client), "shop:track", order.code, BUYER_PHONE)

    assert answers == [200] * 30
    assert (refused.status_code, refused["Retry-After"]) == (429, "620")
    assert "Please wait 11 minutes, then try again." in refused.content.decode()
    assert track(client, "shop:track", order.code, BUYER_PHONE, "198.51.100.9").status_code == 200


def test_an_empty_form_is_not_a_lookup_and_is_not_counted(client, frozen_clock, order):
    for _ in range(40):
        assert track(client, "shop:track", "", "").status_code == 400

    assert track(client, "shop:track", order.code, BUYER_PHONE).status_code == 200
    assert IdempotencyRecord.objects.count() == 1
