"""GET /organisations and /organisations/{slug}: cooperatives and everyone else."""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from hoaban.api.errors import ERRORS, NOT_FOUND, not_found
from hoaban.api.pagination import LimitOffset
from hoaban.places.api import PlaceOut, check_place_filters, place_of

from .models import Organisation
from .queries import organisation_search, public_organisations

router = Router(tags=["organisations"])
# Each operation_id is the one it had before this router moved out of hoaban/api/.


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    place: PlaceOut

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_place(obj):
        return place_of(obj.commune)


class CertificateOut(Schema):
    kind: str
    kind_label: str
    title: str
    number: str
    ocop_stars: int
    issued_on: datetime.date
    expires_on: datetime.date | None

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()


class OrganisationDetailOut(OrganisationOut):
    story: str
    address: str
    contact_phone: str
    product_count: int
    certificates: list[CertificateOut]

    @staticmethod
    def resolve_certificates(obj):
        return obj.certificates.all()


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], **ERRORS},
    operation_id="hoaban_api_organisations_organisation_list",
)
@paginate(LimitOffset)
def organisation_list(
    request,
    q: str | None = None,
    province: int | None = None,
    former: int | None = None,
    kind: Organisation.Kind | None = None,
):
    """Active organisations. `q` ignores accents and case and matches names and places, old and
    new (`Bắc Kạn` finds those in the former Bắc Kạn); `province`, `former`: province codes.

    2 queries (count, page joined with places), plus 1 per province filter given (its check).
    """
    check_place_filters(province, former)
    return organisation_search(q, province, former, kind).order_by("name", "pk")


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationDetailOut, **NOT_FOUND, **ERRORS},
    operation_id="hoaban_api_organisations_organisation_detail",
)
def organisation_detail(request, slug: str):
    """One organisation with its certificates and count of published products (2 queries)."""
    organisation = (
        public_organisations()
        .annotate(
            product_count=Count("products", filter=Q(products__status="published"), distinct=True)
        )
        .prefetch_related("certificates")
        .filter(slug=slug)
        .first()
    )
    if organisation is None:
        raise not_found(_("No organisation has the address %(slug)s.") % {"slug": slug})
    return organisation
