"""Products and their lots: create, update, publish or archive; product and lot codes.

Every write checks that `by` manages the product's organisation (accounts.access.require_manager).
"""

import datetime
import re
import secrets
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.accounts.access import require_manager
from hoaban.core.bounds import (
    LOT_QUANTITY_TOO_HIGH,
    MAX_LOT_QUANTITY,
    MAX_PRICE_VND,
    MAX_WEIGHT_GRAMS,
    PRICE_TOO_HIGH,
    WEIGHT_TOO_HIGH,
)
from hoaban.core.errors import ServiceError
from hoaban.core.text import fold, fold_join
from hoaban.orgs.models import Certificate, Membership, Organisation

from ..models import Category, Lot, Product, ProductEvent
from ..search import NAME_END
from .certificates import product_certificates_set
from .events import json_value, record_event

# Fields a manager may set with product_create / product_update. Stock is not among them:
# hoaban.inventory.services is its only writer (receipts, recounts, the order pipeline).
PRODUCT_FIELDS = (
    "name",
    "code",
    "description",
    "story",
    "name_en",
    "description_en",
    "story_en",
    "category",
    "ethnic_group",
    "origin_commune",
    "unit",
    "price",
    "weight_grams",
    "status",
    "is_featured",
)
CODE_FORMAT = re.compile(r"^[A-Z0-9-]{2,12}$")
PRICE_NEGATIVE = _("The price cannot be negative. Write 0 or more đồng.")
STOCK_NEGATIVE = _("The quantity in stock cannot be negative. Write 0 or more.")
WEIGHT_NEGATIVE = _("The weight cannot be negative.")
QUANTITY_NOT_POSITIVE = _("The quantity must be more than 0.")
NOT_A_SELLER = _("Only cooperatives, groups and household businesses can sell products here.")
LOT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand


def product_search_text(product: Product) -> str:
    """Folded name and code, then category, ethnic group, places of origin (new and former
    names) and description (catalog.search says how they rank).

    Not the seller's name or place: a search matches them in the seller's own search text
    (queries.product_search), so renaming or moving an organisation never leaves them stale.
    """
    commune = product.origin_commune
    places = [commune.name, commune.province.name]
    if commune.former_province_id:
        places.append(commune.former_province.name)
    own = fold_join(
        product.category.name,
        product.category.name_en,
        product.ethnic_group.name if product.ethnic_group_id else "",
        *dict.fromkeys(places),
        product.description,
    )
    # Name and code first, then NAME_END (never in folded text: fold makes it a space).
    return f"{product_name_text(product)} {NAME_END} {own}"


def product_name_text(product: Product) -> str:
    """Folded name, English name and code: `name_text`, search's first rank (catalog.search)."""
    return fold_join(product.name, product.name_en, product.code)


def product_code_prefix(name: str) -> str:
    """Initials of the first two words: `Miến dong Na Rì` → `MD`, `Mật ong` → `MO`."""
    words = [w for w in re.split(r"[^a-z0-9]+", fold(name)) if w]
    initials = "".join(w[0] for w in words[:2]).upper()
    if len(initials) < 2:
        initials = (initials + (words[0][1:2] if words else "") + "SP")[:2].upper()
    return initials


