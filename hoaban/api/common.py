"""Shared pieces of the API routers: errors with clear messages, filter checks, place schemas."""

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError

from hoaban.places.models import Commune, FormerProvince, Province


def not_found(message: str) -> HttpError:
    return HttpError(404, message)


def check_place_filters(province: int | None, former: int | None) -> None:
    """422 with a clear message for an unknown province or former province code (1 query each)."""
    if province is not None and not Province.objects.filter(pk=province).exists():
        raise HttpError(
            422,
            _("Unknown province code %(code)s. See /api/v1/provinces for the codes.")
            % {"code": province},
        )
    if former is not None and not FormerProvince.objects.filter(pk=former).exists():
        raise HttpError(
            422,
            _("Unknown former province code %(code)s. See /api/v1/provinces for the codes.")
            % {"code": former},
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
