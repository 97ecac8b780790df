from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hoaban.core.pagecache import CatalogChangeAdmin
from hoaban.orgs.admin import ReadOnlyAdmin, adopt, refuse_as_the_service_would
from hoaban.orgs.models import Organisation

from .models import Category, Lot, Product, ProductEvent, ProductImage
from .services import (
    PRODUCT_FIELDS,
    product_certificates_set,
    product_create,
    product_update,
)
from .services.products import NOT_A_SELLER, _clean_product


@admin.register(Category)
class CategoryAdmin(CatalogChangeAdmin, admin.ModelAdmin):
    list_display = ["name", "name_en", "parent", "position"]
    list_filter = ["parent"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class ProductImageInline(admin.TabularInline):
    # Photos are added in the console, where they are re-encoded (core.uploads); here they
    # can be described, ordered or removed, not replaced by an arbitrary file.
    model = ProductImage
    extra = 0
    fields = ["image", "alt", "position"]
    readonly_fields = ["image"]

    def has_add_permission(self, request, obj=None):
        return False


class LotInline(admin.TabularInline):
    model = Lot
    extra = 0
    fields = ["code", "produced_on", "quantity", "notes"]
    show_change_link = True


class OcopStarsFilter(admin.SimpleListFilter):
    """At least this many OCOP stars, from the certificates valid today (never stored)."""

    title = _("OCOP stars")
    parameter_name = "ocop"

    def lookups(self, request, model_admin):
        return [("3", "3★+"), ("4", "4★+"), ("5", "5★")]

    def queryset(self, request, queryset):
        if self.value() in {"3", "4", "5"}:
            return queryset.filter(ocop_stars__gte=int(self.value()))
        return queryset


class ProductAdminForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = "__all__"  # noqa: DJ007 (the admin picks which it shows)

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if organisation is not None and organisation.kind not in Organisation.SELLING_KINDS:
            self.add_error("organisation", str(NOT_A_SELLER))
        checked = [name for name in PRODUCT_FIELDS if name in cleaned]
        product = self.instance if self.instance.pk else None
        refuse_as_the_service_would(
            self, lambda values: _clean_product(values, product=product), checked
        )
        return cleaned


@admin.register(Product)
class ProductAdmin(CatalogChangeAdmin, admin.ModelAdmin):
    form = ProductAdminForm
    list_display = ["code", "name", "organisation", "price", "stock", "status", "stars"]
    list_filter = [
        "status",
        OcopStarsFilter,
        "is_featured",
        "category",
        "origin_commune__province",
        "origin_commune__former_province",
    ]
    search_fields = ["code", "name", "search_text", "organisation__name"]
    autocomplete_fields = ["organisation", "origin_commune", "certificates"]
    list_select_related = ["organisation"]
    inlines = [ProductImageInline, LotInline]
    # Computed: stars from the certificates valid today, search text from the fields. Stock
    # is written only by hoaban.inventory.services (a recount in the console).
    readonly_fields = ["stars", "search_text", "created_at", "stock"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_ocop_stars()

    @admin.display(description=_("OCOP stars"), ordering="ocop_stars")
    def stars(self, product: Product) -> int:
        return product.ocop_stars

    def save_model(self, request, obj, form, change):
        """A change writes through product_update (its checks and event rows, as in the
        console)."""
        if not change:  # through product_create: its checks, code and event row
            created = product_create(
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                **{n: form.cleaned_data[n] for n in PRODUCT_FIELDS if n in form.cleaned_data},
            )
            adopt(obj, created)
            return
        changed = [name for name in form.changed_data if name in form.cleaned_data]
        admin_only = [n for n in changed if n not in PRODUCT_FIELDS and n != "certificates"]
        if admin_only:  # the organisation: moved by an admin only
            Product.objects.filter(pk=obj.pk).update(
                **{name: form.cleaned_data[name] for name in admin_only}
            )
        product_update(
            product=obj,
            by=request.user,
            **{name: form.cleaned_data[name] for name in changed if name in PRODUCT_FIELDS},
        )

    def save_related(self, request, form, formsets, change):
        # Certificates are linked through the service (its checks and event row), not by the
        # form's own many-to-many save.
        certificates = form.cleaned_data.pop("certificates", None)
        super().save_related(request, form, formsets, change)
        if certificates is not None and (not change or "certificates" in form.changed_data):
            product_certificates_set(
                product=form.instance, certificates=certificates, by=request.user
            )


@admin.register(ProductImage)
class ProductImageAdmin(CatalogChangeAdmin, admin.ModelAdmin):
    readonly_fields = ["image", "thumbnail", "medium"]

    def has_add_permission(self, request, obj=None):
        return False

    list_display = ["__str__", "product", "position"]
    search_fields = ["alt", "product__name", "product__code"]
    autocomplete_fields = ["product"]
    list_select_related = ["product"]


@admin.register(Lot)
class LotAdmin(CatalogChangeAdmin, admin.ModelAdmin):
    list_display = ["code", "product", "produced_on", "quantity"]
    list_filter = ["produced_on", "product__organisation__commune__province"]
    search_fields = ["code", "product__name", "product__code", "product__organisation__name"]
    autocomplete_fields = ["product", "producers"]
    list_select_related = ["product"]
    date_hierarchy = "produced_on"


@admin.register(ProductEvent)
class ProductEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "product", "kind", "actor"]
    list_filter = ["kind", "at"]
    search_fields = ["product__name", "product__code", "actor__full_name", "actor__phone"]
    list_select_related = ["product", "actor"]
    date_hierarchy = "at"
