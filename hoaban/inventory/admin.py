"""The ledger in the admin: looked at, never edited (inventory.services is the only writer)."""

from django.contrib import admin

from .models import Location, Stock, StockMovement


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Location)
class LocationAdmin(ReadOnly):
    list_display = ["__str__", "organisation", "kind"]
    list_filter = ["kind"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name"]


@admin.register(Stock)
class StockAdmin(ReadOnly):
    list_display = ["product", "location", "quantity"]
    list_select_related = ["product", "location__organisation"]
    search_fields = ["product__code", "product__name"]


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnly):
    list_display = ["at", "product", "location", "kind", "quantity", "balance", "actor", "note"]
    list_filter = ["kind"]
    list_select_related = ["product", "location__organisation", "actor"]
    search_fields = ["product__code", "order_code", "note"]
    date_hierarchy = "at"
