"""Reads of places that several views and forms share."""

from django.db.models import QuerySet

from hoaban.core.bounds import as_code
from hoaban.core.collation import vietnamese_key, vietnamese_sorted

from .models import Commune, Province


def province_queryset() -> QuerySet[Province]:
    return Province.objects.order_by("code")


def province_choices() -> list[tuple[int, str]]:
    """The 34 provinces as (code, short name), in Vietnamese order (`core.collation`)."""
    rows = Province.objects.values_list("code", "short_name")
    return vietnamese_sorted(rows, key=lambda row: row[1])


def provinces_sorted(provinces) -> list:
    """Provinces (or former provinces) in Vietnamese order of their names (Cà Mau before Cao
    Bằng, Đà Nẵng after every D): the one order of every list of provinces."""
    return vietnamese_sorted(provinces, key=lambda p: getattr(p, "short_name", None) or p.name)


def commune_sort_key(commune: Commune) -> tuple:
    """Sort by name in Vietnamese order (same order on SQLite and PostgreSQL)."""
    return vietnamese_key(commune.name)


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
