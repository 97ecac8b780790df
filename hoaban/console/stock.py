"""The console's stock pages: every product's stock with a recount field, and for one product
the recount (the quantity counted becomes the stock, the difference an adjustment written by
inventory.services) and its movements.

They ask both inventory (the writes) and commerce (what orders hold), which the console, a
channel, may import and catalog, below both, may not.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoaban.catalog.forms import StockForm
from hoaban.catalog.models import Product
from hoaban.commerce.queries import with_available
from hoaban.commerce.services import reservations_expire
from hoaban.commerce.stock import reserved_quantities
from hoaban.core.errors import ServiceError
from hoaban.inventory.models import StockMovement
from hoaban.inventory.services import stock_recount
from hoaban.orgs.models import Organisation

from .forms import StockForm as StockListForm
from .orders import NOT_FOUND_PRODUCT, _not_found, orders_page
from .pages import console_context, console_page

MOVEMENTS_PER_PAGE = 50


def _product(organisation: Organisation, code: str) -> Product:
    return get_object_or_404(
        Product.objects.select_related("organisation"), organisation=organisation, code=code
    )


@require_POST
@console_page
def product_stock(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    """A recount: the quantity counted becomes the stock, the difference an adjustment."""
    product = _product(organisation, code)
    form = StockForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(next(iter(form.errors.values()))[0])
        stock_recount(
            product=product,
            counted=form.cleaned_data["stock"],
            note=form.cleaned_data["note"],
            held=reserved_quantities,
            by=request.user,
        )
    except ServiceError as error:
        messages.error(request, f"{product.name}: {error.message}")
    else:
        messages.success(
            request,
            _("%(name)s: %(stock)s in stock.") % {"name": product.name, "stock": product.stock},
        )
    return redirect("console:products", slug=organisation.slug)


@console_page
def product_movements(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    """Every change of a product's stock, newest first (date, kind, change, who, note).

    Queries: the session and user, the organisation and the permission checks (console_page),
    the product, the count, one page of movements joined with who made them: the same for any
    number of movements."""
    product = _product(organisation, code)
    reservations_expire(product_ids=[product.pk])  # holds that ran out show as released
    rows = (
        StockMovement.objects.filter(product=product)
        .select_related("actor", "location")
        .order_by("-at", "-pk")
    )
    page = Paginator(rows, MOVEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "console/movements.html",
        console_context(request, organisation, "products", product=product, page=page),
    )


@orders_page
def stock(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """The products of one managed organisation with a recount field each (the quantity
    counted becomes the stock; inventory.services writes the adjustment)."""
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = StockListForm(request.POST)
        code = request.POST.get("product", "")
        product = (
            Product.objects.select_related("organisation")
            .filter(code=code, organisation=organisation)
            .first()
            if len(code) <= 20 and code.isprintable()
            else None
        )
        if product is None:  # no such product, or another organisation's: the same answer
            return _not_found(request, organisation, NOT_FOUND_PRODUCT)
        if form.is_valid():
            try:
                stock_recount(
                    product=product,
                    counted=form.cleaned_data["stock"],
                    note=form.cleaned_data["note"],
                    held=reserved_quantities,
                    by=request.user,
                )
            except ServiceError as error:
                errors[code] = str(error.message)
            else:
                messages.success(
                    request,
                    _("Stock of %(product)s is now %(stock)s.")
                    % {"product": product.name, "stock": form.cleaned_data["stock"]},
                )
                return redirect("console:stock", slug=organisation.slug)
        else:
            errors[code] = str(next(iter(form.errors.values()))[0])
    # 1 query: the products with what is still available (stock minus active holds).
    products = with_available(
        Product.objects.filter(organisation=organisation).exclude(status=Product.Status.ARCHIVED)
    ).order_by("name")
    return render(
        request,
        "console/stock.html",
        {
            "organisation": organisation,
            "organisations": request.organisations,
            "products": products,
            "errors": errors,
        },
        status=400 if errors else 200,
    )
