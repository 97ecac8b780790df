from django.urls import path

from . import views

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("products/", views.product_list, name="products"),
    path("p/<str:code>/", views.product_detail, name="product"),
    path("org/<slug:slug>/", views.organisation, name="organisation"),
]
