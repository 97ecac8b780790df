"""Reads of the catalogue shared by the marketplace pages and the API.

Every queryset here is already joined (`select_related` for the one-to-one chain, one
`prefetch_related` per many-side), so a page or an API list costs the same number of queries
whatever the number of products it shows.
"""

from django.db.models import Count, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from hoaban.core.collation import vietnamese_sorted
from hoaban.core.pagecache import catalog_cached
from hoaban.core.text import search_terms
from hoaban.orgs.models import Certificate, Membership
from hoaban.places.models import FormerProvince, Province

from .models import Lot, Product, ProductImage
from .search import matches, rank, tiers

# The joins every product card needs: seller, origin (province and former province), category
# and ethnic group. One query for all of them.
PRODUCT_CARD_RELATED = (
    "organisation",
    "origin_commune__province",
    "origin_commune__former_province",
    "category",
    "ethnic_group",
)


def images_prefetch() -> Prefetch:
    """The images of each product in display order: one extra query per list."""
    return Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk"))


def published_products() -> QuerySet[Product]:
    """Products anyone may see, joined for cards (2 queries: products, then their images),
    with `ocop_stars` from the certificates valid today (a subquery, no extra query)."""
    return (
        Product.objects.filter(status=Product.Status.PUBLISHED, organisation__is_active=True)
        .select_related(*PRODUCT_CARD_RELATED)
        .prefetch_related(images_prefetch())
        .with_ocop_stars()
    )


# What a card or an API list item never shows: left out of list queries (a product's
# description and story can be pages long, and `search_text` holds the description too).
LIST_DEFERRED = ("description", "story", "search_text", "name_text")

# The lists' order (featured first, then by name), which product_list_order serves; a
# search's ranks are each read in it.
LIST_ORDER = ("-is_featured", "name", "pk")

# A search shows at most this many products (counted to one more, to say "more than"): past
# it the words are too common for a list anyone reads, and counting every match (35,000
# for "mien dong" at 100,000 products) is what costs.
SEARCH_RESULTS_MAX = 1000


def product_cards() -> QuerySet[Product]:
    """`published_products` without the long texts, for lists (same 2 queries)."""
    return published_products().defer(*LIST_DEFERRED)


def product_search(
    *,
    q: str | None = None,
    province: int | None = None,
    former: int | None = None,
    category: str | None = None,
    ethnic_group: str | None = None,
    ocop: int | None = None,
) -> QuerySet[Product]:
    """Published products matching every given filter.

    `q` ignores diacritics and case and every word must match, in the product (name, code,
    category, origin, description) or in its seller's name and place (`mien dong` finds
    `Miến dong`, `Bắc Kạn` finds products from the former Bắc Kạn); `province` is a current
    province code and `former` a pre-2025 one (both by the commune of origin); `category` is
    a slug and includes its child categories; `ethnic_group` is a code; `ocop` means at least
    that many stars.

    With `q`, the most relevant first (catalog.search: name and code, then the product's
    other texts, then its seller), then in the usual order; without it, the usual order
    (featured first, then by name).
    """
    products = product_cards()
    if province is not None:
        products = products.filter(origin_commune__province_id=province)
    if former is not None:
        products = products.filter(origin_commune__former_province_id=former)
    if category:
        products = products.filter(Q(category__slug=category) | Q(category__parent__slug=category))
    if ethnic_group:
        products = products.filter(ethnic_group_id=ethnic_group)
    if ocop:  # the same as `ocop_stars >= ocop`, from the few certified products
        products = products.filter(pk__in=products_certified(ocop))
    terms = search_terms(q)
    if terms:  # the product's words or its seller's (name and place)
        products = (
            products.filter(matches(terms))
            .annotate(search_rank=rank(terms))
            .order_by("search_rank", *LIST_ORDER)
        )
    return products


def products_certified(stars: int) -> QuerySet[Certificate]:
    """The ids of the products with an OCOP certificate of at least `stars` valid today (a
    subquery). Read from the certificates, few, rather than by working out every product's
    stars: a search filtered by stars then costs what the certificates do."""
    today = timezone.localdate()
    kinds = [kind for kind, n in Certificate.OCOP_STARS.items() if n >= stars]
    return (
        Certificate.objects.filter(kind__in=kinds, issued_on__lte=today)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .values("products")
    )


def published_product(code: str) -> Product:
    """One published product with everything its page shows (raises Product.DoesNotExist).

    4 queries: the product with its joins, its images, its certificates, its lots.
    """
    return product_detail_queryset().get(code=code)


def product_detail_queryset() -> QuerySet[Product]:
    """Published products with images, certificates and lots prefetched (4 queries).

    Only the certificates valid today are shown: an expired one would read "valid until" a
    past day (and no longer gives stars)."""
    today = timezone.localdate()
    valid = Certificate.objects.filter(issued_on__lte=today).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    )
    return published_products().prefetch_related(
        Prefetch("certificates", queryset=valid),
        Prefetch("lots", queryset=Lot.objects.order_by("-produced_on", "-pk")),
    )


