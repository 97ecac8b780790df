"""The Django admin's login takes a phone number in any common form, like the site's login,
and stays throttled by axes (issue 8)."""

import pytest
from django.urls import reverse

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    return UserFactory(phone="+84912345678", is_staff=True, is_superuser=True)


def admin_login(client, username, password=PASSWORD):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.9",
    )


@pytest.mark.parametrize(
    "typed", ["0912 345 678", "0912345678", "+84912345678", "84912345678", "+84 912-345-678"]
)
def test_the_admin_login_accepts_any_common_phone_form(client, root, typed):
    response = admin_login(client, typed)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.session["_auth_user_id"] == str(root.pk)


def test_a_person_who_is_not_staff_is_still_refused(client, db):
    UserFactory(phone="+84987654321", is_staff=False)

    response = admin_login(client, "0987 654 321")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_locked_after_five_failures_whatever_the_phone_form(client, root):
    forms = ["0912 345 678", "+84912345678", "84912345678", "0912345678"]
    for typed in forms:
        assert admin_login(client, typed, "wrong-password").status_code == 200

    fifth = admin_login(client, "0912.345.678", "wrong-password")
    locked = admin_login(client, "0912 345 678")  # the right password, too late

    assert (fifth.status_code, locked.status_code) == (429, 429)
    assert "_auth_user_id" not in client.session
