"""Writes for the catalogue (see STYLE.md: one transaction per service, rules enforced here)."""

from hoaban.core.text import fold_join

from .models import Product


def product_search_text(product: Product) -> str:
    """Folded name, code, seller, category, ethnic group and places (new and former names)."""
    places = []
    for commune in (product.origin_commune, product.organisation.commune):
        places += [commune.name, commune.province.name]
        if commune.former_province_id:
            places.append(commune.former_province.name)
    return fold_join(
        product.name,
        product.code,
        product.organisation.name,
        product.category.name,
        product.category.name_en,
        product.ethnic_group.name if product.ethnic_group_id else "",
        *dict.fromkeys(places),
    )
