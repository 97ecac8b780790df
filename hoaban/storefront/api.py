"""GET /products, /products/{code} and /products/{code}/lots (published products only).

The marketplace's products, as on the web list (storefront.views): with their price and what a
buyer can still order (commerce), so this router lives here and not in catalog, which sits
below commerce in DESIGN.md's direction of dependencies.
"""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hoaban.accounts.models import EthnicGroup
from hoaban.api.errors import ERRORS, NOT_FOUND, not_found
from hoaban.api.pagination import Keyset, LimitOffset
from hoaban.catalog.api import LotOut
from hoaban.catalog.models import Category, Product
from hoaban.catalog.queries import product_detail_queryset, product_lots, product_search
from hoaban.commerce.pricing import with_channel_terms
from hoaban.core.bounds import MAX_SEARCH_LENGTH
from hoaban.core.errors import InvalidInput
from hoaban.core.pagecache import catalog_cached
from hoaban.orgs.api import CertificateOut
from hoaban.places.api import PlaceOut, check_place_filters, place_of

router = Router(tags=["products"])
# Each operation_id is the one it had before this router moved out of hoaban/api/.
OCOP_STARS = (3, 4, 5)


def _ocop_schema(schema: dict) -> None:
    """In OpenAPI: an integer, one of 3, 4, 5 (the view answers 422 with a message otherwise)."""
    description = schema.get("description", "")
    schema.clear()
    schema.update(type="integer", enum=list(OCOP_STARS), description=description)


def _absolute(context, url: str) -> str:
    request = context.get("request") if context else None
    return request.build_absolute_uri(url) if request else url


class NamedRef(Schema):
    code: str
    name: str


class SellerRef(Schema):
    slug: str
    name: str


class ProductOut(Schema):
    code: str
    name: str
    price: int  # the unit price on the marketplace (eCo), by commerce.pricing
    unit: str
    unit_label: str
    stock: int
    available: int  # stock not held by active reservations (commerce.queries)
    ocop_stars: int
    category: NamedRef
    ethnic_group: NamedRef | None
    seller: SellerRef
    origin: PlaceOut
    thumbnail: str | None
    url: str

    @staticmethod
    def resolve_price(obj):
        return obj.unit_price

    @staticmethod
    def resolve_unit_label(obj):
        return obj.get_unit_display()

    @staticmethod
    def resolve_category(obj):
        return {"code": obj.category.slug, "name": obj.category.display_name(get_language())}

    @staticmethod
    def resolve_ethnic_group(obj):
        group = obj.ethnic_group
        if group is None:
            return None
        english = get_language() == "en" and group.name_en
        return {"code": group.code, "name": group.name_en if english else group.name}

    @staticmethod
    def resolve_seller(obj):
        return obj.organisation

    @staticmethod
    def resolve_origin(obj):
        return place_of(obj.origin_commune)

    @staticmethod
    def resolve_thumbnail(obj, context):
        images = obj.images.all()
        first = images[0] if images else None
        return _absolute(context, first.thumbnail.url) if first and first.thumbnail else None

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, reverse("storefront:product", args=[obj.code]))


class ImageOut(Schema):
    thumbnail: str | None
    medium: str | None
    alt: str


class ProductDetailOut(ProductOut):
    description: str
    story: str
    weight_grams: int
    images: list[ImageOut]
    certificates: list[CertificateOut]

    @staticmethod
    def resolve_images(obj, context):
        return [
            {
                "thumbnail": _absolute(context, image.thumbnail.url) if image.thumbnail else None,
                "medium": _absolute(context, image.medium.url) if image.medium else None,
                "alt": image.alt,
            }
            for image in obj.images.all()
        ]

    @staticmethod
    def resolve_certificates(obj):
        return obj.certificates.all()


class ProductFilters(Schema):
    q: str | None = Field(
        None, max_length=MAX_SEARCH_LENGTH, description="A few words (at most 100 characters)"
    )
    province: int | None = None
    former: int | None = None
    category: str | None = None
    ethnic_group: str | None = None
    # At least this many OCOP stars; other values answer 422 with a clear message (view).
    ocop: int | None = Field(
        None, description="3, 4 or 5: at least this many OCOP stars", json_schema_extra=_ocop_schema
    )


def _published_or_404(code: str):
    product = with_channel_terms(product_detail_queryset(), "eco").filter(code=code).first()
    if product is None:
        raise not_found(_("No published product has the code %(code)s.") % {"code": code})
    return product


def _list_name(filters: ProductFilters, **_) -> str | None:
    """Without a search, the count depends only on the filters (and the catalogue). A category
    or ethnic group that does not exist is free text: its count (0) is not kept, or each new
    string would mint a cache key (places and stars are checked by the view first)."""
    if filters.q:
        return None
    given = {name: getattr(filters, name) for name in ("category", "ethnic_group")}
    if any(given.values()):
        known = catalog_cached("api-filter-codes", _filter_codes)
        if any(value and value not in known[name] for name, value in given.items()):
            return None
    return repr(sorted(filters.dict().items()))


def _filter_codes() -> dict[str, frozenset[str]]:
    """The category slugs and ethnic group codes (2 queries, once per catalogue version)."""
    return {
        "category": frozenset(Category.objects.values_list("slug", flat=True)),
        "ethnic_group": frozenset(EthnicGroup.objects.values_list("pk", flat=True)),
    }


@router.get(
    "/products",
    response={200: list[ProductOut], **ERRORS},
    operation_id="hoaban_api_products_product_list",
)
@paginate(Keyset, ordering=("name", "pk"), types=(str, int), count_name=_list_name)
def product_list(request, filters: Query[ProductFilters]):
    """Published products by name, filtered as on the web: `q` (accents and case ignored,
    every word must match), `province` / `former` (province codes, by the commune of origin),
    `category` (slug, includes its children), `ethnic_group` (code), `ocop` (3, 4 or 5: at
    least).

    Pages: follow `next` (a cursor: as fast on the last page as on the first, and no product
    skipped or repeated while products are added); `offset` still works (up to 1,000,000).

    3 queries (count, page joined with seller, places, category and group, images), plus 1 per
    province filter given (its check); without `q`, the count is counted once per catalogue
    version.
    """
    if filters.ocop is not None and filters.ocop not in OCOP_STARS:
        raise InvalidInput(_("OCOP stars must be 3, 4 or 5."), field="ocop")
    check_place_filters(filters.province, filters.former)
    return with_channel_terms(product_search(**filters.dict()), "eco").order_by("name", "pk")


@router.get(
    "/products/{code}",
    response={200: ProductDetailOut, **NOT_FOUND, **ERRORS},
    operation_id="hoaban_api_products_product_detail",
)
def product_detail(request, code: str):
    """One published product with images and certificates (4 queries)."""
    return _published_or_404(code)


@router.get(
    "/products/{code}/lots",
    response={200: list[LotOut], **NOT_FOUND, **ERRORS},
    operation_id="hoaban_api_products_product_lot_list",
)
@paginate(LimitOffset)
def product_lot_list(request, code: str):
    """The product's lots, newest first (4 queries: product check, count, lots, producers)."""
    product = Product.objects.filter(
        code=code, status=Product.Status.PUBLISHED, organisation__is_active=True
    ).first()
    if product is None:
        raise not_found(_("No published product has the code %(code)s.") % {"code": code})
    return product_lots(product)
