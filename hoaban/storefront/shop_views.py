"""The shop: basket, checkout, order placed, tracking, reviews, and the seller's order console.

Views are thin: they read forms, call the commerce services (which own every rule and every
write) and render. Nothing here writes an order by itself.
"""

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from hoaban.accounts.phone import display_phone
from hoaban.catalog.models import Product
from hoaban.commerce import throttles
from hoaban.commerce.errors import IdempotencyConflict, OrderError, OutOfStock
from hoaban.commerce.models import IdempotencyRecord, Order, Payment, Review
from hoaban.commerce.queries import order_for_tracking, placement_exists, placement_record
from hoaban.commerce.services import (
    BuyerInput,
    DeliveryInput,
    LineInput,
    order_cancel_by_buyer,
    order_place,
    review_create,
)
from hoaban.commerce.services.placement import session_scope
from hoaban.commerce.stock import hold_minutes
from hoaban.core.errors import ServiceError, form_error
from hoaban.core.throttle import Throttled
from hoaban.places.forms import picker_initial, wants_communes

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
    CheckoutForm,
    ReviewForm,
    TrackForm,
)
from .shop_payment import payment_instructions


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _first_error(form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return _("Please check the quantity.")


GONE_MESSAGE = gettext_lazy(
    "Some products are no longer for sale and were taken out of your basket."
)


# --- basket ---------------------------------------------------------------------------------


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


# --- checkout -------------------------------------------------------------------------------

# Field paths of `InvalidOrder.errors` → checkout form fields (anything else: the basket).
ORDER_FIELD_TO_FORM = {
    "idempotency_key": "",  # a hidden field: its message goes on the form as a whole
    "buyer.name": "name",
    "buyer.phone": "phone",
    "delivery.method": "delivery",
    "delivery.address": "address",
    "delivery.commune": "commune",
    "payment": "payment",
}


# The order-placed pages this browser may open again (tokens of its last placements).
PLACED_SESSION_KEY = "shop_placed"
PLACED_REMEMBERED = 10


def _remember_placed(request: HttpRequest, token: str) -> None:
    tokens = [t for t in request.session.get(PLACED_SESSION_KEY, []) if t != token]
    request.session[PLACED_SESSION_KEY] = [*tokens, token][-PLACED_REMEMBERED:]


def _placed_here(request: HttpRequest, key: str) -> str | None:
    """The placed page's token if this browser placed the orders of this key, else None.

    Only this browser: an idempotency key (an API client may choose a guessable one) never
    leads to another person's order-placed page."""
    record = placement_record(key, session_scope(request.session))
    if record is None or record.token not in request.session.get(PLACED_SESSION_KEY, []):
        return None
    return record.token


def checkout(request: HttpRequest) -> HttpResponse:
    cart = Cart(request.session)
    if request.method == "POST":
        token = _placed_here(request, request.POST.get("idempotency_key", ""))
        if token is not None:
            # A second tap of "Place order" (or a reload): show what the first one placed.
            # The basket is left alone: the first tap emptied it, and anything in it now was
            # added since.
            return redirect("shop:placed", token=token)
    contents = cart_contents(cart)
    gone = bool(contents.gone)
    if gone:
        cart.remove_many(contents.gone)
    if not contents:
        messages.info(request, _("Your basket is empty. Add products before checking out."))
        return redirect("shop:cart")
    if request.method != "POST":
        form = CheckoutForm(initial=_buyer_initial(request))
    elif wants_communes(request):
        form = CheckoutForm(initial=picker_initial(request.POST))
    else:
        form = CheckoutForm(request.POST)
        if gone:
            # The basket changed under the buyer's eyes: show it again before placing.
            form.is_valid()
            form.add_error(None, GONE_MESSAGE)
        elif form.is_valid():
            try:
                placed = _place(request, form, cart)
            except Throttled as error:
                form.add_error(None, error.message)
                response = render(
                    request, "shop/checkout.html", {"form": form, "contents": contents}, status=429
                )
                response["Retry-After"] = str(error.retry_after)
                return response
            if placed is not None:
                return placed
    if gone and not form.is_bound:
        messages.warning(request, GONE_MESSAGE)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "shop/checkout.html", {"form": form, "contents": contents}, status=status
    )


