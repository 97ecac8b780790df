"""The home page's featured products: a varied selection, not the first names in the alphabet.

From the newest in-stock published products (those marked "featured" first), pick in three
passes: one whose category and province are both new to the selection, then one whose pair
(category, province) is new, then any, until the page is full. Deterministic (same data, same
choice) and cheap at any catalogue size: one query reads at most `CANDIDATES` cards in the
order of an index (`product_home_order`), then one query brings the chosen ones' images.
"""

from django.db.models import prefetch_related_objects

from hoaban.catalog.queries import images_prefetch, product_cards
from hoaban.commerce.pricing import with_channel_terms

CANDIDATES = 120


def featured_products(channel: str, count: int) -> list:
    candidates = list(
        with_channel_terms(product_cards(), channel)
        .prefetch_related(None)  # images: for the chosen ones only, below
        .filter(available__gt=0)
        .order_by("-is_featured", "-created_at", "pk")[:CANDIDATES]
    )
    chosen: list = []
    categories: set = set()
    provinces: set = set()
    pairs: set = set()

    def province_of(product) -> int:
        return product.origin_commune.province_id

    passes = (
        lambda p: p.category_id not in categories and province_of(p) not in provinces,
        lambda p: (p.category_id, province_of(p)) not in pairs,
        lambda p: True,
    )
    for wanted in passes:
        for product in candidates:
            if len(chosen) == count:
                break
            if product in chosen or not wanted(product):
                continue
            chosen.append(product)
            categories.add(product.category_id)
            provinces.add(province_of(product))
            pairs.add((product.category_id, province_of(product)))
    prefetch_related_objects(chosen, images_prefetch())
    return chosen
