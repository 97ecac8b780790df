"""Which of its organisation's certificates a product shows, and the OCOP stars they give."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.accounts.access import require_manager
from hoaban.core.errors import ServiceError
from hoaban.orgs.models import Certificate

from ..models import Product, ProductEvent
from .events import record_event


def product_ocop_stars(certificates: Iterable[Certificate], day: datetime.date) -> int:
    """The highest OCOP stars among the certificates valid on `day` (0 when none)."""
    return max((c.ocop_stars for c in certificates if c.is_valid_on(day)), default=0)


@transaction.atomic
def product_certificates_set(
    *, product: Product, certificates: Iterable[Certificate], by
) -> Product:
    """Link the product to some of its organisation's certificates (its OCOP stars follow
    those valid on the day they are read)."""
    require_manager(by, product.organisation)
    certificates = list(certificates)
    if any(c.organisation_id != product.organisation_id for c in certificates):
        raise ServiceError(
            _("A product can only show certificates of its own organisation."),
            field="certificates",
        )
    before = set(product.certificates.values_list("pk", flat=True))
    product.certificates.set(certificates)
    stars = product_ocop_stars(certificates, timezone.localdate())
    product.ocop_stars = stars  # as of today; never stored (catalog.models.ocop_stars_on)
    if before != {c.pk for c in certificates}:
        record_event(
            product,
            by,
            ProductEvent.Kind.CERTIFICATES_SET,
            certificates=sorted(c.pk for c in certificates),
            ocop_stars=stars,
        )
    return product
