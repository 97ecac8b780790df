"""The NAPAS VietQR payload (EMVCo merchant-presented QR), encoded and decoded.

No Django imports: a plain module, easy to test and to benchmark.

A payload is a run of TLV fields `ID LL value` (two-digit id, two-digit length, value):

    00 = "01"                         payload format indicator
    01 = "11" static / "12" with an amount
    38 = { 00 = "A000000727",          NAPAS GUID
           01 = { 00 = bank BIN (6 digits), 01 = account or card number },
           02 = "QRIBFTTA" (to an account) / "QRIBFTTC" (to a card) }
    53 = "704"                        currency: Vietnamese đồng
    54 = amount                       integer đồng (optional)
    58 = "VN"
    62 = { 08 = purpose, ≤ 25 chars } (optional)
    63 = CRC-16/CCITT-FALSE over everything before it, including "6304"; 4 upper-case hex

>>> payload = encode(VietQR(bank_bin="970422", account="0123456789", amount=45000,
...                         purpose="HB-7K3Q2"))
>>> decode(payload).amount
45000
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
SERVICE_TO_CARD = "QRIBFTTC"
SERVICES = (SERVICE_TO_ACCOUNT, SERVICE_TO_CARD)
CURRENCY_VND = "704"
COUNTRY = "VN"
STATIC = "11"
DYNAMIC = "12"
MAX_PURPOSE = 25
MAX_ACCOUNT = 19
# Characters a bank app shows safely in a transfer note.
_PURPOSE_ALLOWED = re.compile(r"^[A-Za-z0-9 .,\-_/:#()]*$")
_ACCOUNT = re.compile(r"^[A-Za-z0-9]{1,19}$")
_BIN = re.compile(r"^[0-9]{6}$")


class VietQRError(ValueError):
    """The payload (or the fields to encode) is not a valid VietQR."""


@dataclass(frozen=True, slots=True)
class VietQR:
    bank_bin: str
    account: str
    amount: int | None = None
    purpose: str = ""
    service: str = SERVICE_TO_ACCOUNT

    @property
    def is_static(self) -> bool:
        return self.amount is None


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
        table.append(crc & 0xFFFF)
    return tuple(table)


_CRC_TABLE = _crc_table()


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no xor-out."""
    crc = 0xFFFF
    for byte in data:
        crc = ((crc << 8) & 0xFFFF) ^ _CRC_TABLE[(crc >> 8) ^ byte]
    return crc


