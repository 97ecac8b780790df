"""Login lock-out per phone (from any address) and per address (across phones).

Time is injected: axes stamps each attempt with `axes.handlers.proxy.now`.
"""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC)  # 08:00 in Vietnam
PHONE = "+84912345678"


class Clock:
    def __init__(self):
        self.now = START

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr("axes.handlers.proxy.now", lambda: clock.now)
    monkeypatch.setattr("django.utils.timezone.now", lambda: clock.now)
    return clock


WRONG_PASSWORD = "wrong-password"


def login(client, phone, password=WRONG_PASSWORD, address="203.0.113.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": phone, "password": password},
        REMOTE_ADDR=address,
    )


def test_five_failures_from_five_addresses_lock_the_phone(vi, clock):
    UserFactory(phone=PHONE)

    answers = [login(vi, PHONE, address=f"203.0.113.{n}").status_code for n in range(1, 6)]
    from_a_sixth_address = login(vi, "0912 345 678", PASSWORD, address="198.51.100.9")

    assert answers == [200, 200, 200, 200, 429]
    assert from_a_sixth_address.status_code == 429
    assert "_auth_user_id" not in vi.session


def test_failures_across_five_phones_from_one_address_lock_the_address(vi, clock):
    UserFactory(phone=PHONE)
    phones = [f"+8498765432{n}" for n in range(5)]

    # Four failures on each of five phones: no phone reaches its limit of 5, the address
    # reaches its limit of 20 on the last one.
    answers = [login(vi, phone).status_code for phone in phones for _try in range(4)]
    a_right_password_from_there = login(vi, PHONE, PASSWORD)
    from_elsewhere = login(vi, PHONE, PASSWORD, address="198.51.100.9")

    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT == 20
    assert answers == [200] * 19 + [429]
    assert a_right_password_from_there.status_code == 429
    assert (
        "Đã nhập sai quá nhiều lần từ kết nối này." in a_right_password_from_there.content.decode()
    )
    assert from_elsewhere.status_code == 302  # the phone itself is not locked


def test_a_success_elsewhere_does_not_reset_another_phones_failures(vi, client, clock):
    UserFactory(phone=PHONE)
    attacker = UserFactory(phone="+84987654321")

    for _try in range(4):
        login(vi, PHONE)
    # The same address logs into another account: its own failures only are cleared.
    assert login(vi, attacker.phone, PASSWORD).status_code == 302
    vi.post(reverse("accounts:logout"))
    fifth = login(vi, PHONE)

    assert fifth.status_code == 429


def test_the_owners_success_elsewhere_does_not_lift_a_lock(vi, clock):
    UserFactory(phone=PHONE)
    for _try in range(5):
        login(vi, PHONE)

    assert login(vi, PHONE, PASSWORD, address="198.51.100.9").status_code == 429


def test_the_locked_page_says_when_to_try_again_in_vietnam_time_in_both_languages(vi, clock):
    UserFactory(phone=PHONE)
    for _try in range(4):
        login(vi, PHONE)
    clock.advance(minutes=2)  # the fifth failure at 08:02 Vietnam time
    locked = login(vi, PHONE)
    clock.advance(minutes=5)  # trying again while locked does not push the time back
    again = login(vi, PHONE, PASSWORD)
    vi.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    in_english = login(vi, PHONE, PASSWORD)

    assert (locked.status_code, again.status_code, in_english.status_code) == (429, 429, 429)
    assert (locked["Retry-After"], again["Retry-After"]) == ("900", "600")  # until 08:17
    # axes keeps one row per phone and address with the time of its last failure: the five
    # failures expire together 15 minutes after the fifth (08:02), at 08:17.
    assert (
        "Bạn đã nhập sai quá nhiều lần. Số điện thoại này tạm bị khóa đăng nhập đến 08:17 "
        "ngày 02/03/2026 (giờ Việt Nam)." in again.content.decode()
    )
    assert "quản trị viên Hoa Ban có thể mở khóa số của bạn ngay" in again.content.decode()
    assert (
        "Too many wrong tries. Logging in with this number is locked until 08:17 on "
        "02/03/2026 (Vietnam time)." in in_english.content.decode()
    )
    assert "a Hoa Ban administrator can unlock your number at once" in in_english.content.decode()


def test_the_lock_ends_when_the_page_says(vi, clock):
    UserFactory(phone=PHONE)
    for _try in range(5):
        login(vi, PHONE)

    clock.advance(minutes=14, seconds=59)
    still_locked = login(vi, PHONE, PASSWORD)
    clock.advance(seconds=2)
    unlocked = login(vi, PHONE, PASSWORD)

    assert (still_locked.status_code, unlocked.status_code) == (429, 302)


def test_an_admin_unlocks_a_phone(vi, clock):
    UserFactory(phone=PHONE)
    for _try in range(5):
        login(vi, PHONE)

    call_command("axes_reset_username", PHONE, stdout=None)

    assert login(vi, PHONE, PASSWORD).status_code == 302


def test_behind_a_proxy_the_address_comes_from_the_trusted_header_only(vi, clock, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    UserFactory(phone=PHONE)
    phones = [f"+8498765432{n}" for n in range(5)]

    # Every request comes from the proxy (10.0.0.1); the client forges an extra entry in front,
    # which is ignored: the proxy's own entry (the last) is the client address.
    for phone in phones:
        for n in range(4):
            vi.post(
                reverse("accounts:login"),
                {"username": phone, "password": "wrong"},
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
            )
    other_client = vi.post(
        reverse("accounts:login"),
        {"username": PHONE, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    vi.post(reverse("accounts:logout"))
    locked_client = vi.post(
        reverse("accounts:login"),
        {"username": PHONE, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )

    assert other_client.status_code == 302
    assert locked_client.status_code == 429


def test_ipv6_addresses_count_by_their_64_network(vi, clock):
    UserFactory(phone=PHONE)
    phones = [f"+8498765432{n}" for n in range(5)]

    # One phone on IPv6 owns a whole /64: twenty addresses in it are one address.
    answers = [
        login(vi, phone, address=f"2001:db8:1:2::{n * 4 + i + 1:x}").status_code
        for n, phone in enumerate(phones)
        for i in range(4)
    ]
    same_network = login(vi, PHONE, PASSWORD, address="2001:db8:1:2:ffff::1")
    other_network = login(vi, PHONE, PASSWORD, address="2001:db8:1:3::1")

    assert answers == [200] * 19 + [429]
    assert same_network.status_code == 429
    assert other_network.status_code == 302
