"""`catalog_cached`: computed once per catalogue version, computed again after any change."""

import pytest

from hoaban.core.pagecache import catalog_cached, catalog_changed

pytestmark = pytest.mark.django_db  # catalog_changed bumps again on commit


def test_computed_once_per_version_and_again_after_a_change():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert catalog_cached("counts", compute) == 1
    assert catalog_cached("counts", compute) == 1
    assert len(calls) == 1
    catalog_changed()
    assert catalog_cached("counts", compute) == 2
    assert len(calls) == 2


def test_names_do_not_share_a_value_and_any_text_is_a_name():
    assert catalog_cached("q=mien dong", lambda: "a") == "a"
    assert catalog_cached("q=mien dong\x00 ☃ " + "x" * 500, lambda: "b") == "b"
    assert catalog_cached("q=mien dong", lambda: "c") == "a"


def test_a_falsy_value_is_kept_too():
    assert catalog_cached("empty", lambda: 0) == 0
    assert catalog_cached("empty", lambda: 1) == 0
