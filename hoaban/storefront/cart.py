"""The basket of a visitor, kept in the session (no account needed).

The session holds only product codes and quantities: `{"MD05": 2, "TR01": 1}`. Prices and the
quantities still available are read again every time the basket is shown, from the eCo channel
by the one pricing rule (`commerce.pricing`), so a basket never shows a stale price.
`cart_contents()` builds the lines grouped by seller in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hoaban.catalog.models import Product
from hoaban.catalog.queries import published_products
from hoaban.catalog.units import amount_of
from hoaban.commerce.models import Channel
from hoaban.commerce.pricing import listed_in_channel, terms_of, with_channel_terms
from hoaban.core.errors import ServiceError
from hoaban.orgs.models import Organisation

SESSION_KEY = "hoaban_cart"
# A basket is for a household, not a warehouse: more lines than this is a mistake or a bot.
MAX_LINES = 40

QUANTITY_TOO_SMALL = _("Choose a quantity of 1 or more.")
NOT_FOR_SALE = _("This product is not for sale any more.")
TOO_MANY_LINES = _("Your basket is full. Place this order first, then start a new one.")


def quantity_too_large(product_name: str, available: int, unit: str = ""):
    """The message for a quantity beyond what is left (sold out when nothing is left), with
    the product's unit: "Chỉ còn 3 gói 500 g Miến dong", whatever quantity was asked for."""
    if available <= 0:
        return _("%(product)s is sold out.") % {"product": product_name}
    return _("Only %(amount)s left of %(product)s. Choose %(available)s or fewer.") % {
        "amount": amount_of(available, unit),
        "available": available,
        "product": product_name,
    }


class Cart:
    """Product codes and quantities in the session; every change is validated first."""

    def __init__(self, session: SessionBase):
        self.session = session
        raw = session.get(SESSION_KEY) or {}
        self.quantities: dict[str, int] = {}
        if isinstance(raw, dict):
            for code, quantity in raw.items():
                if isinstance(code, str) and isinstance(quantity, int) and quantity > 0:
                    self.quantities[code] = quantity

    def __len__(self) -> int:
        return len(self.quantities)

    def __contains__(self, code: str) -> bool:
        return code in self.quantities

    @property
    def count(self) -> int:
        """How many items in all (2 packs of miến + 1 tea = 3)."""
        return sum(self.quantities.values())

    def quantity_of(self, code: str) -> int:
        return self.quantities.get(code, 0)

    def add(self, *, product: Product, quantity: int, available: int) -> None:
        """Add `quantity` more of `product`; refuse (nothing changed) beyond `available`."""
        self._check(product=product, quantity=quantity, available=available, extra=True)
        self.quantities[product.code] = self.quantity_of(product.code) + quantity
        self._save()

    def update(self, *, product: Product, quantity: int, available: int) -> None:
        """Set the quantity of a line already in the basket."""
        self._check(product=product, quantity=quantity, available=available, extra=False)
        self.quantities[product.code] = quantity
        self._save()

    def remove(self, code: str) -> bool:
        """Take a line out; False when it was not there."""
        if self.quantities.pop(code, None) is None:
            return False
        self._save()
        return True

    def remove_many(self, codes: Iterable[str]) -> None:
        changed = [code for code in codes if self.quantities.pop(code, None) is not None]
        if changed:
            self._save()

    def clear(self) -> None:
        self.quantities = {}
        self.session.pop(SESSION_KEY, None)
        self.session.modified = True

    def _check(self, *, product: Product, quantity: int, available: int, extra: bool) -> None:
        if quantity < 1:
            raise ServiceError(QUANTITY_TOO_SMALL, field="quantity")
        if not product.is_published:
            raise ServiceError(NOT_FOR_SALE, field="quantity")
        if extra and product.code not in self.quantities and len(self.quantities) >= MAX_LINES:
            raise ServiceError(TOO_MANY_LINES, field="quantity")
        wanted = quantity + (self.quantity_of(product.code) if extra else 0)
        if wanted > available:
            already = self.quantity_of(product.code) if extra else 0
            if already and available > already:
                raise ServiceError(
                    _(
                        "You already have %(already)s of %(product)s in your basket; only "
                        "%(more)s more can be added."
                    )
                    % {"already": already, "product": product.name, "more": available - already},
                    field="quantity",
                )
            raise ServiceError(
                quantity_too_large(product.name, available, product.unit), field="quantity"
            )

    def _save(self) -> None:
        self.session[SESSION_KEY] = dict(self.quantities)
        self.session.modified = True


# --- reading the basket: lines grouped by seller ----------------------------------------------


@dataclass
class CartLine:
    product: Product
    quantity: int
    unit_price: int
    available: int

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity

    @property
    def exceeds_stock(self) -> bool:
        return self.quantity > self.available

    @property
    def available_amount(self) -> str:
        """What is left, in the product's unit ("3 gói 500 g")."""
        return amount_of(self.available, self.product.unit)


@dataclass
class SellerGroup:
    organisation: Organisation
    lines: list[CartLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)


@dataclass
class CartContents:
    groups: list[SellerGroup]
    # Codes in the session that are no longer for sale (dropped from the basket).
    gone: list[str]

    @property
    def lines(self) -> list[CartLine]:
        return [line for group in self.groups for line in group.lines]

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def has_problems(self) -> bool:
        return any(line.exceeds_stock for line in self.lines)

    def __bool__(self) -> bool:
        return bool(self.groups)


def with_sale_terms(products: QuerySet[Product], channel: str = Channel.Code.ECO):
    """The products with their terms in the channel annotated (commerce.pricing: one query in
    all). The shop's basket is eCo's; another channel's basket (an agent's, a livestream's)
    asks with its channel."""
    return with_channel_terms(products, channel)


def product_terms(product: Product) -> tuple[int, int]:
    """(unit price on eCo, quantity available) of a product from `with_sale_terms`."""
    price = terms_of(product)
    return price.unit, price.available


def product_for_sale(code: str) -> Product | None:
    """A published product of an active seller, sold on eCo, with its terms (1 query)."""
    product = listed_in_channel(
        with_sale_terms(
            Product.objects.select_related("organisation").filter(
                code=code, status=Product.Status.PUBLISHED, organisation__is_active=True
            )
        )
    ).first()
    return product


def cart_products(codes: Iterable[str], channel: str = Channel.Code.ECO) -> QuerySet[Product]:
    """Published products with these codes, joined for basket lines, with their terms
    (2 queries: products with seller and terms, then their images)."""
    products = published_products().select_related("organisation__commune__province")
    return listed_in_channel(with_sale_terms(products.filter(code__in=list(codes)), channel))


def cart_contents(cart: Cart, channel: str = Channel.Code.ECO) -> CartContents:
    """The basket's lines grouped by seller, sellers and lines by name (fixed query count).

    Products that are no longer published are left out (their codes in `gone`).
    """
    if not cart.quantities:
        return CartContents(groups=[], gone=[])
    products = list(cart_products(cart.quantities, channel))
    found = {product.code for product in products}
    groups: dict[int, SellerGroup] = {}
    for product in sorted(products, key=lambda p: (p.organisation.name, p.name)):
        price, available = product_terms(product)
        group = groups.setdefault(
            product.organisation_id, SellerGroup(organisation=product.organisation)
        )
        group.lines.append(
            CartLine(
                product=product,
                quantity=cart.quantities[product.code],
                unit_price=price,
                available=available,
            )
        )
    gone = [code for code in cart.quantities if code not in found]
    return CartContents(groups=list(groups.values()), gone=gone)
