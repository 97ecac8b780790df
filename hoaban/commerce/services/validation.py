"""The inputs of `order_place` and their validation: every field checked, every problem
reported at once (field path → message, in the active language)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from hoaban.accounts.phone import InvalidPhone, normalize_phone
from hoaban.catalog.models import Product
from hoaban.core.bounds import MAX_ORDER_LINE_QUANTITY, MAX_ORDER_LINES
from hoaban.places.models import Commune

from ..errors import InvalidOrder
from ..models import Channel, Order, Payment
from ..payments import vietqr
from ..pricing import prices_for

MAX_LINES = MAX_ORDER_LINES
MAX_QUANTITY = MAX_ORDER_LINE_QUANTITY  # per line: a bound on the number itself (caps are lower)
# Caps against hoarding (settings, see `order_caps`): units of one product in one order,
# summed over its lines, and units from one seller in one order.
DEFAULT_MAX_QUANTITY_PER_PRODUCT = 100
DEFAULT_MAX_UNITS_PER_SELLER = 300
MAX_KEY = 100
PRODUCT_CODE = re.compile(r"^[A-Z0-9-]{1,20}$")


@dataclass(frozen=True)
class LineInput:
    product: Any  # the product's public code, e.g. "MD05"
    quantity: Any


@dataclass(frozen=True)
class BuyerInput:
    name: Any
    phone: Any
    language: str = ""  # "vi" or "en"; empty: the active language


@dataclass(frozen=True)
class DeliveryInput:
    method: Any  # "ship" or "pickup"
    address: Any = ""
    commune: Any = None  # commune code (post-2025), needed to ship
    carrier_address: dict | None = None  # what a carrier needs in pre-2025 levels


@dataclass
class CleanRequest:
    lines: list[tuple[Product, int, int]] = field(default_factory=list)  # product, qty, price
    buyer_name: str = ""
    buyer_phone: str = ""
    language: str = "vi"
    delivery_method: str = ""
    address: str = ""
    commune: Commune | None = None
    carrier_address: dict = field(default_factory=dict)
    payment_method: str = ""
    channel: Channel | None = None
    source: str = ""


def printable(value: str) -> str:
    """Without control characters (PostgreSQL refuses NUL), spaces collapsed."""
    return " ".join("".join(ch for ch in value if ch.isprintable() or ch.isspace()).split())


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    value = printable(value)
    return value if 0 < len(value) <= limit else None


# What carriers need in the pre-2025 levels (ids or names); anything else is dropped.
CARRIER_ADDRESS_KEYS = frozenset(
    {"province_id", "district_id", "ward_code", "province", "district", "ward"}
)


def _carrier_address(value: Any) -> dict[str, str | int]:
    if not isinstance(value, dict):
        return {}
    return {
        key: item if isinstance(item, int) and not isinstance(item, bool) else str(item)[:100]
        for key, item in value.items()
        if key in CARRIER_ADDRESS_KEYS and isinstance(item, str | int) and item != ""
    }


def validate_request(*, lines, buyer, delivery, payment_method, channel, source) -> CleanRequest:
    """Every field checked, every problem reported at once (field path → message)."""
    errors: dict[str, str] = {}
    clean = CleanRequest()

    channel_code = channel if channel in Channel.Code.values else None
    if channel_code is None:
        errors["channel"] = _("Unknown sales channel.")
    else:
        clean.channel = Channel.objects.get_or_create(
            code=channel_code, defaults={"name": Channel.Code(channel_code).label}
        )[0]
    if source in ("", None):
        clean.source = Order.Source.WEB
    elif source in Order.Source.values:
        clean.source = source
    else:
        errors["source"] = _("Unknown order source.")

    quantities = _validate_lines(lines, errors)
    _validate_buyer(buyer, clean, errors)
    _validate_delivery(delivery, clean, errors)

    if payment_method not in Payment.Method.values:
        errors["payment"] = _("Choose how to pay: cash on delivery, bank transfer or cash.")
    elif payment_method == Payment.Method.COD and clean.delivery_method == Order.Delivery.PICKUP:
        errors["payment"] = _("Cash on delivery is for delivered orders. At pick-up, pay cash.")
    elif payment_method == Payment.Method.CASH and clean.delivery_method == Order.Delivery.SHIP:
        errors["payment"] = _("Cash at pick-up is for pick-up orders. Choose cash on delivery.")
    clean.payment_method = payment_method

    if quantities:
        _validate_products(quantities, clean, errors)
        _validate_caps(quantities, clean, errors)
    if errors:
        raise InvalidOrder(errors)
    return clean


def _validate_lines(lines, errors: dict[str, str]) -> dict[str, tuple[int, int]]:
    """{code: (first line index, total quantity)}; repeated products are merged."""
    if not isinstance(lines, list | tuple) or not lines:
        errors["lines"] = _("The basket is empty. Add at least one product.")
        return {}
    if len(lines) > MAX_LINES:
        errors["lines"] = _("An order can have at most %(count)d different products.") % {
            "count": MAX_LINES
        }
        return {}
    quantities: dict[str, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        code = line.product.strip().upper() if isinstance(line.product, str) else ""
        if not code:
            errors[f"lines.{index}.product"] = _("Choose a product.")
        quantity = line.quantity
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            errors[f"lines.{index}.quantity"] = _("The quantity must be a whole number.")
            continue
        if quantity < 1:
            errors[f"lines.{index}.quantity"] = _("The quantity must be at least 1.")
            continue
        if quantity > MAX_QUANTITY:
            errors[f"lines.{index}.quantity"] = _(
                "The quantity is too large (at most %(max)d)."
            ) % {"max": MAX_QUANTITY}
            continue
        if code:
            first, total = quantities.get(code, (index, 0))
            quantities[code] = (first, total + quantity)
    return quantities


def _validate_buyer(buyer, clean: CleanRequest, errors: dict[str, str]) -> None:
    name = _text(getattr(buyer, "name", None), 150)
    if name is None:
        errors["buyer.name"] = _("Please write your name (up to 150 letters).")
    clean.buyer_name = name or ""
    try:
        clean.buyer_phone = normalize_phone(str(getattr(buyer, "phone", "") or ""))
    except InvalidPhone:
        errors["buyer.phone"] = _(
            "This is not a Vietnamese phone number. Write it like 0912 345 678."
        )
    language = getattr(buyer, "language", "") or translation.get_language() or "vi"
    clean.language = language if language in dict(settings.LANGUAGES) else "vi"


def _validate_delivery(delivery, clean: CleanRequest, errors: dict[str, str]) -> None:
    method = getattr(delivery, "method", None)
    if method not in Order.Delivery.values:
        errors["delivery.method"] = _("Choose delivery to an address or pick-up.")
        return
    clean.delivery_method = method
    clean.carrier_address = _carrier_address(getattr(delivery, "carrier_address", None))
    if method == Order.Delivery.PICKUP:
        return
    address = _text(getattr(delivery, "address", None), 255)
    if address is None:
        errors["delivery.address"] = _(
            "Please write the delivery address: house number, street or village."
        )
    clean.address = address or ""
    commune = getattr(delivery, "commune", None)
    if isinstance(commune, str) and commune.strip().isdigit():
        commune = int(commune)
    found = None
    if isinstance(commune, int) and not isinstance(commune, bool) and 0 < commune < 2**31:
        found = Commune.objects.select_related("province").filter(code=commune).first()
    if found is None:
        errors["delivery.commune"] = _(
            "This commune does not exist. Please choose it from the list."
        )
    clean.commune = found


def _validate_products(
    quantities: dict[str, tuple[int, int]], clean: CleanRequest, errors: dict[str, str]
) -> None:
    # Only strings shaped like product codes reach the database.
    lookup = [code for code in quantities if PRODUCT_CODE.match(code)]
    products = {
        p.code: p for p in Product.objects.select_related("organisation").filter(code__in=lookup)
    }
    prices = {}
    if clean.channel is not None:  # availability is counted under the lock (placement)
        prices = prices_for(products.values(), clean.channel, availability=False)
    for code, (index, quantity) in quantities.items():
        product = products.get(code)
        if product is None:
            errors[f"lines.{index}.product"] = _("There is no product with the code %(code)s.") % {
                "code": code
            }
            continue
        price = prices.get(product.pk)
        if (
            not product.is_published
            or not product.organisation.is_active
            or (price is not None and not price.is_listed)
        ):
            errors[f"lines.{index}.product"] = _(
                "%(name)s (%(code)s) is not for sale right now."
            ) % {"name": product.name, "code": code}
            continue
        if clean.payment_method == Payment.Method.VIETQR and not takes_transfers(
            product.organisation
        ):
            errors["payment"] = _(
                "%(seller)s cannot receive bank transfers yet. Please choose another way to pay."
            ) % {"seller": product.organisation.name}
        # The unit price charged, by the one pricing rule; the order line keeps it.
        clean.lines.append((product, quantity, price.unit if price is not None else product.price))


def order_caps() -> tuple[int, int]:
    """(units of one product, units from one seller) one order may hold."""
    return (
        int(getattr(settings, "ORDER_MAX_QUANTITY_PER_PRODUCT", DEFAULT_MAX_QUANTITY_PER_PRODUCT)),
        int(getattr(settings, "ORDER_MAX_UNITS_PER_SELLER", DEFAULT_MAX_UNITS_PER_SELLER)),
    )


def _validate_caps(
    quantities: dict[str, tuple[int, int]], clean: CleanRequest, errors: dict[str, str]
) -> None:
    """One order holds at most `per_product` units of a product (summed over its lines) and
    `per_seller` units from one seller, so one order cannot take a seller's whole stock."""
    per_product, per_seller = order_caps()
    by_seller: dict[int, int] = {}
    over_product_cap: set[int] = set()  # sellers already told about one product's cap
    for product, quantity, _price in clean.lines:
        if quantity > per_product:
            over_product_cap.add(product.organisation_id)
            index = quantities[product.code][0]
            errors[f"lines.{index}.quantity"] = _(
                "One order can have at most %(max)d of %(name)s (%(code)s). "
                "To buy more, please contact the seller."
            ) % {"max": per_product, "name": product.name, "code": product.code}
        by_seller[product.organisation_id] = by_seller.get(product.organisation_id, 0) + quantity
    for product, _quantity, _price in clean.lines:
        if (
            product.organisation_id not in over_product_cap
            and by_seller.get(product.organisation_id, 0) > per_seller
        ):
            errors.setdefault(
                "lines",
                _(
                    "One order from %(seller)s can have at most %(max)d items in all. "
                    "Please lower the quantities, or contact the seller."
                )
                % {"seller": product.organisation.name, "max": per_seller},
            )
            by_seller.pop(product.organisation_id)


def takes_transfers(seller) -> bool:
    """Bank details complete and in a form a VietQR payload can carry."""
    if not seller.can_receive_transfers:
        return False
    try:
        vietqr.encode(vietqr.VietQR(bank_bin=seller.bank_bin, account=seller_account(seller)))
    except vietqr.VietQRError:
        return False
    return True


def seller_account(seller) -> str:
    """The account number without the spaces people type in it."""
    return "".join(seller.bank_account.split())
