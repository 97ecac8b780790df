"""“My orders” (Đơn hàng của tôi), linked from every page's footer.

- A guest gets the tracking form (order code and phone), as on /track/.
- A signed-in buyer gets her order history: the orders placed **with her account** (an order
  remembers the account that placed it, `Order.buyer_user`), newest first, paginated, each
  opening its page here. Orders merely carrying her phone number are not listed: a phone
  number is not checked when an account is made, so listing by phone would show a stranger's
  orders (name, address) to whoever signs up with that number. Those she follows by code and
  phone, like a guest. Another person's order code answers 404, the same as a code that does
  not exist.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hoaban.accounts.phone import display_phone
from hoaban.commerce.models import Order, OrderLine, Shipment

from .shop_forms import TrackForm

ORDERS_PER_PAGE = 20


def _hers(user):
    return Order.objects.filter(buyer_user=user)


@require_GET
def my_orders(request: HttpRequest) -> HttpResponse:
    """4 queries after the session's and the user's: count, the page of orders with their
    seller, their payments, their lines; any number of orders."""
    if not request.user.is_authenticated:
        return render(request, "shop/my_orders.html", {"form": TrackForm()})
    orders = (
        _hers(request.user)
        .select_related("seller")
        .prefetch_related("payments", Prefetch("lines", queryset=OrderLine.objects.order_by("pk")))
        .order_by("-created_at", "-pk")
    )
    page = Paginator(orders, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "shop/my_orders.html", {"page": page, "orders": page.object_list})


@require_GET
def my_order(request: HttpRequest, code: str) -> HttpResponse:
    """One of her orders, on the tracking page (no phone to type: the account says it is
    hers). Not hers, or no such code: 404."""
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if len(code) > 20 or not code.isprintable():
        raise Http404
    order = (
        _hers(request.user)
        .filter(code=code.upper())
        .select_related("seller", "channel", "commune__province", "placement")
        .prefetch_related(
            "payments",
            Prefetch("lines", queryset=OrderLine.objects.order_by("pk")),
            "events",
            Prefetch("shipments", queryset=Shipment.objects.order_by("-created_at", "-pk")),
        )
        .first()
    )
    if order is None:
        raise Http404
    from .tracking_views import render_tracked

    form = TrackForm({"code": order.code, "phone": display_phone(order.buyer_phone)})
    form.is_valid()
    return render_tracked(request, form, order)
