from django.urls import path

from . import views

# The console's product and lot pages (/manage/<organisation>/products/…) are hoaban.console.
app_name = "catalog"
urlpatterns = [
    path("lot/<str:code>/", views.lot_trace, name="lot_trace"),
    path("lot/<str:code>/qr.svg", views.lot_qr, name="lot_qr"),
]
