from django.urls import path

from . import my_orders
from . import shop_views as views

app_name = "shop"
urlpatterns = [
    # Buyers (no account needed)
    path("cart/", views.cart_view, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("cart/remove/", views.cart_remove, name="cart_remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("orders/placed/<str:token>/", views.placed, name="placed"),
    path("orders/mine/", my_orders.my_orders, name="my_orders"),
    path("orders/mine/<str:code>/", my_orders.my_order, name="my_order"),
    path("track/", views.track, name="track"),
    path("track/review/", views.review, name="review"),
    path("track/cancel/", views.track_cancel, name="track_cancel"),
    # The sellers' order pages are the console's (hoaban.console: /manage/<organisation>/orders/).
]
