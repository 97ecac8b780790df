from django.urls import path

from . import old_addresses, orders, organisation, products, provinces, stock

app_name = "console"
ORG = "manage/<slug:slug>/"
PRODUCT = ORG + "products/<str:code>/"
urlpatterns = [
    path("manage/", organisation.home, name="home"),
    path("manage/provinces/", provinces.provinces, name="provinces"),  # a programme officer's
    # The old order addresses (before the console had the organisation in its address), kept
    # for bookmarks; they come before ORG ("orders" is a reserved slug, orgs.slugs).
    path("manage/orders/", old_addresses.old_orders, name="old_orders"),
    path("manage/orders/packing/", old_addresses.old_packing_list, name="old_packing_list"),
    path("manage/orders/stock/", old_addresses.old_stock, name="old_stock"),
    path("manage/orders/<str:code>/", old_addresses.old_order, name="old_order"),
    # The organisation
    path(ORG, organisation.overview, name="overview"),
    path(ORG + "edit/", organisation.organisation_edit, name="organisation_edit"),
    path(ORG + "bank/", organisation.bank_edit, name="bank_edit"),
    path(ORG + "members/", organisation.members, name="members"),
    path(ORG + "members/<int:pk>/remove/", organisation.member_remove, name="member_remove"),
    path(ORG + "members/confirm/", organisation.member_confirm, name="member_confirm"),
    path(
        ORG + "invitations/<int:pk>/withdraw/",
        organisation.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(ORG + "records/", organisation.records, name="records"),
    path(
        ORG + "records/<int:pk>/scan-public/",
        organisation.certificate_scan_public,
        name="certificate_scan_public",
    ),
    # Products and lots
    path(ORG + "products/", products.products, name="products"),
    path(ORG + "products/new/", products.product_create, name="product_create"),
    path(PRODUCT, products.product_edit, name="product_edit"),
    path(PRODUCT + "stock/", stock.product_stock, name="product_stock"),
    path(PRODUCT + "movements/", stock.product_movements, name="product_movements"),
    path(PRODUCT + "status/", products.product_status, name="product_status"),
    path(PRODUCT + "images/", products.product_images, name="product_images"),
    path(
        PRODUCT + "images/<int:pk>/remove/",
        products.product_image_remove,
        name="product_image_remove",
    ),
    path(ORG + "lots/", products.lots, name="lots"),
    # Orders and stock
    path(ORG + "orders/", orders.orders, name="orders"),
    path(ORG + "orders/packing/", orders.packing_list, name="packing_list"),
    path(ORG + "orders/<str:code>/", orders.order, name="order"),
    path(ORG + "orders/<str:code>/do/", orders.order_action, name="order_action"),
    path(ORG + "stock/", stock.stock, name="stock"),
]
