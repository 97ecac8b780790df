"""GET /lots/{code}: a lot's trace (product, seller, origin, dates, consenting producers)."""

import datetime

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from hoaban.api.errors import ERRORS, NOT_FOUND, not_found
from hoaban.catalog.producers import producer_names
from hoaban.catalog.queries import public_lots
from hoaban.places.api import PlaceOut, place_of

router = Router(tags=["lots"])
# Each operation_id is the one it had before this router moved out of hoaban/api/.


class ProductRef(Schema):
    code: str
    name: str


class LotOut(Schema):
    code: str
    product: ProductRef
    produced_on: datetime.date
    quantity: int
    notes: str
    # First names of the members who made it and agreed to show them.
    producers: list[str]

    @staticmethod
    def resolve_producers(obj):
        return producer_names(obj.public_producers)


class SellerRef(Schema):
    slug: str
    name: str


class LotDetailOut(LotOut):
    seller: SellerRef
    origin: PlaceOut
    trace_url: str | None

    @staticmethod
    def resolve_seller(obj):
        return obj.product.organisation

    @staticmethod
    def resolve_origin(obj):
        return place_of(obj.product.origin_commune)

    @staticmethod
    def resolve_trace_url(obj, context):
        try:
            url = reverse("catalog:lot_trace", args=[obj.code])
        except NoReverseMatch:
            return None
        request = context.get("request") if context else None
        return request.build_absolute_uri(url) if request else url


@router.get(
    "/lots/{code}",
    response={200: LotDetailOut, **NOT_FOUND, **ERRORS},
    operation_id="hoaban_api_lots_lot_detail",
)
def lot_detail(request, code: str):
    """One lot of a published product (2 queries: the lot joined, its consenting producers)."""
    lot = public_lots().filter(code=code).first()
    if lot is None:
        raise not_found(_("No lot has the code %(code)s.") % {"code": code})
    return lot
