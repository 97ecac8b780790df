"""GET /provinces and /provinces/{code}/communes: the 34 provinces, their communes, old names."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from hoaban.core.text import search_terms
from hoaban.places.models import Commune, FormerProvince, Province

from .common import not_found
from .errors import ERRORS, NOT_FOUND
from .pagination import LimitOffset

router = Router(tags=["places"])


class FormerProvinceOut(Schema):
    code: int
    name: str


class ProvinceOut(Schema):
    code: int
    name: str
    division_type: str
    former_provinces: list[FormerProvinceOut]

    @staticmethod
    def resolve_former_provinces(obj):
        return obj.former_provinces.all()


class CommuneOut(Schema):
    code: int
    name: str
    division_type: str
    province_code: int
    former_province: FormerProvinceOut | None

    @staticmethod
    def resolve_province_code(obj):
        return obj.province_id


@router.get("/provinces", response={200: list[ProvinceOut], **ERRORS})
@paginate(LimitOffset)
def province_list(request, q: str | None = None):
    """Provinces since 1/7/2025; `q` matches current and former names (`Bắc Kạn` → Thái Nguyên).

    3 queries: count, provinces, their former provinces.
    """
    provinces = Province.objects.prefetch_related(
        Prefetch("former_provinces", queryset=FormerProvince.objects.order_by("code"))
    ).order_by("code")
    for term in search_terms(q):
        provinces = provinces.filter(search_text__contains=term)
    return provinces


@router.get("/provinces/{code}/communes", response={200: list[CommuneOut], **NOT_FOUND, **ERRORS})
@paginate(LimitOffset)
def commune_list(request, code: int, q: str | None = None):
    """Communes and wards of a province; `q` matches the commune name without accents.

    3 queries: the province check, count, communes joined with their former province.
    """
    if not Province.objects.filter(pk=code).exists():
        raise not_found(_("No province has the code %(code)s.") % {"code": code})
    communes = Commune.objects.filter(province_id=code).select_related("former_province")
    for term in search_terms(q):
        communes = communes.filter(search_text__contains=term)
    return communes.order_by("name", "code")
