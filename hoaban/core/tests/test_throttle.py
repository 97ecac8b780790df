"""The shared throttle: a sliding window over two cache counters, with an injected clock."""

import threading

import pytest
from django.core.cache import cache

from hoaban.core import throttle

FIVE_PER_MINUTE = throttle.Limit(name="test", events=5, period=60)
T0 = 1_800_000_000.0  # a window boundary (divisible by 60)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def take_many(limit, subject, count, now):
    return [throttle.take(limit, subject, now=now).retry_after for _ in range(count)]


@pytest.mark.parametrize(
    ("text", "events", "period"),
    [("10/10m", 10, 600), ("5/h", 5, 3600), ("30/45", 30, 45), ("3/d", 3, 86400), ("1/s", 1, 1)],
)
def test_rates_are_read_like_10_per_10m(text, events, period):
    assert throttle.parse_rate("x", text) == throttle.Limit("x", events, period)


@pytest.mark.parametrize("text", ["", "ten/m", "10", "0/m", "10/0m", "10/10w", "-1/m"])
def test_a_malformed_rate_is_refused(text):
    with pytest.raises(ValueError, match="throttle rate 'x'"):
        throttle.parse_rate("x", text)


def test_settings_override_the_default_rate(settings):
    settings.THROTTLE_RATES = {"order_place_phone": "2/30m"}

    assert throttle.rate("order_place_phone") == throttle.Limit("order_place_phone", 2, 1800)
    assert throttle.rate("order_track_address") == throttle.Limit("order_track_address", 30, 600)


def test_the_limit_allows_its_events_then_says_how_long_to_wait():
    answers = take_many(FIVE_PER_MINUTE, "10.0.0.1", 6, now=T0 + 10)

    assert answers[:5] == [0, 0, 0, 0, 0]
    # Five in this window: the sixth fits once this window's count has slid halfway out of
    # the next one: 50 s to the end of this window + 12 s (5 × (1 − 12/60) = 4, +1 = 5).
    assert answers[5] == 62


def test_a_refused_event_is_not_counted_and_waiting_long_enough_lets_one_through():
    take_many(FIVE_PER_MINUTE, "10.0.0.1", 5, now=T0 + 10)
    refused = take_many(FIVE_PER_MINUTE, "10.0.0.1", 20, now=T0 + 20)

    assert set(refused) == {52}
    assert throttle.take(FIVE_PER_MINUTE, "10.0.0.1", now=T0 + 71).retry_after == 1
    assert throttle.take(FIVE_PER_MINUTE, "10.0.0.1", now=T0 + 72).allowed
    assert not throttle.take(FIVE_PER_MINUTE, "10.0.0.1", now=T0 + 72).allowed


def test_no_burst_of_twice_the_limit_across_a_window_boundary():
    take_many(FIVE_PER_MINUTE, "10.0.0.1", 5, now=T0 + 59)

    # One second later, in the next fixed window, almost all of the previous one still counts.
    assert throttle.take(FIVE_PER_MINUTE, "10.0.0.1", now=T0 + 60).retry_after == 12
    # Two periods later nothing counts any more.
    assert take_many(FIVE_PER_MINUTE, "10.0.0.1", 5, now=T0 + 180) == [0] * 5


def test_subjects_and_limits_are_counted_apart():
    take_many(FIVE_PER_MINUTE, "10.0.0.1", 5, now=T0)
    other_limit = throttle.Limit(name="other", events=5, period=60)

    assert throttle.take(FIVE_PER_MINUTE, "10.0.0.2", now=T0).allowed
    assert throttle.take(other_limit, "10.0.0.1", now=T0).allowed
    assert not throttle.take(FIVE_PER_MINUTE, "10.0.0.1", now=T0).allowed


def test_give_back_undoes_a_counted_event():
    taken = take_many(FIVE_PER_MINUTE, "+84912345678", 4, now=T0)
    last = throttle.take(FIVE_PER_MINUTE, "+84912345678", now=T0)
    assert taken == [0] * 4 and last.allowed

    throttle.give_back(last)

    assert throttle.take(FIVE_PER_MINUTE, "+84912345678", now=T0).allowed
    assert not throttle.take(FIVE_PER_MINUTE, "+84912345678", now=T0).allowed


def test_wait_counts_nothing():
    for _ in range(10):
        assert throttle.wait(FIVE_PER_MINUTE, "HB-7K3Q2", now=T0) == 0
    take_many(FIVE_PER_MINUTE, "HB-7K3Q2", 5, now=T0)

    assert throttle.wait(FIVE_PER_MINUTE, "HB-7K3Q2", now=T0 + 30) == 42


def test_the_injected_clock_is_used_without_now(monkeypatch):
    monkeypatch.setattr(throttle, "clock", lambda: T0)
    take_many(FIVE_PER_MINUTE, "10.0.0.1", 5, now=None)
    assert not throttle.take(FIVE_PER_MINUTE, "10.0.0.1").allowed

    monkeypatch.setattr(throttle, "clock", lambda: T0 + 120)

    assert throttle.take(FIVE_PER_MINUTE, "10.0.0.1").allowed


def test_the_cache_holds_no_phone_number_in_clear(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    from django.core.cache import caches

    throttle.take(FIVE_PER_MINUTE, "+84912345678", now=T0)

    keys = list(caches["default"]._cache)  # locmem's own store
    assert keys and not any("912345678" in key for key in keys)


def test_a_hundred_concurrent_takes_allow_exactly_the_limit():
    answers: list[bool] = []
    barrier = threading.Barrier(20)

    def burst():
        barrier.wait()
        answers.extend(throttle.take(FIVE_PER_MINUTE, "10.0.0.9", now=T0).allowed for _ in range(5))

    threads = [threading.Thread(target=burst) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert (len(answers), answers.count(True)) == (100, 5)


def test_a_thousand_subjects_do_not_disturb_each_other():
    for number in range(1000):
        assert throttle.take(
            FIVE_PER_MINUTE, f"10.1.{number // 256}.{number % 256}", now=T0
        ).allowed
    assert throttle.take(FIVE_PER_MINUTE, "10.1.0.0", now=T0).allowed


def test_retry_after_in_whole_minutes():
    assert [throttle.retry_after_minutes(s) for s in (1, 59, 60, 61, 3600)] == [1, 1, 1, 2, 60]


@pytest.mark.parametrize(
    ("address", "subject"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("not an address", "not an address"),
    ],
)
def test_an_ipv6_client_is_counted_by_its_64_network(address, subject):
    assert throttle.address_subject(address) == subject