def _buyer_initial(request: HttpRequest) -> dict:
    """A logged-in person's name and phone, so she need not type them again."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"name": user.full_name, "phone": display_phone(user.phone)}


def _place(request: HttpRequest, form: CheckoutForm, cart: Cart) -> HttpResponse | None:
    """Hand the basket to the pipeline; on refusal put its messages on the form (None).

    Raises Throttled when this address or phone placed too many orders lately."""
    data = form.cleaned_data
    commune = data.get("commune")
    shipping = data["delivery"] == CheckoutForm.DELIVERY_SHIP
    # A replay (the same key placed already) is neither throttled nor counted.
    key = data["idempotency_key"]
    scope = session_scope(request.session)
    taken = [] if placement_exists(key, scope) else throttles.placement_take(request, data["phone"])
    try:
        result = order_place(
            lines=[LineInput(product=code, quantity=q) for code, q in cart.quantities.items()],
            buyer=BuyerInput(
                name=data["name"], phone=data["phone"], language=request.LANGUAGE_CODE
            ),
            delivery=DeliveryInput(
                method=data["delivery"],
                address=data["address"] if shipping else "",
                commune=commune.code if shipping and commune is not None else None,
            ),
            payment_method=data["payment"],
            channel="eco",
            idempotency_key=key,
            idempotency_scope=scope,
            source="web",
            user=request.user if request.user.is_authenticated else None,
        )
    except IdempotencyConflict as error:
        throttles.placement_give_back(taken)
        form_error(form, error, ORDER_FIELD_TO_FORM)
        form.data = form.data.copy()
        form.data["idempotency_key"] = uuid.uuid4().hex
        return None
    except OutOfStock as error:
        throttles.placement_give_back(taken)
        units = dict(
            Product.objects.filter(code__in=[s.product for s in error.shortages]).values_list(
                "code", "unit"
            )
        )
        for shortage in error.shortages:
            form.add_error(
                None,
                str(
                    quantity_too_large(
                        shortage.name, shortage.available, units.get(shortage.product, "")
                    )
                ),
            )
        return None
    except ServiceError as error:
        throttles.placement_give_back(taken)
        form_error(form, error, ORDER_FIELD_TO_FORM)
        return None
    except BaseException:
        throttles.placement_give_back(taken)
        raise
    if result.replayed:
        throttles.placement_give_back(taken)
    cart.clear()
    _remember_placed(request, result.token)
    return redirect("shop:placed", token=result.token)


# --- order placed ---------------------------------------------------------------------------


@require_GET
def placed(request: HttpRequest, token: str) -> HttpResponse:
    """The orders of one checkout: codes, totals, and how to pay (QR for transfers).

    The token is the placement's random token (128 bits, drawn by the server), known only to
    the buyer's browser; never the idempotency key. An unknown token is 404.
    3 queries: the placement record, its orders with seller and payment, their lines.
    """
    if len(token) > 32 or not token.isprintable():
        raise Http404
    record = IdempotencyRecord.objects.filter(token=token).first()
    if record is None:
        raise Http404
    orders = list(
        record.orders.select_related("seller").prefetch_related("payments", "lines").order_by("pk")
    )
    if not orders:
        raise Http404
    return render(
        request,
        "shop/placed.html",
        {
            "orders": [(order, payment_instructions(order)) for order in orders],
            "grand_total": sum(order.total for order in orders),
            "transfer_hold": _transfer_hold_text(),
        },
    )


def _transfer_hold_text() -> str:
    """How soon to pay a transfer before the goods go back on sale (commerce.stock)."""
    minutes = hold_minutes(Payment.Method.VIETQR)
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext(
            "Please transfer within %(count)d hour: until then the goods are kept for you.",
            "Please transfer within %(count)d hours: until then the goods are kept for you.",
            hours,
        ) % {"count": hours}
    return ngettext(
        "Please transfer within %(count)d minute: until then the goods are kept for you.",
        "Please transfer within %(count)d minutes: until then the goods are kept for you.",
        minutes,
    ) % {"count": minutes}


# --- tracking and reviews -------------------------------------------------------------------

NOT_FOUND = gettext_lazy(
    "We found no order with this code and phone number. Check both (the code looks like "
    "HB-7K3Q2) and try again."
)


def _find_order(request: HttpRequest, form: TrackForm) -> Order | None:
    """The order of a valid TrackForm, or None; throttled per address and per code (every
    page that looks an order up by code and phone goes through here). Raises Throttled."""
    code = form.cleaned_data["code"]
    throttles.tracking_take(request, code)
    order = order_for_tracking(code, form.cleaned_data["phone"])
    if order is None:
        throttles.tracking_failed(code)
    return order


def _track_throttled(request: HttpRequest, form: TrackForm, error: Throttled) -> HttpResponse:
    form.add_error(None, error.message)
    response = render(request, "shop/track.html", {"form": form}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def track(request: HttpRequest) -> HttpResponse:
    """Order code + phone → the order's state. A wrong code and a wrong phone get the same
    answer, so nobody can find out which codes exist."""
    if request.method != "POST":
        # `?code=HB-7K3Q2` (the link on the order-placed page) fills in the code.
        form = TrackForm(initial={"code": request.GET.get("code", "")[:20]})
        return render(request, "shop/track.html", {"form": form})
    form = TrackForm(request.POST)
    order = None
    if form.is_valid():
        try:
            order = _find_order(request, form)
        except Throttled as error:
            return _track_throttled(request, form, error)
        if order is None:
            form.add_error(None, NOT_FOUND)
    if order is None:
        status = 404 if form.non_field_errors() else 400
        return render(request, "shop/track.html", {"form": form}, status=status)
    return _render_tracked(request, form, order)


def _render_tracked(request, form, order, *, review_form=None, status: int = 200):
    """The tracking page of one order (also for a signed-in buyer's own, my_orders.py)."""
    reviewed = set(
        Review.objects.filter(order_line__order=order).values_list("order_line_id", flat=True)
    )
    reviewable = []
    if order.status == Order.Status.COMPLETED:
        reviewable = [line for line in order.lines.all() if line.pk not in reviewed]
    return render(
        request,
        "shop/track.html",
        {
            "form": form,
            "order": order,
            "pay": payment_instructions(order),
            "shipment": next(iter(order.shipments.all()), None),
            "reviewable": reviewable,
            "review_form": review_form,
            "phone": form.cleaned_data["phone"],
            "placed_token": _placed_token(request, order),
        },
        status=status,
    )


render_tracked = _render_tracked


def _placed_token(request: HttpRequest, order: Order) -> str:
    """The order-placed page's token when this browser placed the order (so the tracking
    page links back to it), else ""."""
    record = order.placement if order.placement_id else None
    tokens = request.session.get(PLACED_SESSION_KEY, [])
    return record.token if record is not None and record.token in tokens else ""


@require_POST
def review(request: HttpRequest) -> HttpResponse:
    """A buyer rates a product and its seller, from the tracking page of a completed order."""
    form = TrackForm(request.POST)
    order = None
    if form.is_valid():
        try:
            order = _find_order(request, form)
        except Throttled as error:
            return _track_throttled(request, form, error)
    if order is None:
        form = TrackForm(request.POST)
        form.is_valid()
        form.add_error(None, NOT_FOUND)
        return render(request, "shop/track.html", {"form": form}, status=404)
    review_form = ReviewForm(request.POST)
    if not review_form.is_valid():
        # The page shows the ratings' errors beside the stars; the others go above the forms.
        if "product" in review_form.errors:
            review_form.add_error(None, _("This product is not in this order."))
        for message in review_form.errors.get("text", []):
            review_form.add_error(None, message)
        return _render_tracked(request, form, order, review_form=review_form, status=400)
    code = review_form.cleaned_data["product"]
    line = next((item for item in order.lines.all() if item.product_code == code), None)
    if line is None:
        review_form.add_error(None, _("This product is not in this order."))
        return _render_tracked(request, form, order, review_form=review_form, status=400)
    try:
        review_create(
            order_line=line,
            buyer_phone=form.cleaned_data["phone"],
            product_rating=review_form.cleaned_data["product_rating"],
            seller_rating=review_form.cleaned_data["seller_rating"],
            text=review_form.cleaned_data["text"],
        )
    except ServiceError as error:
        form_error(review_form, error)
        return _render_tracked(request, form, order, review_form=review_form, status=400)
    messages.success(request, _("Thank you! Your review helps the cooperative."))
    return _render_tracked(request, form, order)


@require_POST
def track_cancel(request: HttpRequest) -> HttpResponse:
    """The buyer cancels her own order (code + phone again) until the seller confirms it."""
    form = TrackForm(request.POST)
    order = None
    if form.is_valid():
        try:
            order = _find_order(request, form)
        except Throttled as error:
            return _track_throttled(request, form, error)
    if order is None:
        if not form.errors:
            form.add_error(None, NOT_FOUND)
        return render(request, "shop/track.html", {"form": form}, status=404)
    try:
        order_cancel_by_buyer(order=order, buyer_phone=form.cleaned_data["phone"])
    except OrderError as error:
        messages.error(request, error.message)
        return _render_tracked(request, form, order, status=409)
    messages.success(request, _("Your order %(code)s is cancelled.") % {"code": order.code})
    order = order_for_tracking(order.code, form.cleaned_data["phone"])
    return _render_tracked(request, form, order)
