"""GET /provinces and /provinces/{code}/communes: the 34 provinces, their communes, old names.

Also the place pieces the other apps' routers share: `PlaceOut`/`place_of` (where something
is) and `check_place_filters` (a clear 422 for an unknown province code).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from hoaban.api.errors import ERRORS, NOT_FOUND, not_found
from hoaban.api.pagination import LimitOffset
from hoaban.core.collation import vietnamese_sorted
from hoaban.core.errors import InvalidInput
from hoaban.core.text import search_terms

from .models import Commune, FormerProvince, Province
from .queries import provinces_sorted

router = Router(tags=["places"])
# Each operation_id is the one it had before this router moved out of hoaban/api/.


def check_place_filters(province: int | None, former: int | None) -> None:
    """422 with a clear message for an unknown province or former province code (1 query each)."""
    if province is not None and not Province.objects.filter(pk=province).exists():
        raise InvalidInput(
            _("Unknown province code %(code)s. See /api/v1/provinces for the codes.")
            % {"code": province},
            field="province",
        )
    if former is not None and not FormerProvince.objects.filter(pk=former).exists():
        raise InvalidInput(
            _("Unknown former province code %(code)s. See /api/v1/provinces for the codes.")
            % {"code": former},
            field="former",
        )


class PlaceOut(Schema):
    """Where something is: the commune and province now, and the province before 1/7/2025."""

    commune_code: int
    commune: str
    province_code: int
    province: str
    former_province_code: int | None
    former_province: str | None


def place_of(commune: Commune) -> dict:
    former = commune.former_province
    return {
        "commune_code": commune.code,
        "commune": commune.name,
        "province_code": commune.province_id,
        "province": commune.province.short_name,
        "former_province_code": former.code if former else None,
        "former_province": former.name if former else None,
    }


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


@router.get(
    "/provinces",
    response={200: list[ProvinceOut], **ERRORS},
    operation_id="hoaban_api_places_province_list",
)
@paginate(LimitOffset)
def province_list(request, q: str | None = None):
    """Provinces since 1/7/2025, in Vietnamese order of their names (Cà Mau before Cao Bằng);
    `q` matches current and former names (`Bắc Kạn` → Thái Nguyên).

    2 queries: the (at most 34) provinces, their former provinces; sorted and counted in Python.
    """
    provinces = Province.objects.prefetch_related(
        Prefetch("former_provinces", queryset=FormerProvince.objects.order_by("code"))
    )
    for term in search_terms(q):
        provinces = provinces.filter(search_text__contains=term)
    return provinces_sorted(provinces)


@router.get(
    "/provinces/{code}/communes",
    response={200: list[CommuneOut], **NOT_FOUND, **ERRORS},
    operation_id="hoaban_api_places_commune_list",
)
@paginate(LimitOffset)
def commune_list(request, code: int, q: str | None = None):
    """Communes and wards of a province; `q` matches the commune name without accents.

    2 queries: the province check, its communes joined with their former province (at most
    a few hundred: sorted in Vietnamese order and counted in Python).
    """
    if not Province.objects.filter(pk=code).exists():
        raise not_found(_("No province has the code %(code)s.") % {"code": code})
    communes = Commune.objects.filter(province_id=code).select_related("former_province")
    for term in search_terms(q):
        communes = communes.filter(search_text__contains=term)
    return vietnamese_sorted(communes.order_by("code"), key=lambda commune: commune.name)
