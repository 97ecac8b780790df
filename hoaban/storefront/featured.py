"""The home page's reads, fast at 100,000 products: featured products, top sellers, counts.

Featured products: a varied selection, not the first names in the alphabet.

From the newest in-stock published products (those marked "featured" first), pick in three
passes: one whose category and province are both new to the selection, then one whose pair
(category, province) is new, then any, until the page is full. Deterministic (same data, same
choice) and cheap at any catalogue size: one query reads at most `CANDIDATES` (id, category,
province) rows in the order of an index (`product_home_order`), with availability worked out
live (a reservation, which bumps no catalogue version, can change it); then one query reads
the chosen cards with their price and stock, and one their images (building 120 full cards
to show 8 cost more than the three queries together).
"""

from collections import Counter

from django.db.models import Count

from hoaban.catalog.models import Product
from hoaban.catalog.queries import product_cards
from hoaban.commerce.pricing import with_channel_terms
from hoaban.core.collation import vietnamese_sorted
from hoaban.core.pagecache import catalog_cached
from hoaban.orgs.models import Organisation
from hoaban.orgs.queries import public_organisations
from hoaban.places.models import Commune, FormerProvince, Province

CANDIDATES = 120
SELLERS_KEPT = 24  # of the ranking, in the cache (the home page shows 6)


def featured_products(channel: str, count: int) -> list[Product]:
    """`count` varied in-stock products, with the channel's terms and their images."""
    candidates = list(
        with_channel_terms(Product.objects.filter(organisation__is_active=True), channel)
        .filter(status=Product.Status.PUBLISHED, available__gt=0)
        .order_by("-is_featured", "-created_at", "pk")
        .values_list("pk", "category_id", "origin_commune__province_id")[:CANDIDATES]
    )
    chosen = _varied(candidates, count)
    cards = with_channel_terms(product_cards(), channel).in_bulk(chosen)
    return [cards[pk] for pk in chosen if pk in cards]


def _varied(candidates: list[tuple[int, int, int]], count: int) -> list[int]:
    """Of (id, category, province) in the home order, the ids to show, in the three passes."""
    chosen: list[int] = []
    categories: set = set()
    provinces: set = set()
    pairs: set = set()
    passes = (
        lambda category, province: category not in categories and province not in provinces,
        lambda category, province: (category, province) not in pairs,
        lambda category, province: True,
    )
    for wanted in passes:
        for pk, category, province in candidates:
            if len(chosen) == count:
                return chosen
            if pk in chosen or not wanted(category, province):
                continue
            chosen.append(pk)
            categories.add(category)
            provinces.add(province)
            pairs.add((category, province))
    return chosen


def top_sellers(count: int) -> list[Organisation]:
    """The cooperatives (and groups, household businesses) with the most published products
    (most first, then by name), with `product_count`: the ranking from `home_counts`, then
    one query for those organisations (`count` up to `SELLERS_KEPT`)."""
    ranking = home_counts()["sellers"][:count]
    found = (
        public_organisations()
        .filter(kind__in=Organisation.SELLING_KINDS)
        .defer("story")
        .in_bulk([pk for pk, _n in ranking])
    )
    organisations = []
    for pk, n in ranking:
        if pk in found:  # always, but for a write between the two reads
            found[pk].product_count = n
            organisations.append(found[pk])
    return organisations


def place_counts() -> tuple[list[Province], list[FormerProvince]]:
    """Current and former provinces that have published products, in Vietnamese order, each with
    `product_count`: the counts from `home_counts`, then the provinces and former provinces
    they name (2 queries)."""
    counts = home_counts()
    by_province, by_former = counts["provinces"], counts["formers"]
    provinces = list(Province.objects.filter(code__in=list(by_province)).order_by("name"))
    formers = list(
        FormerProvince.objects.filter(code__in=list(by_former))
        .select_related("province")
        .order_by("name")
    )
    for place in provinces:
        place.product_count = by_province[place.code]
    for place in formers:
        place.product_count = by_former[place.code]
    return (
        vietnamese_sorted(provinces, key=lambda p: p.short_name),
        vietnamese_sorted(formers, key=lambda p: p.name),
    )


def home_counts() -> dict:
    """Published products of active organisations counted by current and former province
    (`provinces`, `formers`: {code: n}) and the selling organisations' ranking (`sellers`:
    [(id, n)], the first `SELLERS_KEPT`): plain data, worked out once per catalogue version
    (`catalog_cached`: every product, stock and organisation write bumps it)."""
    return catalog_cached("home:counts", _home_counts)


def _home_counts() -> dict:
    # 3 queries, ~3× faster than grouping the catalogue joined to sellers and communes: one
    # pass over the published products grouped by (seller, commune), index-only
    # (`product_published_places`, some 2,000 groups at 100,000 products), then the active
    # organisations (in name order: ties in the ranking stay in the database's order) and
    # the communes of those groups, put together here.
    groups = list(
        Product.objects.filter(status=Product.Status.PUBLISHED)
        .order_by()
        .values_list("organisation_id", "origin_commune_id")
        .annotate(n=Count("origin_commune"))  # a column of the index: no table read
    )
    organisations = list(
        Organisation.objects.filter(is_active=True).order_by("name").values_list("pk", "kind")
    )
    active = {pk for pk, _kind in organisations}
    groups = [(seller, commune, n) for seller, commune, n in groups if seller in active]
    places = {
        code: (province, former)
        for code, province, former in Commune.objects.filter(
            code__in={commune for _seller, commune, _n in groups}
        ).values_list("code", "province_id", "former_province_id")
    }
    by_province: Counter = Counter()
    by_former: Counter = Counter()
    by_seller: Counter = Counter()
    for seller, commune, n in groups:
        province, former = places[commune]
        by_province[province] += n
        if former is not None:
            by_former[former] += n
        by_seller[seller] += n
    selling = [pk for pk, kind in organisations if kind in Organisation.SELLING_KINDS]
    ranked = sorted(selling, key=lambda pk: -by_seller[pk])  # stable: by name within a count
    return {
        "provinces": dict(by_province),
        "formers": dict(by_former),
        "sellers": [(pk, by_seller[pk]) for pk in ranked[:SELLERS_KEPT]],
    }
