"""The console's order pages under /manage/<organisation>/orders/: orders to confirm, one order
with its actions and payments, a printable packing list (the stock page is in stock.py, the old
/manage/orders/ addresses in old_addresses.py).

Who may do what is decided by the commerce and catalogue services (a manager of the selling
organisation); these views only refuse to *show* another organisation's orders: the
organisation in the address must be one she manages (else a 403 page saying why, the same
for an organisation that does not exist).

An order code (or product code) that does not exist and one of another organisation get the
very same answer (404, the same page, no code in it), on every page and action: nobody learns
which codes exist by trying them here.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hoaban.accounts.access import managed_organisations
from hoaban.accounts.phone import display_phone
from hoaban.commerce.errors import NotAllowed, OrderError
from hoaban.commerce.models import Order, Payment
from hoaban.commerce.order_counts import OPEN, order_counts, transfer_pending_q
from hoaban.commerce.queries import seller_orders
from hoaban.commerce.services import (
    TRANSITIONS,
    lot_proposals,
    order_cancel,
    order_complete,
    order_confirm,
    order_deliver,
    order_line_lot_set,
    order_pack,
    order_ship,
    payment_mark_received,
    payment_record,
    payment_refund,
)
from hoaban.commerce.services.lots import LOT_STATUSES, lots_with_units_left
from hoaban.commerce.shipping.names import CARRIER_NAMES
from hoaban.orgs.models import Organisation

from .forms import (
    CancelForm,
    OrderFilterForm,
    PaymentRecordForm,
    PaymentRefundForm,
    ShipForm,
)

ORDERS_PER_PAGE = 50
S = Order.Status
# What the seller wrote down as the carrier (the order_ship service records the code).
CARRIER_CHOICES = [
    ("seller", gettext_lazy("We deliver it ourselves")),
    *((code, CARRIER_NAMES[code]) for code in ("viettelpost", "vnpost", "ghn", "ghtk", "other")),
]
# The simple one-button actions: name → (service, label, target status).
SIMPLE_ACTIONS = {
    "confirm": (order_confirm, gettext_lazy("Confirm the order"), S.CONFIRMED),
    "pack": (order_pack, gettext_lazy("Mark packed"), S.PACKED),
    "deliver": (order_deliver, gettext_lazy("Mark delivered"), S.DELIVERED),
    "complete": (order_complete, gettext_lazy("Mark completed"), S.COMPLETED),
}


def _managed(request: HttpRequest):
    return managed_organisations(request.user).order_by("name")


ONLY_MANAGERS = gettext_lazy("Only managers of a cooperative can see its orders.")


def _refused(request: HttpRequest, message) -> HttpResponse:
    return render(request, "console/orders/refused.html", {"message": message}, status=403)


def orders_page(view):
    """Login required; `slug` → an organisation she manages (orders show buyers' phones: a
    programme officer does not see them). Anything else: the 403 page saying why."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
        organisations = list(_managed(request))  # the one query when she may
        organisation = next((o for o in organisations if o.slug == slug), None)
        if organisation is None:  # another organisation's slug, or none's: the same answer
            return _refused(request, ONLY_MANAGERS)
        request.organisations = organisations
        return view(request, organisation, *args, **kwargs)

    return wrapper


NOT_FOUND_ORDER = gettext_lazy("We found no such order among the orders of your cooperatives.")
NOT_FOUND_PRODUCT = gettext_lazy(
    "We found no such product among the products of your cooperatives."
)


def _not_found(request: HttpRequest, organisation, message=NOT_FOUND_ORDER) -> HttpResponse:
    """The one answer for a code that does not exist and a code of another organisation:
    nothing in it depends on the code asked for (the language switch returns to the list)."""
    orders_url = reverse("console:orders", kwargs={"slug": organisation.slug})
    return render(
        request,
        "console/orders/not_found.html",
        {"message": message, "language_next": orders_url, "orders_url": orders_url},
        status=404,
    )


def _status_choices():
    return [(value, label) for value, label in S.choices]


