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
