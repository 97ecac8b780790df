"""Reads of organisations shared by the marketplace pages and the API (already joined)."""

from django.db.models import Count, Q, QuerySet

from hoaban.core.text import search_terms

from .models import Organisation

ORGANISATION_RELATED = ("commune__province", "commune__former_province")


def public_organisations() -> QuerySet[Organisation]:
    """Active organisations with their commune, province and former province (1 query)."""
    return Organisation.objects.filter(is_active=True).select_related(*ORGANISATION_RELATED)


def organisation_search(
    q: str | None = None,
    province: int | None = None,
    former: int | None = None,
    kind: str | None = None,
) -> QuerySet[Organisation]:
    """Active organisations matching every given filter.

    `q` ignores diacritics and case, every word must match the name or a place name, old or
    new (`Bắc Kạn` finds those in the former Bắc Kạn, now Thái Nguyên); `province` is a
    current province code, `former` a pre-2025 one, `kind` an `Organisation.Kind` value.
    """
    organisations = public_organisations()
    for term in search_terms(q):
        organisations = organisations.filter(search_text__contains=term)
    if province is not None:
        organisations = organisations.filter(commune__province_id=province)
    if former is not None:
        organisations = organisations.filter(commune__former_province_id=former)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations


def selling_organisations() -> QuerySet[Organisation]:
    """Cooperatives, groups and household businesses, with their count of published products."""
    return (
        public_organisations()
        .filter(kind__in=Organisation.SELLING_KINDS)
        .annotate(
            product_count=Count("products", filter=Q(products__status="published"), distinct=True)
        )
    )
