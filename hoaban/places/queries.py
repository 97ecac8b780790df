"""Reads of places that several views and forms share."""

from django.db.models import QuerySet

from hoaban.core.bounds import as_code
from hoaban.core.text import fold

from .models import Commune, Province


def province_queryset() -> QuerySet[Province]:
    return Province.objects.order_by("code")


def province_choices() -> list[tuple[int, str]]:
    """The 34 provinces as (code, short name), sorted by name the way Vietnamese read it."""
    rows = Province.objects.values_list("code", "short_name")
    return sorted(rows, key=lambda row: (fold(row[1]), row[1]))


def commune_sort_key(commune: Commune) -> tuple[str, str]:
    """Sort by name ignoring accents (same order on SQLite and PostgreSQL)."""
    return (fold(commune.name), commune.name)


def communes_of(province_code: int | str | None) -> list[Commune]:
    """The communes and wards of one province, sorted by name; [] for an unknown code."""
    code = as_code(province_code)
    if code is None:
        return []
    communes = Commune.objects.filter(province_id=code).only("code", "name", "province_id")
    return sorted(communes, key=commune_sort_key)


def commune_with_places(code: int) -> Commune | None:
    """One commune with its province and former province joined (for labels)."""
    return Commune.objects.select_related("province", "former_province").filter(code=code).first()
