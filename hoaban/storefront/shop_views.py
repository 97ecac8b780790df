"""The shop's checkout and order-placed page (basket: basket_views; tracking: tracking_views).

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
from django.views.decorators.http import require_GET

from hoaban.accounts.phone import display_phone
from hoaban.catalog.models import Product
from hoaban.commerce import throttles
from hoaban.commerce.errors import IdempotencyConflict, OutOfStock
from hoaban.commerce.models import IdempotencyRecord, Payment
from hoaban.commerce.queries import placement_exists, placement_record
from hoaban.commerce.services import (
    BuyerInput,
    DeliveryInput,
    LineInput,
    order_place,
)
from hoaban.commerce.services.placement import session_scope
from hoaban.commerce.stock import hold_minutes
from hoaban.core.errors import ServiceError, form_error
from hoaban.core.throttle import Throttled
from hoaban.places.forms import picker_initial, wants_communes

from .cart import (
    Cart,
    cart_contents,
    quantity_too_large,
)
from .shop_forms import (
    CheckoutForm,
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
