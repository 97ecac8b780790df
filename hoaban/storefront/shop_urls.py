from django.urls import path

from . import basket_views, my_orders, shop_views, tracking_views

app_name = "shop"
urlpatterns = [
    # Buyers (no account needed)
    path("cart/", basket_views.cart_view, name="cart"),
    path("cart/add/", basket_views.cart_add, name="cart_add"),
    path("cart/update/", basket_views.cart_update, name="cart_update"),
    path("cart/remove/", basket_views.cart_remove, name="cart_remove"),
    path("checkout/", shop_views.checkout, name="checkout"),
    path("orders/placed/<str:token>/", shop_views.placed, name="placed"),
    path("orders/mine/", my_orders.my_orders, name="my_orders"),
    path("orders/mine/<str:code>/", my_orders.my_order, name="my_order"),
    path("track/", tracking_views.track, name="track"),
    path("track/review/", tracking_views.review, name="review"),
    path("track/cancel/", tracking_views.track_cancel, name="track_cancel"),
    # The sellers' order pages are the console's (hoaban.console: /manage/<organisation>/orders/).
]
