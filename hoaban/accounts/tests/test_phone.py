import pytest

from hoaban.accounts.phone import InvalidPhone, display_phone, normalize_phone
from hoaban.accounts.throttling import axes_username


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "+84912345678"),
        ("0912345678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("0912-345-678", "+84912345678"),
        (" 0912 345 678 ", "+84912345678"),
        ("(+84) 912 345 678", "+84912345678"),
        ("0387 654 321", "+84387654321"),
        ("0701234567", "+84701234567"),
        ("0581234567", "+84581234567"),
        ("0245 123 4567", "+842451234567"),
    ],
)
def test_valid_vietnamese_numbers_are_stored_in_e164(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "abc",
        "0912 345",
        "091234567890",
        "+14155552671",
        "+66812345678",
        "0012345678",
        "0112345678",
        "84 12",
    ],
)
def test_malformed_or_foreign_numbers_are_refused(typed):
    with pytest.raises(InvalidPhone):
        normalize_phone(typed)


def test_display_phone_writes_the_national_form():
    assert display_phone("+84912345678") == "0912 345 678"


def test_axes_counts_every_form_of_a_number_as_the_same_person():
    assert axes_username(None, {"username": "0912 345 678"}) == "+84912345678"
    assert axes_username(None, {"username": "84912345678"}) == "+84912345678"
    assert axes_username(None, {"username": "nonsense"}) == "nonsense"


def test_production_hashes_passwords_with_argon2():
    from hoaban import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_first_name_is_the_given_name_whatever_the_naming_order():
    from hoaban.accounts.models import User

    assert User(full_name="Hoàng Thị Mai", ethnicity_id="02").first_name == "Mai"
    assert User(full_name="H'Lia Niê", ethnicity_id="12").first_name == "H'Lia"
    assert User(full_name="Triệu Thị Hoa").first_name == "Hoa"
    assert User(full_name="").first_name == ""
