from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("org/<slug:slug>/certificates/<int:pk>/scan/", views.certificate_scan, name="scan"),
    path("me/cooperatives/", views.my_memberships, name="my_memberships"),
    path("me/cooperatives/join/", views.join, name="join"),
    path("manage/", views.manage_home, name="manage_home"),
    path("manage/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("manage/<slug:slug>/bank/", views.bank_edit, name="bank_edit"),
    path("manage/<slug:slug>/members/", views.members, name="members"),
    path("manage/<slug:slug>/records/", views.records, name="records"),
    path("manage/<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("manage/<slug:slug>/members/confirm/", views.member_confirm, name="member_confirm"),
    path(
        "manage/<slug:slug>/records/<int:pk>/scan-public/",
        views.certificate_scan_public,
        name="certificate_scan_public",
    ),
    path(
        "manage/<slug:slug>/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
