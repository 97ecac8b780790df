"""VietQR payload: the public examples decode and check; round trips; bad input refused."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoaban.commerce.payments.vietqr import (
    SERVICE_TO_CARD,
    VietQR,
    VietQRError,
    crc16_ccitt_false,
    decode,
    encode,
    purpose_text,
    verify_crc,
)

MB_100K = (
    "00020101021238570010A000000727012700069704220113VQRQACLNP26800208QRIBFTTA"
    "530370454061000005802VN62270823Thanh toan don hang ABC6304CE4C"
)
TECHCOMBANK_STATIC = (
    "00020101021138510010A00000072701210006970407010797968680208QRIBFTTA"
    "53037045802VN62240820gen by sunary/vietqr6304BE74"
)


def test_crc_check_value_of_ccitt_false():
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_public_example_with_amount_decodes_and_checks():
    assert verify_crc(MB_100K)
    assert decode(MB_100K) == VietQR(
        bank_bin="970422",
        account="VQRQACLNP2680",
        amount=100_000,
        purpose="Thanh toan don hang ABC",
    )


def test_public_static_example_decodes_and_checks():
    assert verify_crc(TECHCOMBANK_STATIC)
    qr = decode(TECHCOMBANK_STATIC)
    assert qr == VietQR(bank_bin="970407", account="9796868", purpose="gen by sunary/vietqr")
    assert qr.is_static


@pytest.mark.parametrize("payload", [MB_100K, TECHCOMBANK_STATIC])
def test_public_examples_encode_back_byte_for_byte(payload):
    assert encode(decode(payload)) == payload


def test_encode_order_payment():
    payload = encode(
        VietQR(bank_bin="970405", account="1234567890123", amount=90_000, purpose="HB-7K3Q2")
    )
    assert payload.startswith("000201010212")
    assert "0010A000000727" in payload
    assert "0006970405" in payload
    assert "540590000" in payload
    assert "62120808HB-7K3Q2" in payload
    assert payload[-8:-4] == "6304"
    assert payload[-4:] == payload[-4:].upper()
    assert verify_crc(payload)


def test_changed_digit_breaks_the_crc():
    tampered = MB_100K.replace("5406100000", "5406900000")
    with pytest.raises(VietQRError, match="CRC does not match"):
        decode(tampered)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("", "does not end with a CRC"),
        ("hello", "does not end with a CRC"),
        (MB_100K[:-4] + "ZZZZ", "not 4 hexadecimal"),
        ("Thanh toán" + MB_100K, "ASCII"),
    ],
)
def test_malformed_payloads_are_refused(payload, message):
    with pytest.raises(VietQRError, match=message):
        decode(payload)


def _with_crc(body: str) -> str:
    body += "6304"
    return body + f"{crc16_ccitt_false(body.encode()):04X}"


def test_truncated_field_with_a_valid_crc_is_refused():
    with pytest.raises(VietQRError, match="cut short"):
        decode(_with_crc("00020101021238570010A000000727"))


def test_wrong_guid_with_a_valid_crc_is_refused():
    body = MB_100K[:-8].replace("A000000727", "A000000999")
    with pytest.raises(VietQRError, match="38.00"):
        decode(_with_crc(body))


def test_wrong_currency_with_a_valid_crc_is_refused():
    body = MB_100K[:-8].replace("5303704", "5303840")
    with pytest.raises(VietQRError, match="currency"):
        decode(_with_crc(body))


@pytest.mark.parametrize(
    "fields",
    [
        {"bank_bin": "97042", "account": "123"},
        {"bank_bin": "970422", "account": ""},
        {"bank_bin": "970422", "account": "12345678901234567890"},
        {"bank_bin": "970422", "account": "123", "amount": 0},
        {"bank_bin": "970422", "account": "123", "amount": -5},
        {"bank_bin": "970422", "account": "123", "purpose": "Đơn hàng"},
        {"bank_bin": "970422", "account": "123", "purpose": "x" * 26},
    ],
)
def test_encode_refuses_fields_a_bank_would_refuse(fields):
    with pytest.raises(VietQRError):
        encode(VietQR(**fields))


def test_purpose_text_strips_diacritics_and_cuts_to_25():
    assert purpose_text("Đơn hàng HB-7K3Q2") == "Don hang HB-7K3Q2"
    assert purpose_text("Thanh toán đơn hàng của chị Mai ở Na Rì") == "Thanh toan don hang cua c"
    assert purpose_text("  HB-7K3Q2\n") == "HB-7K3Q2"
    assert purpose_text("Miến 🍜 dong") == "Mien dong"


purposes = st.text(
    alphabet="ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-_/:#()",
    max_size=25,
).map(str.strip)

vietqrs = st.builds(
    VietQR,
    bank_bin=st.from_regex(r"\A[0-9]{6}\Z"),
    account=st.from_regex(r"\A[A-Za-z0-9]{1,19}\Z"),
    amount=st.none() | st.integers(min_value=1, max_value=10**12),
    purpose=purposes,
    service=st.sampled_from(["QRIBFTTA", SERVICE_TO_CARD]),
)


@given(vietqrs)
def test_round_trip_encode_decode(qr):
    payload = encode(qr)
    assert verify_crc(payload)
    assert decode(payload) == qr
    assert encode(decode(payload)) == payload


@given(vietqrs, st.data())
def test_any_single_character_change_is_detected(qr, data):
    payload = encode(qr)
    index = data.draw(st.integers(min_value=0, max_value=len(payload) - 1))
    replacement = data.draw(st.sampled_from("0123456789ABCDEFXYZ"))
    changed = payload[:index] + replacement + payload[index + 1 :]
    if changed != payload:
        with pytest.raises(VietQRError):
            decode(changed)


@given(st.text(max_size=80))
def test_purpose_text_is_always_accepted_by_encode(text):
    purpose = purpose_text(text)
    assert len(purpose) <= 25
    assert purpose.isascii()
    assert decode(encode(VietQR(bank_bin="970405", account="123", purpose=purpose))).purpose == (
        purpose
    )
