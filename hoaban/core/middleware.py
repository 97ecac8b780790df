"""Vietnamese unless the person chose otherwise.

Django's LocaleMiddleware would follow the browser's Accept-Language, which on most phones
and on every test browser is English; our users expect Vietnamese first. So the language
comes from the language cookie (set by the switcher, and at login from the person's
preferred language), else Vietnamese.


The API (/api/) also hears its callers, which are programs more often than browsers:
`?lang=vi|en`, else the `Accept-Language` header when its first choice is vi or en, else the
cookie, else Vietnamese (`request_language`). Every API answer, errors included, is in it.
"""

from django.conf import settings
from django.utils import translation

API_PREFIX = "/api/"


def request_language(request) -> str:
    """The language of this request's answer (see the module docstring)."""
    supported = {code for code, _name in settings.LANGUAGES}
    if request.path_info.startswith(API_PREFIX):
        asked = request.GET.get("lang", "")
        if asked in supported:
            return asked
        for part in request.headers.get("Accept-Language", "").split(","):
            code = part.split(";")[0].strip().lower().split("-")[0]
            if code in supported:
                return code
            if code and code != "*":
                break  # the first preference is another language: keep the site language
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in supported else settings.LANGUAGE_CODE


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request_language(request)
        request.LANGUAGE_CODE = language
        if request.path_info.startswith(API_PREFIX):
            # An API caller's language (?lang, Accept-Language) lasts for its request only.
            with translation.override(language):
                response = self.get_response(request)
            vary = "Cookie, Accept-Language"
        else:
            translation.activate(language)
            response = self.get_response(request)
            vary = "Cookie"
        if is_picture(response):  # a picture has no language, and the same bytes for everyone
            return response
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", vary)
        return response


# Features a page of ours never needs (devices, sensors, location, payment); each is answered
# `()` (allowed nowhere), except the camera on the configured check-in paths
# (settings.PERMISSIONS_POLICY_CAMERA_PATHS). Kept short: the header goes with every response.
POWERFUL_FEATURES = (
    "accelerometer",
    "bluetooth",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
)


# Raster pictures only (never SVG, which a browser may run as a document).
PICTURE_TYPES = ("image/webp", "image/jpeg", "image/png", "image/gif", "image/avif")


def is_picture(response) -> bool:
    """A raster picture: no Permissions-Policy, Content-Language or Vary (issue 9: a catalogue
    page fetches 24 of them on 3G, and `Vary: Cookie` would keep shared caches from them)."""
    return response.get("Content-Type", "").split(";")[0].strip() in PICTURE_TYPES


def permissions_policy(path: str) -> str:
    camera_paths = tuple(settings.PERMISSIONS_POLICY_CAMERA_PATHS)
    camera_here = bool(camera_paths) and path.startswith(camera_paths)
    return ", ".join(
        f"{feature}=(self)" if feature == "camera" and camera_here else f"{feature}=()"
        for feature in POWERFUL_FEATURES
    )


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` on every response: no camera, microphone, location, payment…"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_picture(response):  # the policy governs documents; ~250 B on each picture
            response.headers.setdefault("Permissions-Policy", permissions_policy(request.path_info))
        return response
