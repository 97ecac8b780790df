"""Vietnamese unless the person chose otherwise.

Django's LocaleMiddleware would follow the browser's Accept-Language, which on most phones
and on every test browser is English; our users expect Vietnamese first. So the language
comes from the language cookie (set by the switcher, and at login from the person's
preferred language), else Vietnamese.
"""

from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
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
        response.headers.setdefault("Permissions-Policy", permissions_policy(request.path_info))
        return response
