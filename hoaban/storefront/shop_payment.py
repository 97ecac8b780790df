"""How a buyer pays an order, for the order-placed and tracking pages (VietQR as inline SVG)."""

from dataclasses import dataclass

import segno
from django.utils.html import mark_safe
from django.utils.safestring import SafeString

# Common banks by their NAPAS BIN, for people who pay at a bank counter.
BANK_NAMES = {
    "970405": "Agribank",
    "970407": "Techcombank",
    "970415": "VietinBank",
    "970418": "BIDV",
    "970422": "MB Bank",
    "970423": "TPBank",
    "970432": "VPBank",
    "970436": "Vietcombank",
    "970403": "Sacombank",
    "970416": "ACB",
    "970441": "VIB",
    "970443": "SHB",
    "970448": "OCB",
    "970454": "Viet Capital Bank",
}


def bank_name(bank_bin: str) -> str:
    return BANK_NAMES.get(bank_bin, bank_bin)


def qr_svg(payload: str) -> SafeString:
    """The payload as an inline SVG QR code (no image request, scales with the page)."""
    qr = segno.make(payload, error="m", micro=False)
    svg = qr.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff")
    # Hidden from screen readers: the same details are written out beside it.
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S308


@dataclass
class PaymentInstructions:
    method: str
    status: str
    amount: int
    code: str
    qr: SafeString | None = None
    bank: str = ""
    account: str = ""
    holder: str = ""

    @property
    def is_transfer(self) -> bool:
        return self.method == "vietqr"

    @property
    def is_cod(self) -> bool:
        return self.method == "cod"

    @property
    def is_cash(self) -> bool:
        return self.method == "cash"

    @property
    def is_paid(self) -> bool:
        return self.status == "paid"


def payment_instructions(order) -> PaymentInstructions:
    """Needs `order.payments` (prefetched) and `order.seller` (joined). The QR code asks for
    the charge still pending, whose amount follows what is due once deposits are recorded."""
    payment = order.payment
    instructions = PaymentInstructions(
        method=payment.method, status=payment.status, amount=payment.amount, code=order.code
    )
    if payment.method == "vietqr" and payment.vietqr and payment.status == "pending":
        seller = order.seller
        instructions.qr = qr_svg(payment.vietqr)
        instructions.bank = bank_name(seller.bank_bin)
        instructions.account = seller.bank_account
        instructions.holder = seller.bank_holder
    return instructions
