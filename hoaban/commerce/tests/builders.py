"""Small builders for the pipeline's tests: a seller that takes transfers, a default basket."""

import uuid

from hoaban.catalog.tests.factories import OrganisationFactory, ProductFactory
from hoaban.commerce.services import BuyerInput, DeliveryInput, LineInput, order_place
from hoaban.orgs.tests.factories import NA_RI

BUYER_PHONE = "0912 345 678"
BUYER_E164 = "+84912345678"


def seller_with_bank(**fields):
    fields.setdefault("bank_bin", "970405")
    fields.setdefault("bank_account", "1234567890123")
    fields.setdefault("bank_holder", "HTX MIEN DONG NA RI")
    return OrganisationFactory(**fields)


def product(stock: int = 10, **fields):
    fields.setdefault("organisation", seller_with_bank())
    return ProductFactory(stock=stock, **fields)


def buyer(**fields) -> BuyerInput:
    return BuyerInput(
        name=fields.get("name", "Nguyễn Thị Lan"),
        phone=fields.get("phone", BUYER_PHONE),
        language=fields.get("language", ""),
    )


def ship_to(commune=NA_RI, address="Thôn Nà Lạn") -> DeliveryInput:
    return DeliveryInput(method="ship", address=address, commune=commune)


def pickup() -> DeliveryInput:
    return DeliveryInput(method="pickup")


def place(products_quantities, *, key=None, payment="cod", delivery=None, channel="eco", **kw):
    """Place `[(product or code, quantity), …]` with sensible defaults."""
    lines = [
        LineInput(product=getattr(p, "code", p), quantity=quantity)
        for p, quantity in products_quantities
    ]
    return order_place(
        lines=lines,
        buyer=kw.pop("buyer", None) or buyer(),
        delivery=delivery or ship_to(),
        payment_method=payment,
        channel=channel,
        idempotency_key=key or uuid.uuid4().hex,
        idempotency_scope=kw.pop("scope", "tests"),  # one client: short keys are fine
        **kw,
    )
