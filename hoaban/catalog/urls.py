from django.urls import path

from . import views

app_name = "catalog"
PRODUCT = "manage/<slug:slug>/products/<str:code>/"
urlpatterns = [
    path("lot/<str:code>/", views.lot_trace, name="lot_trace"),
    path("lot/<str:code>/qr.svg", views.lot_qr, name="lot_qr"),
    path("manage/<slug:slug>/", views.manage_organisation, name="manage_organisation"),
    path("manage/<slug:slug>/products/", views.products, name="products"),
    path("manage/<slug:slug>/products/new/", views.product_create, name="product_create"),
    path(PRODUCT, views.product_edit, name="product_edit"),
    # PRODUCT + "stock/" and "movements/": storefront.console_stock (inventory and commerce
    # sit below catalog; the console app takes them over).
    path(PRODUCT + "status/", views.product_status, name="product_status"),
    path(PRODUCT + "images/", views.product_images, name="product_images"),
    path(
        PRODUCT + "images/<int:pk>/remove/",
        views.product_image_remove,
        name="product_image_remove",
    ),
    path("manage/<slug:slug>/lots/", views.lots, name="lots"),
]
