"""The site's URLs plus views that fail on purpose (tests of core.error_pages)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.urls import path

from hoaban.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("a forged value")


def broken(request):
    raise RuntimeError("a bug")


def database_down(request):
    raise OperationalError("connection refused")


def database_gone(request):
    raise InterfaceError("connection already closed")


urlpatterns = [
    path("boom/forbidden/", forbidden),
    path("boom/suspicious/", suspicious),
    path("boom/broken/", broken),
    path("boom/database/", database_down),
    path("boom/interface/", database_gone),
    path("api/boom/forbidden/", forbidden),
    path("api/boom/suspicious/", suspicious),
    path("api/boom/broken/", broken),
    path("api/boom/database/", database_down),
    *urlpatterns,
]