def product_code_suggest(name: str) -> str:
    """The next free code for a name: `MD01`, `MD02` … (`MD05` if MD01–MD04 are taken)."""
    prefix = product_code_prefix(name)
    numbers = [
        int(code[len(prefix) :])
        for code in Product.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if code[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def lot_code_new() -> str:
    """`L-` and six random characters from an alphabet without look-alikes: `L-7K3Q2M`."""
    while True:
        code = "L-" + "".join(secrets.choice(LOT_ALPHABET) for _ in range(6))
        if not Lot.objects.filter(code=code).exists():
            return code


# --- products ---------------------------------------------------------------------------


def _clean_product(values: dict, *, product: Product | None = None) -> dict:
    if "name" in values:
        values["name"] = " ".join((values["name"] or "").split())
        if not values["name"]:
            raise ServiceError(_("Please write the product's name."), field="name")
    if "price" in values:
        price = values["price"]
        if price is None:
            raise ServiceError(_("Please write the price in đồng."), field="price")
        if price < 0:
            raise ServiceError(PRICE_NEGATIVE, field="price")
        if price > MAX_PRICE_VND:
            raise ServiceError(PRICE_TOO_HIGH, field="price")
    if "weight_grams" in values and (values["weight_grams"] or 0) < 0:
        raise ServiceError(WEIGHT_NEGATIVE, field="weight_grams")
    if "weight_grams" in values and (values["weight_grams"] or 0) > MAX_WEIGHT_GRAMS:
        raise ServiceError(WEIGHT_TOO_HIGH, field="weight_grams")
    if "unit" in values and values["unit"] not in Product.Unit.values:
        raise ServiceError(_("Choose a unit from the list."), field="unit")
    if "status" in values and values["status"] not in Product.Status.values:
        raise ServiceError(_("Choose a status from the list."), field="status")
    if "category" in values and not isinstance(values["category"], Category):
        raise ServiceError(_("Choose a category from the list."), field="category")
    if "code" in values:
        code = (values["code"] or "").strip().upper()
        if code:
            if not CODE_FORMAT.match(code):
                raise ServiceError(
                    _("A product code has 2 to 12 letters or digits, e.g. MD05."), field="code"
                )
            taken = Product.objects.filter(code=code)
            if product is not None:
                taken = taken.exclude(pk=product.pk)
            if taken.exists():
                raise ServiceError(
                    _("The code %(code)s is already used. Choose another or leave it empty.")
                    % {"code": code},
                    field="code",
                )
        values["code"] = code
    return values


def _with_search_text(product: Product) -> Product:
    """Reload the product with its relations and store its fresh search texts."""
    product = Product.objects.select_related(
        "organisation__commune__province",
        "organisation__commune__former_province",
        "origin_commune__province",
        "origin_commune__former_province",
        "category",
        "ethnic_group",
    ).get(pk=product.pk)
    product.search_text = product_search_text(product)
    product.name_text = product_name_text(product)
    Product.objects.filter(pk=product.pk).update(
        search_text=product.search_text, name_text=product.name_text
    )
    return product


@transaction.atomic
def product_create(
    *,
    organisation: Organisation,
    by,
    name: str,
    price: int,
    certificates: Iterable[Certificate] | None = None,
    **fields,
) -> Product:
    """Create a product of `organisation` (a draft unless `status` says otherwise).

    An empty `code` gets the next free one from the name's initials (`MD05`); the origin commune
    defaults to the organisation's commune; `certificates` as in product_certificates_set.
    """
    require_manager(by, organisation)
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if organisation.kind not in Organisation.SELLING_KINDS:
        raise ServiceError(NOT_A_SELLER, field="organisation")
    values = _clean_product({"name": name, "price": price, "code": "", **fields})
    if "category" not in values:
        raise ServiceError(_("Choose a category from the list."), field="category")
    suggested = not values["code"]
    values.setdefault("origin_commune", organisation.commune)
    if values["origin_commune"] is None:
        values["origin_commune"] = organisation.commune
    product = None
    for _attempt in range(5):
        if suggested:
            values["code"] = product_code_suggest(values["name"])
        try:
            with transaction.atomic():
                product = Product.objects.create(organisation=organisation, **values)
            break
        except IntegrityError:  # the same code taken at the same moment: suggest the next
            if not suggested:
                break
    if product is None:
        raise ServiceError(
            _("The code %(code)s is already used. Choose another or leave it empty.")
            % {"code": values["code"]},
            field="code",
        )
    record_event(product, by, ProductEvent.Kind.CREATED, code=product.code, price=product.price)
    if certificates is not None:
        product_certificates_set(product=product, certificates=certificates, by=by)
    return _with_search_text(product)


@transaction.atomic
def product_update(
    *, product: Product, by, certificates: Iterable[Certificate] | None = None, **fields
) -> Product:
    """Change some of PRODUCT_FIELDS (and, if given, the linked certificates)."""
    require_manager(by, product.organisation)
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    product = Product.objects.select_for_update().get(pk=product.pk)
    values = _clean_product(dict(fields), product=product)
    if "code" in values and not values["code"]:
        values["code"] = product.code  # empty means "keep it"
    if values.get("origin_commune", product.origin_commune) is None:
        values["origin_commune"] = product.organisation.commune
    changed = {
        field: [json_value(getattr(product, field)), json_value(value)]
        for field, value in values.items()
        if json_value(getattr(product, field)) != json_value(value)
    }
    for field, value in values.items():
        setattr(product, field, value)
    product.save()
    for long_text in ("description", "story", "description_en", "story_en"):
        if long_text in changed:  # note that it changed, not the whole text twice
            changed[long_text] = "changed"
    if changed:
        record_event(product, by, ProductEvent.Kind.UPDATED, changes=changed)
    if certificates is not None:
        product_certificates_set(product=product, certificates=certificates, by=by)
    return _with_search_text(product)


@transaction.atomic
def product_status_set(*, product: Product, status: str, by) -> Product:
    """Publish, archive or return a product to draft."""
    require_manager(by, product.organisation)
    values = _clean_product({"status": status})
    old = Product.objects.select_for_update().values_list("status", flat=True).get(pk=product.pk)
    Product.objects.filter(pk=product.pk).update(status=values["status"], updated_at=timezone.now())
    product.status = values["status"]
    if old != values["status"]:
        record_event(product, by, ProductEvent.Kind.STATUS_SET, old=old, new=values["status"])
    return product


# --- lots -------------------------------------------------------------------------------


@transaction.atomic
def lot_create(
    *,
    product: Product,
    produced_on: datetime.date,
    quantity: int,
    by,
    producers: Iterable[Membership] = (),
    notes: str = "",
    organisation: Organisation | None = None,
) -> Lot:
    """Record a lot of `product`. When `organisation` is given (the one the manager is working
    for), the product must belong to it; producers must be members of the product's organisation.
    """
    if organisation is not None and product.organisation_id != organisation.pk:
        require_manager(by, organisation)
        raise ServiceError(
            _("This product belongs to another organisation: you cannot add a lot to it."),
            field="product",
        )
    try:
        require_manager(by, product.organisation)
    except ServiceError:
        raise ServiceError(
            _("This product belongs to another organisation: you cannot add a lot to it."),
            field="product",
        ) from None
    if quantity is None or quantity <= 0:
        raise ServiceError(QUANTITY_NOT_POSITIVE, field="quantity")
    if quantity > MAX_LOT_QUANTITY:
        raise ServiceError(LOT_QUANTITY_TOO_HIGH, field="quantity")
    if produced_on > timezone.localdate():
        raise ServiceError(_("The production date cannot be in the future."), field="produced_on")
    producers = list(producers)
    if any(m.organisation_id != product.organisation_id for m in producers):
        raise ServiceError(
            _("Producers must be members of the organisation that sells the product."),
            field="producers",
        )
    for _attempt in range(5):  # a clash of random codes is rare; try another if it happens
        try:
            with transaction.atomic():
                lot = Lot.objects.create(
                    code=lot_code_new(),
                    product=product,
                    produced_on=produced_on,
                    quantity=quantity,
                    notes=(notes or "").strip(),
                )
            break
        except IntegrityError:
            continue
    else:
        raise ServiceError(_("Something went wrong. Please try again."))
    lot.producers.set(producers)
    record_event(product, by, ProductEvent.Kind.LOT_CREATED, lot=lot.code, quantity=quantity)
    return lot
