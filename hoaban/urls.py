from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language

from hoaban.api.api import api
from hoaban.core.uploads import serve_media

urlpatterns = [
    path("", include("hoaban.storefront.urls")),
    path("", include("hoaban.storefront.shop_urls")),
    path("", include("hoaban.orgs.urls")),
    path("", include("hoaban.catalog.urls")),
    path("", include("hoaban.console.urls")),  # the manager's console: /manage/…
    path("accounts/", include("hoaban.accounts.urls")),
    path("places/", include("hoaban.places.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Local media (embedded mode); in scale-out, media live on S3-compatible storage.
    # serve_media: nosniff, sandbox CSP, pictures inline, anything else as a download, and
    # never the private folders (certificate scans are served by orgs, after a check).
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

# Error pages in the site's layout and language; JSON under /api/ (hoaban.core.error_pages).
handler400 = "hoaban.core.error_pages.bad_request"
handler403 = "hoaban.core.error_pages.permission_denied"
handler404 = "hoaban.core.error_pages.page_not_found"
handler500 = "hoaban.core.error_pages.server_error"
