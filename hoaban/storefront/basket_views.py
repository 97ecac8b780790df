"""The basket: look, add, change a quantity, remove (kept in the session, grouped by seller)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hoaban.core.errors import ServiceError

from .cart import (
    NOT_FOR_SALE,
    Cart,
    cart_contents,
    product_for_sale,
    product_terms,
    quantity_too_large,
)
from .shop_forms import (
    MAX_QUANTITY,
    CartAddForm,
    CartRemoveForm,
    CartUpdateForm,
)
from .shop_views import GONE_MESSAGE, _first_error, _safe_next


@require_GET
def cart_view(request: HttpRequest) -> HttpResponse:
    return _render_cart(request)


def _render_cart(request, *, line_errors: dict | None = None, status: int = 200) -> HttpResponse:
    # Queries: session, products (with seller, origin, category), images, channel terms.
    cart = Cart(request.session)
    contents = cart_contents(cart)
    if contents.gone:
        cart.remove_many(contents.gone)
        messages.warning(request, GONE_MESSAGE)
    return render(
        request,
        "shop/cart.html",
        {"contents": contents, "line_errors": line_errors or {}},
        status=status,
    )


def _too_many(form) -> str:
    """A quantity beyond the field's ceiling is still "only N left" for a product on sale
    (whatever was asked for); else the field's own message."""
    product = product_for_sale(form.data.get("product", ""))
    if product is not None and form.has_error("quantity", "max_value"):
        _price, available = product_terms(product)
        if available < MAX_QUANTITY:
            return str(quantity_too_large(product.name, available, product.unit))
    return _first_error(form)


@require_POST
def cart_add(request: HttpRequest) -> HttpResponse:
    form = CartAddForm(request.POST)
    fallback = _safe_next(request, "")
    if not form.is_valid():
        messages.error(request, _too_many(form))
        return redirect(fallback or "shop:cart")
    product = product_for_sale(form.cleaned_data["product"])
    if product is None:
        messages.error(request, str(NOT_FOR_SALE))
        return redirect(fallback or "shop:cart")
    unit_price, available = product_terms(product)
    try:
        Cart(request.session).add(
            product=product, quantity=form.cleaned_data["quantity"], available=available
        )
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect(fallback or "shop:cart")
    messages.success(
        request,
        _("%(product)s is in your basket.") % {"product": product.name},
    )
    return redirect(fallback or "shop:cart")


@require_POST
def cart_update(request: HttpRequest) -> HttpResponse:
    form = CartUpdateForm(request.POST)
    code = request.POST.get("product", "")
    if not form.is_valid():
        return _render_cart(request, line_errors={code: _too_many(form)}, status=400)
    cart = Cart(request.session)
    code = form.cleaned_data["product"]
    product = product_for_sale(code)
    if code not in cart:
        return redirect("shop:cart")
    if product is None:
        cart.remove(code)
        messages.error(request, str(NOT_FOR_SALE))
        return redirect("shop:cart")
    unit_price, available = product_terms(product)
    try:
        cart.update(product=product, quantity=form.cleaned_data["quantity"], available=available)
    except ServiceError as error:
        return _render_cart(request, line_errors={code: str(error.message)}, status=400)
    messages.success(request, _("Your basket is updated."))
    return redirect("shop:cart")


@require_POST
def cart_remove(request: HttpRequest) -> HttpResponse:
    form = CartRemoveForm(request.POST)
    if form.is_valid() and Cart(request.session).remove(form.cleaned_data["product"]):
        messages.success(request, _("The product is out of your basket."))
    return redirect("shop:cart")
