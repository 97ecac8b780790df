"""Tracking an order by its code and phone; the buyer's review and cancellation from there."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hoaban.commerce import throttles
from hoaban.commerce.errors import OrderError
from hoaban.commerce.models import Order, Review
from hoaban.commerce.queries import order_for_tracking
from hoaban.commerce.services import (
    order_cancel_by_buyer,
    review_create,
)
from hoaban.core.errors import ServiceError, form_error
from hoaban.core.throttle import Throttled

from .shop_forms import (
    ReviewForm,
    TrackForm,
)
from .shop_payment import payment_instructions
from .shop_views import PLACED_SESSION_KEY

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