def purpose_text(text: str) -> str:
    """A transfer note a bank app accepts: ASCII only (diacritics stripped), ≤ 25 characters.

    >>> purpose_text("Đơn hàng HB-7K3Q2")
    'Don hang HB-7K3Q2'
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch.isascii())
    kept = "".join(ch if _PURPOSE_ALLOWED.match(ch) else " " for ch in ascii_only)
    return " ".join(kept.split())[:MAX_PURPOSE].strip()


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def _validate(qr: VietQR) -> None:
    if not _BIN.match(qr.bank_bin or ""):
        raise VietQRError("the bank BIN must be 6 digits")
    if not _ACCOUNT.match(qr.account or ""):
        raise VietQRError("the account must be 1 to 19 letters or digits")
    if qr.service not in SERVICES:
        raise VietQRError(f"unknown service {qr.service!r}")
    if qr.amount is not None and (
        isinstance(qr.amount, bool) or not isinstance(qr.amount, int) or qr.amount <= 0
    ):
        raise VietQRError("the amount must be a positive whole number of đồng")
    if qr.amount is not None and len(str(qr.amount)) > 13:
        raise VietQRError("the amount is too large")
    if len(qr.purpose) > MAX_PURPOSE:
        raise VietQRError(f"the purpose is longer than {MAX_PURPOSE} characters")
    if not qr.purpose.isascii() or not _PURPOSE_ALLOWED.match(qr.purpose):
        raise VietQRError("the purpose must be plain ASCII (use purpose_text())")
    if qr.purpose != qr.purpose.strip():
        raise VietQRError("the purpose must not start or end with a space")


def encode(qr: VietQR) -> str:
    """The payload string, CRC included. Raises VietQRError for fields a bank would refuse."""
    _validate(qr)
    beneficiary = _field("00", qr.bank_bin) + _field("01", qr.account)
    merchant = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", qr.service)
    parts = [
        _field("00", "01"),
        _field("01", STATIC if qr.amount is None else DYNAMIC),
        _field("38", merchant),
        _field("53", CURRENCY_VND),
    ]
    if qr.amount is not None:
        parts.append(_field("54", str(qr.amount)))
    parts.append(_field("58", COUNTRY))
    if qr.purpose:
        parts.append(_field("62", _field("08", qr.purpose)))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def _parse_tlv(text: str, where: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        head = text[position : position + 4]
        if len(head) < 4 or not head.isdigit():
            raise VietQRError(f"malformed field header at {where}[{position}]")
        tag, length = head[:2], int(head[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise VietQRError(f"field {tag} in {where} is cut short")
        fields.append((tag, value))
        position += 4 + length
    return fields


def _unique(fields: list[tuple[str, str]], where: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for tag, value in fields:
        if tag in result:
            raise VietQRError(f"field {tag} appears twice in {where}")
        result[tag] = value
    return result


def verify_crc(payload: str) -> bool:
    """Whether the payload ends in `6304` + the right CRC."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        return False
    expected = f"{crc16_ccitt_false(payload[:-4].encode('ascii', 'replace')):04X}"
    return payload[-4:].upper() == expected


def decode(payload: str) -> VietQR:
    """The fields of a VietQR payload. Raises VietQRError if the CRC or the structure is wrong."""
    if not isinstance(payload, str) or not payload.isascii():
        raise VietQRError("a VietQR payload is a string of ASCII characters")
    payload = payload.strip()
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("the payload does not end with a CRC field (6304….)")
    if not re.fullmatch(r"[0-9A-Fa-f]{4}", payload[-4:]):
        raise VietQRError("the CRC is not 4 hexadecimal digits")
    if not verify_crc(payload):
        raise VietQRError("the CRC does not match: the payload was changed or mistyped")
    top = _unique(_parse_tlv(payload[:-8], "payload"), "payload")
    if top.get("00") != "01":
        raise VietQRError("field 00 (payload format) must be 01")
    initiation = top.get("01")
    if initiation not in (STATIC, DYNAMIC):
        raise VietQRError("field 01 (initiation) must be 11 or 12")
    if top.get("53") != CURRENCY_VND:
        raise VietQRError("field 53 (currency) must be 704")
    if top.get("58") != COUNTRY:
        raise VietQRError("field 58 (country) must be VN")
    if "38" not in top:
        raise VietQRError("field 38 (NAPAS merchant account) is missing")
    merchant = _unique(_parse_tlv(top["38"], "field 38"), "field 38")
    if merchant.get("00") != NAPAS_GUID:
        raise VietQRError(f"field 38.00 must be {NAPAS_GUID}")
    beneficiary = _unique(_parse_tlv(merchant.get("01", ""), "field 38.01"), "field 38.01")
    service = merchant.get("02", "")
    amount: int | None = None
    if "54" in top:
        if not top["54"].isdigit() or top["54"].startswith("0"):
            raise VietQRError("field 54 (amount) must be a whole number of đồng")
        amount = int(top["54"])
    purpose = ""
    if "62" in top:
        purpose = _unique(_parse_tlv(top["62"], "field 62"), "field 62").get("08", "")
    qr = VietQR(
        bank_bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        amount=amount,
        purpose=purpose,
        service=service,
    )
    try:
        _validate(qr)
    except VietQRError as exc:
        raise VietQRError(f"invalid VietQR: {exc}") from exc
    return qr