@orders_page
def orders(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Orders of one managed organisation, newest first, filtered by status (`?status=placed`
    shows the orders to confirm)."""
    form = OrderFilterForm(request.GET or None, status_choices=_status_choices())
    status = form.chosen_status() if form.is_bound else ""
    listed = seller_orders(organisation.pk, status or None)
    waiting_payment = request.GET.get("waiting") == "payment"  # the overview's count links here
    if waiting_payment:
        listed = listed.filter(transfer_pending_q(), status__in=OPEN)
    # 2 queries (count, page of orders with commune joined) + 1 for payments, 1 for lines.
    page = Paginator(listed, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "console/orders/orders.html",
        {
            "organisations": request.organisations,
            "organisation": organisation,
            "form": form,
            "status": status,
            "waiting_payment": waiting_payment,
            "order_counts": order_counts(organisation.pk),
            "page": page,
            "orders": page.object_list,
        },
    )


def _order_of(sellers, code: str) -> Order | None:
    """The order with this code if one of these organisations sold it, else None."""
    if len(code) > 20 or not code.isprintable():
        return None
    return (
        Order.objects.filter(code=code, seller__in=sellers)
        .select_related("seller", "channel", "commune__province")
        .prefetch_related("payments", "lines__lot", "events__actor", "shipments")
        .first()
    )


def _actions(order: Order) -> dict:
    allowed = TRANSITIONS[order.status]
    simple = [
        (name, label)
        for name, (_service, label, target) in SIMPLE_ACTIONS.items()
        if target in allowed
        and not (
            name == "deliver"
            and order.status == S.PACKED
            and order.delivery_method != Order.Delivery.PICKUP
        )
    ]
    can_ship = S.SHIPPED in allowed and order.delivery_method == Order.Delivery.SHIP
    is_open = order.status not in (S.CANCELLED, S.RETURNED)
    transfer_pending = any(
        p.method == Payment.Method.VIETQR and p.status == Payment.Status.PENDING and not p.is_refund
        for p in order.payments.all()
    )
    return {
        "transfer_pending": can_ship and transfer_pending,  # shipping asks her to say so
        "simple": simple,
        "ship": can_ship,
        "cancel": S.CANCELLED in allowed,
        # Pending payments the seller may mark received (each its own button).
        "receivable": [
            p for p in order.payments.all() if p.status == Payment.Status.PENDING and is_open
        ],
        "record": is_open and order.balance_due > 0,
        "refund": order.paid_amount > 0,
    }


@orders_page
def order(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    found = _order_of([organisation], code)
    if found is None:
        return _not_found(request, organisation)
    return _render_order(request, found)


def _render_order(
    request,
    order,
    *,
    ship_form=None,
    cancel_form=None,
    record_form=None,
    refund_form=None,
    status=200,
):
    return render(
        request,
        "console/orders/order.html",
        {
            "order": order,
            "buyer_phone": display_phone(order.buyer_phone),
            "actions": _actions(order),
            "ship_form": ship_form or ShipForm(carrier_choices=CARRIER_CHOICES),
            "cancel_form": cancel_form or CancelForm(),
            "record_form": record_form or PaymentRecordForm(auto_id="record_%s"),
            "refund_form": refund_form or PaymentRefundForm(auto_id="refund_%s"),
            "lot_rows": _lot_rows(order),
        },
        status=status,
    )


def _lot_rows(order) -> list:
    """While packing: each line with its lot (set, or proposed) and the lots to choose from."""
    if order.status not in LOT_STATUSES:
        return []
    lines = list(order.lines.all())
    proposals = lot_proposals(lines)
    lots = list(lots_with_units_left({line.product_id for line in lines}))
    return [
        {
            "line": line,
            "lot": proposals[line.pk],
            "is_proposed": not line.lot_id,
            "choices": [lot for lot in lots if lot.product_id == line.product_id],
        }
        for line in lines
    ]


def _lot_action(request, order) -> None:
    wanted = request.POST.get("line", "")
    line = next((li for li in order.lines.all() if str(li.pk) == wanted), None)
    if line is None:  # not a line of this order: the same answer as any unknown
        raise Http404
    order_line_lot_set(line=line, lot_code=request.POST.get("lot", ""), by=request.user)


def _payment_action(request, order, action: str):
    """Mark one of the order's payments received, record a deposit or the rest, or refund.
    Returns a response for a form with mistakes, else None (the service was called)."""
    if action == "paid":
        wanted = request.POST.get("payment", "")
        payment = next((p for p in order.payments.all() if str(p.pk) == wanted), None)
        if payment is None:  # not a payment of this order: the same answer as any unknown
            raise Http404
        payment_mark_received(payment=payment, by=request.user)
    elif action == "record":
        form = PaymentRecordForm(request.POST, auto_id="record_%s")
        if not form.is_valid():
            return _render_order(request, order, status=400, record_form=form)
        payment_record(order=order, by=request.user, **form.cleaned_data)
    else:
        form = PaymentRefundForm(request.POST, auto_id="refund_%s")
        if not form.is_valid():
            return _render_order(request, order, status=400, refund_form=form)
        payment_refund(order=order, by=request.user, **form.cleaned_data)
    return None


@require_POST
@orders_page
def order_action(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    """One status change (or the payment mark), by the service that owns it.

    The order is looked up among the organisation's orders (another organisation's code
    answers exactly like a code that does not exist); the service still decides whether
    she may change it, and a refusal by it gets the same answer too.
    """
    order = _order_of([organisation], code)
    if order is None:
        return _not_found(request, organisation)
    action = request.POST.get("action", "")
    try:
        if action in SIMPLE_ACTIONS:
            SIMPLE_ACTIONS[action][0](order=order, by=request.user)
        elif action == "ship":
            form = ShipForm(request.POST, carrier_choices=CARRIER_CHOICES)
            if not form.is_valid():
                return _render_order(request, order, status=400, ship_form=form)
            order_ship(
                order=order,
                by=request.user,
                carrier=form.cleaned_data["carrier"],
                tracking_code=form.cleaned_data["tracking_code"],
                before_payment=form.cleaned_data["before_payment"],
            )
        elif action == "cancel":
            form = CancelForm(request.POST)
            if not form.is_valid():
                return _render_order(request, order, status=400, cancel_form=form)
            order_cancel(order=order, by=request.user, reason=form.cleaned_data["reason"])
        elif action == "lot":
            _lot_action(request, order)
        elif action in ("paid", "record", "refund"):
            answer = _payment_action(request, order, action)
            if answer is not None:
                return answer
        else:
            raise Http404
    except NotAllowed:  # no longer a manager since the lookup: the same answer as above
        return _not_found(request, organisation)
    except OrderError as error:
        messages.error(request, error.message)
        return redirect("console:order", slug=organisation.slug, code=code)
    messages.success(request, _("Order %(code)s is updated.") % {"code": code})
    return redirect("console:order", slug=organisation.slug, code=code)


@orders_page
def packing_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Confirmed orders of one managed organisation, ready to print and pack."""
    orders = list(seller_orders(organisation.pk, S.CONFIRMED).order_by("created_at", "pk"))
    # 1 query: the lot proposed for each line not yet given one (first to expire, units left).
    proposals = lot_proposals(line for order in orders for line in order.lines.all())
    totals: dict[str, list] = {}
    for order in orders:
        for line in order.lines.all():
            line.lot_shown = proposals.get(line.pk)
        order.buyer_phone_display = display_phone(order.buyer_phone)
        for line in order.lines.all():
            entry = totals.setdefault(line.product_code, [line.product_name, 0])
            entry[1] += line.quantity
    return render(
        request,
        "console/orders/packing_list.html",
        {
            "organisation": organisation,
            "organisations": request.organisations,
            "orders": orders,
            "order_counts": order_counts(organisation.pk),
            "totals": sorted(totals.items()),
        },
    )
