"""Writes for organisations (see STYLE.md: one transaction per service, rules enforced here)."""

from hoaban.core.text import fold_join

from .models import Organisation


def organisation_search_text(organisation: Organisation) -> str:
    """Folded name and place names (commune, province, former province) for search."""
    commune = organisation.commune
    former = commune.former_province.name if commune.former_province_id else ""
    return fold_join(organisation.name, commune.name, commune.province.name, former)
