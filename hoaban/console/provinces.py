"""A programme officer's page: her provinces, each with its organisations and their counts
(members, products, orders). Where an officer lands after logging in.

Officers follow organisations; they do not handle orders: the page shows how many orders an
organisation has, never the orders (buyers' names, phones and addresses are the seller's
business). The organisations link to their console pages, which an officer may read.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hoaban.accounts import access
from hoaban.commerce.models import Order
from hoaban.core.errors import NotAllowed
from hoaban.orgs.models import Membership, Organisation

from .pages import refused


def _count(model, field: str) -> Coalesce:
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


@login_required
def provinces(request: HttpRequest) -> HttpResponse:
    """2 queries after the login's: her provinces, their organisations with three counts."""
    mine = list(access.officer_provinces(request.user).order_by("name"))
    if not mine:
        return refused(request, NotAllowed(access.NOT_AN_OFFICER))
    organisations = (
        Organisation.objects.filter(commune__province__in=mine)
        .select_related("commune")
        .annotate(
            member_count=_count(Membership, "organisation"),
            product_count=Count("products", distinct=True),
            order_count=_count(Order, "seller"),
        )
        .order_by("name")
    )
    by_province: dict = {province.pk: [] for province in mine}
    for organisation in organisations:
        by_province[organisation.commune.province_id].append(organisation)
    rows = [(province, by_province[province.pk]) for province in mine]
    return render(request, "console/provinces.html", {"rows": rows})
