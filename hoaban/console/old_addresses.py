"""The console's old order addresses (/manage/orders/…, before the organisation was in the
address), kept so a bookmark still leads her to the same page of her organisation."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .orders import ONLY_MANAGERS, _managed, _not_found, _order_of, _refused


def _chosen(request: HttpRequest):
    """The organisation `?org=` named among those she manages, else the first; None if none."""
    organisations = list(_managed(request))
    slug = request.GET.get("org")
    first = organisations[0] if organisations else None
    return next((o for o in organisations if o.slug == slug), first)


def _moved(request: HttpRequest, name: str, keep: tuple[str, ...] = ()) -> HttpResponse:
    organisation = _chosen(request)
    if organisation is None:
        return _refused(request, ONLY_MANAGERS)
    url = reverse(name, kwargs={"slug": organisation.slug})
    query = request.GET.copy()
    for key in list(query):
        if key not in keep:
            del query[key]
    return redirect(f"{url}?{query.urlencode()}" if query else url)


@login_required
def old_orders(request: HttpRequest) -> HttpResponse:
    """/manage/orders/[?org=…&status=…] → the organisation's orders (the first she manages)."""
    return _moved(request, "console:orders", keep=("status", "page"))


@login_required
def old_packing_list(request: HttpRequest) -> HttpResponse:
    return _moved(request, "console:packing_list")


@login_required
def old_stock(request: HttpRequest) -> HttpResponse:
    return _moved(request, "console:stock")


@login_required
def old_order(request: HttpRequest, code: str) -> HttpResponse:
    """/manage/orders/<code>/ → the order under its seller, if she manages it; else the same
    not-found answer as the new address gives (in her first organisation's console)."""
    organisations = list(_managed(request))
    if not organisations:
        return _refused(request, ONLY_MANAGERS)
    found = _order_of(organisations, code)
    if found is None:
        return _not_found(request, organisations[0])
    return redirect("console:order", slug=found.seller.slug, code=found.code)
