from django.conf import settings
from django.urls import reverse

from hoaban.accounts.consent import consent_text
from hoaban.accounts.models import Consent, User
from hoaban.accounts.services import user_register
from hoaban.places.models import Commune

from .factories import UserFactory

NA_RI = 2155  # Xã Na Rì, Thái Nguyên (formerly Bắc Kạn)
THAI_NGUYEN = 19

MSG = {
    "vi": {
        "phone": "Số điện thoại không đúng. Hãy nhập số Việt Nam, ví dụ 0912 345 678.",
        "taken": "Số điện thoại này đã có tài khoản. Hãy đăng nhập hoặc dùng số khác.",
        "consent": (
            "Hãy đánh dấu vào ô đồng ý cho phép sử dụng dữ liệu cá nhân. "
            "Nếu không đồng ý, chúng tôi không thể tạo tài khoản."
        ),
    },
    "en": {
        "phone": (
            "The phone number is not right. Enter a Vietnamese number, for example 0912 345 678."
        ),
        "taken": "This phone number already has an account. Log in, or use another number.",
        "consent": (
            "Tick the box to agree to the use of your personal data. "
            "Without it we cannot create your account."
        ),
    },
}


def signup_data(**changes):
    data = {
        "phone": "0912 345 678",
        "password1": "hoa-ban-2026",
        "password2": "hoa-ban-2026",
        "full_name": "Hoàng Thị Mai",
        "email": "",
        "gender": "female",
        "birth_year": "1988",
        "ethnicity": "02",
        "preferred_language": "vi",
        "province": str(THAI_NGUYEN),
        "home_commune": str(NA_RI),
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_signup_page_shows_the_consent_text_and_an_unticked_box(vi):
    response = vi.get(reverse("accounts:signup"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15" in html
    assert 'type="checkbox" name="consent"' in html
    assert "checked" not in html.split('name="consent"')[1].split(">")[0]
    assert 'inputmode="tel"' in html


def test_signup_creates_the_person_and_the_consent_and_logs_them_in(vi):
    response = vi.post(reverse("accounts:signup"), signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    user = User.objects.get()
    assert user.phone == "+84912345678"
    assert user.full_name == "Hoàng Thị Mai"
    assert user.gender == "female"
    assert user.birth_year == 1988
    assert user.ethnicity_id == "02"
    assert user.home_commune_id == NA_RI
    assert user.preferred_language == "vi"
    assert user.check_password("hoa-ban-2026")
    consent = Consent.objects.get()
    assert consent.user == user
    assert consent.version == settings.CONSENT_VERSION
    assert consent.language == "vi"
    assert consent.text.startswith("Hoa Ban sử dụng dữ liệu cá nhân của bạn như thế nào")
    assert "91/2025/QH15" in consent.text
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    assert vi.get(reverse("accounts:profile")).status_code == 200


def test_signup_in_english_stores_the_english_text_shown(en):
    response = en.post(reverse("accounts:signup"), signup_data(preferred_language="en"))

    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.language == "en"
    assert consent.text.startswith("How Hoa Ban uses your personal data")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_signup_without_the_optional_fields(vi):
    data = signup_data(
        gender="", birth_year="", ethnicity="", province="", home_commune="", email=""
    )

    response = vi.post(reverse("accounts:signup"), data)

    assert response.status_code == 302
    user = User.objects.get()
    assert (user.gender, user.birth_year, user.ethnicity, user.home_commune) == (
        "",
        None,
        None,
        None,
    )


def assert_refused(client, language, data, key, field):
    response = client.post(reverse("accounts:signup"), data)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [MSG[language][key]]
    assert MSG[language][key] in response.content.decode()
    assert User.objects.count() == 0
    assert Consent.objects.count() == 0
    assert 'aria-invalid="true"' in response.content.decode()


def test_malformed_phone_is_refused_in_vietnamese(vi):
    assert_refused(vi, "vi", signup_data(phone="0912 345"), "phone", "phone")


def test_malformed_phone_is_refused_in_english(en):
    assert_refused(en, "en", signup_data(phone="12345"), "phone", "phone")


def test_signup_without_consent_is_refused_in_vietnamese(vi):
    assert_refused(vi, "vi", signup_data(consent=None), "consent", "consent")


def test_signup_without_consent_is_refused_in_english(en):
    assert_refused(en, "en", signup_data(consent=None), "consent", "consent")


def test_duplicate_phone_is_refused_in_both_languages(client, db):
    UserFactory(phone="+84912345678")

    for language in ("vi", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.post(reverse("accounts:signup"), signup_data(phone="84 912 345 678"))

        assert response.status_code == 400
        assert response.context["form"].errors["phone"] == [MSG[language]["taken"]]
        assert User.objects.count() == 1
        assert Consent.objects.count() == 0


def test_different_passwords_are_refused(en):
    response = en.post(reverse("accounts:signup"), signup_data(password2="something-else"))

    assert response.context["form"].errors["password2"] == [
        "The two passwords are not the same. Type the same password twice."
    ]
    assert User.objects.count() == 0


def test_weak_password_is_refused_by_django_validators(en):
    response = en.post(
        reverse("accounts:signup"), signup_data(password1="12345678", password2="12345678")
    )

    assert response.status_code == 400
    assert "This password is entirely numeric." in response.context["form"].errors["password1"]
    assert User.objects.count() == 0


def test_commune_of_another_province_is_refused(en):
    hanoi_commune = Commune.objects.filter(province_id=1).order_by("code").first()

    response = en.post(
        reverse("accounts:signup"), signup_data(home_commune=str(hanoi_commune.code))
    )

    assert response.context["form"].errors["home_commune"] == [
        "Choose a commune of the chosen province from the list."
    ]
    assert User.objects.count() == 0


def test_province_without_commune_asks_for_the_commune_and_lists_them(en):
    response = en.post(reverse("accounts:signup"), signup_data(home_commune=""))

    assert response.context["form"].errors["home_commune"] == [
        "Now choose your commune or ward from the list, or leave the province empty."
    ]
    assert f'<option value="{NA_RI}">Xã Na Rì</option>' in response.content.decode()
    assert User.objects.count() == 0


def test_show_communes_button_rerenders_without_errors_and_keeps_the_values(en):
    data = signup_data(home_commune="", _communes="1")

    response = en.post(reverse("accounts:signup"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert f'<option value="{NA_RI}">Xã Na Rì</option>' in html
    assert 'value="Hoàng Thị Mai"' in html
    assert "hoa-ban-2026" not in html
    assert User.objects.count() == 0


def test_user_register_service_records_the_exact_text(db):
    user = user_register(
        phone="0387 654 321",
        password="hoa-ban-2026",
        full_name="Triệu Thị Lan",
        consent_text="The words shown",
        consent_version="2026-01",
        language="en",
        gender="female",
    )

    assert user.phone == "+84387654321"
    assert user.preferred_language == "en"
    consent = user.consents.get()
    assert (consent.text, consent.version, consent.language) == ("The words shown", "2026-01", "en")


def test_consent_text_is_the_one_shown(vi):
    response = vi.get(reverse("accounts:signup"))

    for paragraph in consent_text().split("\n\n"):
        assert paragraph in response.content.decode()
