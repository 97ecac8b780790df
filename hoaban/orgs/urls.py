from django.urls import path

from . import views

# The manager's console (/manage/<organisation>/…) is hoaban.console.
app_name = "orgs"
urlpatterns = [
    path("org/<slug:slug>/certificates/<int:pk>/scan/", views.certificate_scan, name="scan"),
    path("me/cooperatives/", views.my_memberships, name="my_memberships"),
    path("me/cooperatives/join/", views.join, name="join"),
]
