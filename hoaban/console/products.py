"""The public lot trace page (with its QR code) and the manager console for products and lots,
and the console's overview of an organisation (it shows its products' events too, so it lives
here rather than in orgs, which catalog builds on; the console app will take it over).

Views are thin: forms read input, services in catalog.services decide and write.
"""

import io

import segno
from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoaban.core.errors import ServiceError
from hoaban.orgs.models import Membership, Organisation
from hoaban.orgs.views import console_context, console_page, form_error
from hoaban.places.forms import picker_initial, wants_communes

from . import services
from .forms import ImageForm, LotForm, ProductForm
from .models import Lot, Product, ProductEvent, ProductImage

RECENT_EVENTS = 10

# --- public: lot trace page -------------------------------------------------------------


def _traceable_lot(code: str) -> Lot:
    """A lot of a product that is (or was) on sale, with everything its trace page shows.

    4 queries: the lot joined with product, seller and places; the consenting producers; the
    product's certificates; its images.
    """
    return get_object_or_404(
        Lot.objects.filter(product__organisation__is_active=True)
        .exclude(product__status=Product.Status.DRAFT)
        .select_related(
            "product__organisation__commune__province",
            "product__organisation__commune__former_province",
            "product__origin_commune__province",
            "product__origin_commune__former_province",
            "product__ethnic_group",
        )
        .prefetch_related(
            Prefetch(
                "producers",
                queryset=Membership.objects.filter(show_name_publicly=True)
                .select_related("user")
                .order_by("user__full_name"),
                to_attr="public_producers",
            ),
            "product__certificates",
            "product__images",
        ),
        code=code,
    )


def _qr_title(lot: Lot) -> str:
    return _("QR code of lot %(code)s: scan it to open this page") % {"code": lot.code}


def lot_trace(request: HttpRequest, code: str) -> HttpResponse:
    lot = _traceable_lot(code)
    today = timezone.localdate()
    url = request.build_absolute_uri(reverse("catalog:lot_trace", kwargs={"code": lot.code}))
    title = _qr_title(lot)
    svg = segno.make(url, error="m").svg_inline(
        scale=4, border=2, title=title, svgclass="qr", lineclass=None, omitsize=True
    )
    # Screen readers announce an <svg> only with a role and a name.
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
    certificates = [c for c in lot.product.certificates.all() if c.is_valid_on(today)]
    first_names = [m.user.first_name for m in lot.public_producers if m.user.first_name]
    return render(
        request,
        "catalog/lot_trace.html",
        {
            "lot": lot,
            "product": lot.product,
            "organisation": lot.product.organisation,
            "certificates": certificates,
            "first_names": first_names,
            "qr_svg": mark_safe(svg),  # noqa: S308 (segno output; the title is escaped)
            "trace_url": url,
        },
    )