def producers_prefetch() -> Prefetch:
    """Members who made a lot and agreed to show their first name (1 query per list)."""
    return Prefetch(
        "producers",
        queryset=Membership.objects.filter(show_name_publicly=True).select_related("user"),
        to_attr="public_producers",
    )


def product_lots(product: Product) -> QuerySet[Lot]:
    """The lots of a product, newest first, with the product and consenting producers."""
    return (
        Lot.objects.filter(product=product)
        .select_related("product")
        .prefetch_related(producers_prefetch())
        .order_by("-produced_on", "-pk")
    )


def public_lots() -> QuerySet[Lot]:
    """Lots of published products, joined with product, seller, origin and consenting producers.

    2 queries: lots with their joins, then the producers (plus 1 for `product__certificates`
    when the caller prefetches it).
    """
    return (
        Lot.objects.filter(
            product__status=Product.Status.PUBLISHED, product__organisation__is_active=True
        )
        .select_related(
            "product__organisation",
            "product__origin_commune__province",
            "product__origin_commune__former_province",
            "product__category",
        )
        .prefetch_related(producers_prefetch())
    )


def _published_filter(prefix: str) -> Q:
    return Q(**{f"{prefix}status": Product.Status.PUBLISHED}) & Q(
        **{f"{prefix}organisation__is_active": True}
    )


def province_product_counts() -> list[Province]:
    """Current provinces that have published products, with `product_count` (1 query), in
    Vietnamese order of their names."""
    provinces = Province.objects.annotate(
        product_count=Count("communes__products", filter=_published_filter("communes__products__"))
    ).filter(product_count__gt=0)
    return vietnamese_sorted(provinces, key=lambda province: province.short_name)


def former_province_product_counts() -> list[FormerProvince]:
    """Pre-2025 provinces that have published products, with `product_count` (1 query), in
    Vietnamese order of their names."""
    provinces = (
        FormerProvince.objects.annotate(
            product_count=Count(
                "communes__products", filter=_published_filter("communes__products__")
            )
        )
        .filter(product_count__gt=0)
        .select_related("province")
    )
    return vietnamese_sorted(provinces, key=lambda province: province.name)


class NarrowPages:
    """A list of products for `Paginator` (and slicing) that stays fast at 100,000 products.

    A page's rows are chosen by a narrow query (ids only, in the list's order, with OFFSET and
    LIMIT: sorted over a few columns, no joins, no per-row subqueries) inside the full one
    (cards joined and annotated for those rows only). Still one query a page.
    `count()` is the queryset's; given a `count_name` (what the list is, e.g. its filters), it
    is counted once per catalogue version (`core.pagecache.catalog_cached`: ~30 ms at 100,000
    products, for every visitor of the unfiltered list).
    """

    def __init__(self, queryset: QuerySet[Product], count_name: str | None = None):
        self.queryset = queryset
        self.count_name = count_name

    def count(self) -> int:
        if self.count_name is None:
            return self.queryset.count()
        return catalog_cached(f"product-count:{self.count_name}", self.queryset.count)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Product]:
        if not isinstance(key, slice):
            raise TypeError("NarrowPages takes slices only")
        ids = self.queryset.values("pk")[key]
        return list(self.queryset.filter(pk__in=Subquery(ids)))


class RankedPages:
    """A search's results for `Paginator`: at most SEARCH_RESULTS_MAX products, in
    product_search's order, without sorting or counting every match.

    The ranks (catalog.search.tiers) are disjoint, so that order is rank 0's products in the
    list's order, then rank 1's, then rank 2's. Their ids are read rank by rank, each query
    in LIST_ORDER and stopped at what is still wanted (SEARCH_RESULTS_MAX + 1 in all, to
    know there are more): one narrow query when the name matches are many (read in order from
    the list's index), at most four (rank 2 reads its sellers first). The count and every
    page come from those ids; a page's products are then one full query (cards joined and
    annotated for those rows only, plus its prefetches). `queryset` is the products to
    search among, not yet searched (product_search without `q`: the other filters).
    """

    def __init__(self, queryset: QuerySet[Product], terms: list[str]):
        self.queryset = queryset
        self.terms = terms
        self.limit = SEARCH_RESULTS_MAX
        self._ids: list[int] | None = None

    def ids(self) -> list[int]:
        """The matches' ids in order, up to `limit` + 1 (read once)."""
        if self._ids is None:
            self._ids = []
            for tier in tiers(self.terms):
                wanted = self.limit + 1 - len(self._ids)
                if wanted <= 0:
                    break
                condition = tier() if callable(tier) else tier
                rows = self.queryset.filter(condition).order_by(*LIST_ORDER)
                self._ids += rows.values_list("pk", flat=True)[:wanted]
        return self._ids

    @property
    def more(self) -> bool:
        """More matches than `limit` (only that many are shown)."""
        return len(self.ids()) > self.limit

    def count(self) -> int:
        return min(len(self.ids()), self.limit)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Product]:
        if not isinstance(key, slice):
            raise TypeError("RankedPages takes slices only")
        ids = self.ids()[: self.limit][key]
        if not ids:
            return []
        rows = {product.pk: product for product in self.queryset.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]
