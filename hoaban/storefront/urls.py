from django.urls import path

from . import console_stock, views

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("products/", views.product_list, name="products"),
    path("p/<str:code>/", views.product_detail, name="product"),
    path("org/<slug:slug>/", views.organisation, name="organisation"),
    # The console's stock pages of a product (console_stock: a recount, the movements).
    path(
        "manage/<slug:slug>/products/<str:code>/stock/",
        console_stock.product_stock,
        name="product_stock",
    ),
    path(
        "manage/<slug:slug>/products/<str:code>/movements/",
        console_stock.product_movements,
        name="product_movements",
    ),
]
