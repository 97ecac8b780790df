"""Admin views for support staff. Status changes go through the services, not through here:
orders are read-only apart from notes kept in events."""

from django.contrib import admin

from hoaban.core.pagecache import CatalogChangeAdmin

from .models import (
    Channel,
    ChannelListing,
    IdempotencyRecord,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    Review,
    Shipment,
    StockReservation,
)


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(ChannelListing)
class ChannelListingAdmin(CatalogChangeAdmin, admin.ModelAdmin):
    list_display = ["product", "channel", "price", "is_available"]
    list_filter = ["channel", "is_available"]
    raw_id_fields = ["product"]


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    can_delete = False
    readonly_fields = [
        "product",
        "product_code",
        "product_name",
        "unit_price",
        "quantity",
        "line_total",
    ]


class PaymentInline(admin.StackedInline):
    model = Payment
    extra = 0
    can_delete = False
    readonly_fields = [
        "kind",
        "method",
        "status",
        "amount",
        "vietqr",
        "created_at",
        "recorded_by",
        "received_at",
        "received_by",
    ]


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "from_status", "to_status", "actor", "note", "at"]


class ShipmentInline(admin.TabularInline):
    model = Shipment
    extra = 0
    readonly_fields = ["carrier", "tracking_code", "fee", "status", "created_at"]
    exclude = ["raw"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["code", "seller", "channel", "status", "total", "buyer_name", "created_at"]
    list_filter = ["status", "channel", "source", "delivery_method"]
    search_fields = ["code", "buyer_phone", "buyer_name", "seller__name"]
    list_select_related = ["seller", "channel"]
    date_hierarchy = "created_at"
    inlines = [OrderLineInline, PaymentInline, ShipmentInline, OrderEventInline]
    raw_id_fields = ["seller", "buyer_user", "commune", "placement"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Order._meta.fields] if obj else []

    def has_add_permission(self, request):
        return False  # orders come only from `order_place`


@admin.register(StockReservation)
class StockReservationAdmin(admin.ModelAdmin):
    list_display = ["product", "quantity", "expires_at", "is_released", "is_consumed"]
    list_filter = ["is_released", "is_consumed"]
    raw_id_fields = ["product", "order_line"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["product", "seller", "product_rating", "seller_rating", "created_at"]
    raw_id_fields = ["order_line", "product", "seller"]


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(admin.ModelAdmin):
    list_display = ["key", "created_at"]
    search_fields = ["key"]