def lot_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code alone, as an SVG file to print on labels."""
    lot = get_object_or_404(Lot.objects.exclude(product__status=Product.Status.DRAFT), code=code)
    url = request.build_absolute_uri(reverse("catalog:lot_trace", kwargs={"code": lot.code}))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=4, title=_qr_title(lot))
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="{lot.code}.svg"'
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- manager console: overview ----------------------------------------------------------


@console_page
def manage_organisation(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    counts = Organisation.objects.filter(pk=organisation.pk).aggregate(
        members=Count("memberships", distinct=True),
        products=Count("products", distinct=True),
    )
    # Who changed what lately: the organisation's own events and its products'.
    events = sorted(
        [
            *organisation.events.select_related("actor")[:RECENT_EVENTS],
            *ProductEvent.objects.filter(product__organisation=organisation).select_related(
                "actor", "product"
            )[:RECENT_EVENTS],
        ],
        key=lambda event: event.at,
        reverse=True,
    )[:RECENT_EVENTS]
    return render(
        request,
        "orgs/manage/organisation.html",
        console_context(request, organisation, "overview", counts=counts, events=events),
    )


# --- manager console: products ----------------------------------------------------------


def _product(organisation: Organisation, code: str) -> Product:
    return get_object_or_404(
        Product.objects.select_related("organisation", "origin_commune"),
        organisation=organisation,
        code=code,
    )


@console_page
def products(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """My products with stock and status (3 queries whatever their number)."""
    rows = (
        Product.objects.filter(organisation=organisation)
        .select_related("category")
        .prefetch_related("images")
        .order_by("status", "name")
    )
    return render(
        request,
        "catalog/manage/products.html",
        console_context(request, organisation, "products", products=rows),
    )


def _product_form_page(request, organisation, *, product: Product | None) -> HttpResponse:
    options = {"organisation": organisation, "creating": product is None}
    if request.method == "POST" and wants_communes(request):
        form = ProductForm(initial=picker_initial(request.POST), **options)
    elif request.method == "POST":
        form = ProductForm(request.POST, **options)
        if form.is_valid():
            try:
                if product is None:
                    product = services.product_create(
                        organisation=organisation, by=request.user, **form.service_values()
                    )
                    messages.success(
                        request,
                        _("Product %(code)s created. Add a photo, then publish it.")
                        % {"code": product.code},
                    )
                    return redirect(
                        "catalog:product_images", slug=organisation.slug, code=product.code
                    )
                product = services.product_update(
                    product=product, by=request.user, **form.service_values()
                )
            except ServiceError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("catalog:products", slug=organisation.slug)
    elif product is None:
        initial = {
            "province": organisation.commune.province_id,
            "origin_commune": organisation.commune_id,
        }
        form = ProductForm(initial=initial, **options)
    else:
        form = ProductForm(initial=ProductForm.initial_for(product), **options)
    heading = _("New product") if product is None else product.name
    return render(
        request,
        "catalog/manage/product_form.html",
        console_context(request, organisation, "products", form=form, product=product)
        | {"heading": heading},
    )


@console_page
def product_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _product_form_page(request, organisation, product=None)


@console_page
def product_edit(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    return _product_form_page(request, organisation, product=_product(organisation, code))


@require_POST
@console_page
def product_status(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    product = _product(organisation, code)
    try:
        services.product_status_set(
            product=product, status=request.POST.get("status", ""), by=request.user
        )
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("%(name)s is now: %(status)s.")
            % {"name": product.name, "status": product.get_status_display()},
        )
    return redirect("catalog:products", slug=organisation.slug)


@console_page
def product_images(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    product = _product(organisation, code)
    if request.method == "POST":
        form = ImageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.product_image_add(
                    product=product,
                    upload=form.cleaned_data["upload"],
                    alt=form.cleaned_data["alt"],
                    by=request.user,
                )
            except ServiceError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Photo added."))
                return redirect("catalog:product_images", slug=organisation.slug, code=product.code)
    else:
        form = ImageForm()
    return render(
        request,
        "catalog/manage/product_images.html",
        console_context(
            request,
            organisation,
            "products",
            form=form,
            product=product,
            images=product.images.all(),
        ),
    )


@require_POST
@console_page
def product_image_remove(
    request: HttpRequest, organisation: Organisation, code: str, pk: int
) -> HttpResponse:
    product = _product(organisation, code)
    image = get_object_or_404(
        ProductImage.objects.select_related("product__organisation"), pk=pk, product=product
    )
    services.product_image_remove(image=image, by=request.user)
    messages.success(request, _("Photo removed."))
    return redirect("catalog:product_images", slug=organisation.slug, code=product.code)


# --- manager console: lots --------------------------------------------------------------


@console_page
def lots(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """The organisation's lots, newest first, and the form to record one."""
    if request.method == "POST":
        form = LotForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                lot = services.lot_create(
                    by=request.user, organisation=organisation, **form.cleaned_data
                )
            except ServiceError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Lot %(code)s recorded.") % {"code": lot.code})
                return redirect("catalog:lots", slug=organisation.slug)
    else:
        form = LotForm(organisation=organisation)
    rows = (
        Lot.objects.filter(product__organisation=organisation)
        .select_related("product")
        .prefetch_related(Prefetch("producers", queryset=Membership.objects.select_related("user")))
        .order_by("-produced_on", "-pk")[:200]
    )
    return render(
        request,
        "catalog/manage/lots.html",
        console_context(request, organisation, "lots", form=form, lots=rows),
    )
