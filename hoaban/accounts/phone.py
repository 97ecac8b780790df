"""Vietnamese phone numbers: entered in any common form, stored in E.164 (`+84…`)."""

import phonenumbers


class InvalidPhone(ValueError):
    pass


def normalize_phone(raw: str, *, region: str = "VN") -> str:
    """`0912 345 678`, `+84 912 345 678`, `84912345678` → `+84912345678`.

    Raises InvalidPhone for anything that is not a valid Vietnamese number.
    """
    text = (raw or "").strip()
    if not text:
        raise InvalidPhone("empty")
    digits = "".join(ch for ch in text if ch.isdigit())
    # "84912345678" typed without the plus is common; treat it as international.
    if not text.startswith("+") and digits.startswith("84") and len(digits) == 11:
        text = "+" + digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(str(exc)) from exc
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise InvalidPhone(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """`+84912345678` → `0912 345 678`, the way people write it."""
    try:
        number = phonenumbers.parse(e164, "VN")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
