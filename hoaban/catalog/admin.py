from django.contrib import admin
from django.utils import timezone

from hoaban.orgs.admin import ReadOnlyAdmin

from .models import Category, Lot, Product, ProductEvent, ProductImage
from .services import product_ocop_stars, product_search_text


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
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


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "organisation", "price", "stock", "status", "ocop_stars"]
    list_filter = [
        "status",
        "ocop_stars",
        "is_featured",
        "category",
        "origin_commune__province",
        "origin_commune__former_province",
    ]
    search_fields = ["code", "name", "search_text", "organisation__name"]
    autocomplete_fields = ["organisation", "origin_commune", "certificates"]
    list_select_related = ["organisation"]
    inlines = [ProductImageInline, LotInline]

    def save_model(self, request, obj, form, change):
        obj.search_text = product_search_text(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        product = form.instance
        stars = product_ocop_stars(product.certificates.all(), timezone.localdate())
        Product.objects.filter(pk=product.pk).update(ocop_stars=stars)


@admin.register(ProductImage)
class ProductImageAdmin(admin.ModelAdmin):
    readonly_fields = ["image", "thumbnail", "medium"]

    def has_add_permission(self, request, obj=None):
        return False

    list_display = ["__str__", "product", "position"]
    search_fields = ["alt", "product__name", "product__code"]
    autocomplete_fields = ["product"]
    list_select_related = ["product"]


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
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
