from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from hoaban.accounts.models import User

from .factories import PASSWORD, UserFactory

WRONG = {
    "vi": "Số điện thoại hoặc mật khẩu không đúng. Hãy kiểm tra và thử lại.",
    "en": "The phone number or password is wrong. Check them and try again.",
}
LOCKED = {
    "vi": "Bạn đã nhập sai quá nhiều lần. Số điện thoại này tạm bị khóa đăng nhập đến",
    "en": "Too many wrong tries. Logging in with this number is locked until",
}


def login(client, phone, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": phone, "password": password})


def test_login_with_the_national_form_of_a_stored_e164_number(vi):
    user = UserFactory(phone="+84912345678", preferred_language="en")

    response = login(vi, "0912 345 678")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert vi.session["_auth_user_id"] == str(user.pk)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_login_sets_the_language_cookie_to_vietnamese_for_a_vietnamese_speaker(en):
    UserFactory(phone="+84912345678", preferred_language="vi")

    response = login(en, "84912345678")

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"


def test_login_honours_a_safe_next_and_ignores_another_site(vi):
    UserFactory(phone="+84912345678")

    good = vi.post(
        reverse("accounts:login"),
        {"username": "0912345678", "password": PASSWORD, "next": "/accounts/profile/?x=1"},
    )
    vi.post(reverse("accounts:logout"))
    bad = vi.post(
        reverse("accounts:login"),
        {"username": "0912345678", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert good["Location"] == "/accounts/profile/?x=1"
    assert bad["Location"] == reverse("accounts:profile")


def test_wrong_password_is_refused_in_both_languages(client, db):
    UserFactory(phone="+84912345678")

    for language in ("vi", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = login(client, "0912 345 678", "not-the-password")

        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [WRONG[language]]
        assert "_auth_user_id" not in client.session


def test_malformed_phone_at_login_says_how_to_write_it(en):
    response = login(en, "12ab")

    assert response.context["form"].errors["username"] == [
        "The phone number is not right. Enter a Vietnamese number, for example 0912 345 678."
    ]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_after_the_failure_limit_whatever_form_the_number_is_typed_in(vi):
    UserFactory(phone="+84912345678")

    first = login(vi, "0912 345 678", "wrong-password")
    second = login(vi, "+84912345678", "wrong-password")
    third = login(vi, "84912345678", "wrong-password")  # reaches the limit: locked at once
    with_the_right_password = login(vi, "0912345678", PASSWORD)

    assert (first.status_code, second.status_code) == (200, 200)
    assert third.status_code == 429
    assert with_the_right_password.status_code == 429
    assert LOCKED["vi"] in with_the_right_password.content.decode()
    assert "_auth_user_id" not in vi.session
    vi.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert LOCKED["en"] in login(vi, "0912345678", PASSWORD).content.decode()


def test_failures_below_the_limit_do_not_lock(vi):
    UserFactory(phone="+84912345678")

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(vi, "0912 345 678", "wrong-password").status_code == 200

    assert login(vi, "0912 345 678").status_code == 302


def test_logout_is_post_only(vi):
    UserFactory(phone="+84912345678")
    login(vi, "0912345678")

    assert vi.get(reverse("accounts:logout")).status_code == 405
    response = vi.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in vi.session
    assert User.objects.count() == 1


def test_the_sign_up_link_keeps_where_she_was_going_but_not_another_site(vi):
    going = vi.get(reverse("accounts:login") + "?next=/me/cooperatives/join/")
    elsewhere = vi.get(reverse("accounts:login") + "?next=https://evil.example/")

    assert 'href="/accounts/signup/?next=%2Fme%2Fcooperatives%2Fjoin%2F"' in going.content.decode()
    assert 'href="/accounts/signup/"' in elsewhere.content.decode()
