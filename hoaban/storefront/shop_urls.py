from django.urls import path

from . import shop_views as views

app_name = "shop"
urlpatterns = [
    path("cart/", views.cart_view, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("cart/remove/", views.cart_remove, name="cart_remove"),
]
urlpatterns += [
    path("checkout/", views.checkout, name="checkout"),
    path("orders/placed/<str:key>/", views.placed, name="placed"),
]
