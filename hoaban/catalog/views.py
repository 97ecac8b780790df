"""The public lot trace page, with its QR code (the console's product and lot pages are in
hoaban.console).
"""

import io

import segno
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hoaban.orgs.models import Membership

from .missing import missing_lot
from .models import Lot, Product
from .producers import producer_names

# --- public: lot trace page -------------------------------------------------------------


def _traceable_lot(code: str) -> Lot:
    """A lot of a product that is (or was) on sale, with everything its trace page shows.

    4 queries: the lot joined with product, seller and places; the consenting producers; the
    product's certificates; its images.
    """
    return get_object_or_404(
        Lot.objects.filter(product__organisation__is_active=True)
        .exclude(product__status=Product.Status.DRAFT)
        .select_related(
            "product__organisation__commune__province",
            "product__organisation__commune__former_province",
            "product__origin_commune__province",
            "product__origin_commune__former_province",
            "product__ethnic_group",
        )
        .prefetch_related(
            Prefetch(
                "producers",
                queryset=Membership.objects.filter(show_name_publicly=True)
                .select_related("user")
                .order_by("user__full_name"),
                to_attr="public_producers",
            ),
            "product__certificates",
            "product__images",
        ),
        code=code,
    )


def _qr_title(lot: Lot) -> str:
    return _("QR code of lot %(code)s: scan it to open this page") % {"code": lot.code}


def lot_trace(request: HttpRequest, code: str) -> HttpResponse:
    try:
        lot = _traceable_lot(code)
    except Http404:
        return missing_lot(request, code)  # no longer sold (its cooperative), or the helpful 404
    today = timezone.localdate()
    url = request.build_absolute_uri(reverse("catalog:lot_trace", kwargs={"code": lot.code}))
    title = _qr_title(lot)
    svg = segno.make(url, error="m").svg_inline(
        scale=4, border=2, title=title, svgclass="qr", lineclass=None, omitsize=True
    )
    # Screen readers announce an <svg> only with a role and a name.
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
    certificates = [c for c in lot.product.certificates.all() if c.is_valid_on(today)]
    first_names = producer_names(lot.public_producers)
    return render(
        request,
        "catalog/lot_trace.html",
        {
            "lot": lot,
            "product": lot.product,
            "organisation": lot.product.organisation,
            "certificates": certificates,
            "first_names": first_names,
            "qr_svg": mark_safe(svg),  # noqa: S308 (segno output; the title is escaped)
            "trace_url": url,
        },
    )


def lot_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code alone, as an SVG file to print on labels."""
    lot = get_object_or_404(Lot.objects.exclude(product__status=Product.Status.DRAFT), code=code)
    url = request.build_absolute_uri(reverse("catalog:lot_trace", kwargs={"code": lot.code}))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=4, title=_qr_title(lot))
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="{lot.code}.svg"'
    response["Cache-Control"] = "public, max-age=86400"
    return response
