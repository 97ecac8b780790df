"""The console's product pages (list, form, stock, status, photos) and its lots.

Views are thin: forms read input, services in catalog.services decide and write.
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoaban.catalog import services
from hoaban.catalog.forms import ImageForm, LotForm, ProductForm
from hoaban.catalog.models import Lot, Product, ProductImage
from hoaban.core.errors import ServiceError, form_error
from hoaban.inventory.lots import lot_record
from hoaban.orgs.models import Membership, Organisation
from hoaban.places.forms import picker_initial, wants_communes

from .pages import console_context, console_page

# --- products ------------------------------------------------------------------------------


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
        "console/products.html",
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
                        "console:product_images", slug=organisation.slug, code=product.code
                    )
                product = services.product_update(
                    product=product, by=request.user, **form.service_values()
                )
            except ServiceError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("console:products", slug=organisation.slug)
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
        "console/product_form.html",
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
    return redirect("console:products", slug=organisation.slug)


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
                return redirect("console:product_images", slug=organisation.slug, code=product.code)
    else:
        form = ImageForm()
    return render(
        request,
        "console/product_images.html",
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
    return redirect("console:product_images", slug=organisation.slug, code=product.code)


# --- lots ----------------------------------------------------------------------------------


@console_page
def lots(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """The organisation's lots, newest first, and the form to record one."""
    if request.method == "POST":
        form = LotForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                lot = lot_record(by=request.user, organisation=organisation, **form.cleaned_data)
            except ServiceError as error:
                form_error(form, error)
            else:
                done = {"code": lot.code, "quantity": lot.quantity}
                if form.cleaned_data["add_to_stock"]:
                    text = _("Lot %(code)s recorded; %(quantity)s added to the stock.")
                else:
                    text = _("Lot %(code)s recorded; the stock is unchanged.")
                messages.success(request, text % done)
                return redirect("console:lots", slug=organisation.slug)
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
        "console/lots.html",
        console_context(request, organisation, "lots", form=form, lots=rows),
    )
