"""The 404 of a product or lot that is not (or no longer) on show — an old QR code, a product
the cooperative archived: it says the product is no longer sold, names its cooperative and
suggests the cooperative's other published products, with search and the catalogue.

Nothing of the unpublished product itself is shown (not its name, price or story): only
"no longer sold" and the cooperative's name. A product code that was only ever a draft, a
cooperative that is no longer active, or an unknown code get the plain helpful 404.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from hoaban.core.error_pages import not_found_page
from hoaban.orgs.models import Organisation

from .models import Lot, Product

SUGGESTIONS = 4


def former_seller_of_product(code: str) -> Organisation | None:
    """The active organisation that sold the archived product of this code (1 query)."""
    product = (
        Product.objects.filter(
            code=code, status=Product.Status.ARCHIVED, organisation__is_active=True
        )
        .select_related("organisation")
        .first()
    )
    return product.organisation if product else None


def former_seller_of_lot(code: str) -> Organisation | None:
    """The active organisation of a lot whose product is not on show (1 query)."""
    lot = (
        Lot.objects.filter(code=code, product__organisation__is_active=True)
        .exclude(product__status=Product.Status.PUBLISHED)
        .select_related("product__organisation")
        .first()
    )
    return lot.product.organisation if lot else None


def no_longer_sold(request: HttpRequest, organisation: Organisation | None) -> HttpResponse:
    """404: "no longer sold" with the organisation's other products (1 query), or the plain
    helpful 404 when no organisation is known."""
    if organisation is None:
        return not_found_page(request, {})
    suggestions = list(
        Product.objects.filter(organisation=organisation, status=Product.Status.PUBLISHED)
        .only("code", "name")
        .order_by("name", "pk")[:SUGGESTIONS]
    )
    texts = {
        "title": _("This product is no longer sold"),
        "message": _("%(organisation)s no longer sells this product.")
        % {"organisation": organisation.name},
        "next_step": _("See its other products below, or search for another product."),
    }
    return not_found_page(request, texts, organisation=organisation, suggestions=suggestions)


def missing_product(request: HttpRequest, code: str) -> HttpResponse:
    return no_longer_sold(request, former_seller_of_product(code))


def missing_lot(request: HttpRequest, code: str) -> HttpResponse:
    return no_longer_sold(request, former_seller_of_lot(code))
