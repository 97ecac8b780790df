from django.urls import path

from . import shop_seller_views as seller
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
    path("track/", views.track, name="track"),
    path("track/review/", views.review, name="review"),
    path("track/cancel/", views.track_cancel, name="track_cancel"),
    # Sellers (managers of a cooperative)
    path("manage/orders/", seller.seller_orders_view, name="seller_orders"),
    path("manage/orders/packing/", seller.packing_list, name="packing_list"),
    path("manage/orders/stock/", seller.stock_view, name="seller_stock"),
    path("manage/orders/<str:code>/", seller.seller_order_view, name="seller_order"),
    path("manage/orders/<str:code>/do/", seller.seller_order_action, name="seller_order_action"),
]
