"""Sign-up, login, logout, profile and "download my data". Views stay thin."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hoaban.places.forms import picker_initial, wants_communes

from .consent import consent_paragraphs, consent_text, consent_title, consent_version
from .forms import PhoneAuthenticationForm, ProfileForm, SignupForm
from .services import AccountError, user_data_export, user_profile_update, user_register

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def set_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    """Remember the person's language (read by hoaban.core.middleware.LanguageMiddleware)."""
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            samesite="Lax",
        )
    return response


def _safe_next(request: HttpRequest, fallback: str = "accounts:profile") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(fallback)


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    language = translation.get_language() or settings.LANGUAGE_CODE
    if request.method == "POST" and wants_communes(request):
        form = SignupForm(initial=picker_initial(request.POST))
    elif request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            data = form.profile_data()
            try:
                user = user_register(
                    phone=form.cleaned_data["phone"],
                    password=form.cleaned_data["password1"],
                    consent_text=consent_text(),
                    consent_version=consent_version(),
                    language=language,
                    **data,
                )
            except AccountError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            except ValidationError as error:
                form.add_error("password1", error)
            else:
                login(request, user, backend=MODEL_BACKEND)
                messages.success(request, _("Welcome to Hoa Ban! Your account is ready."))
                response = redirect(_safe_next(request))
                return set_language_cookie(response, user.preferred_language)
    else:
        form = SignupForm(initial={"preferred_language": language})
    context = {
        "form": form,
        "consent_title": consent_title(),
        "consent_paragraphs": consent_paragraphs(),
        "consent_version": consent_version(),
        "next": request.GET.get("next", ""),
    }
    return render(request, "accounts/signup.html", context, status=400 if form.errors else 200)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = PhoneAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        """The sign-up link keeps where she was going (e.g. the page to enter an invitation
        code), so a person new to Hoa Ban lands there once her account is made."""
        context = super().get_context_data(**kwargs)
        signup_url = reverse("accounts:signup")
        target = context.get("next") or ""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            signup_url += "?" + urlencode({"next": target})
        context["signup_next_url"] = signup_url  # base.html sets its own signup_url
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        return set_language_cookie(response, form.get_user().preferred_language)

    def get_default_redirect_url(self) -> str:
        """Without a (safe) `next`: a manager lands on her console (`/manage/` opens her only
        organisation or lists them), a programme officer on her provinces, anyone else on her
        profile. A `next` always wins: it is what she was doing."""
        return landing_url(self.request.user)


def landing_url(user) -> str:
    from .access import managed_organisations, officer_provinces

    if managed_organisations(user).exists():
        return "/manage/"  # the console (a channel: named by its address, not imported)
    if officer_provinces(user).exists():
        return "/manage/provinces/"
    return reverse(settings.LOGIN_REDIRECT_URL)


class LogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET)."""


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST" and wants_communes(request):
        form = ProfileForm(instance=user, initial=picker_initial(request.POST))
    elif request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            user_profile_update(user=user, **form.profile_data())
            translation.activate(user.preferred_language)
            messages.success(request, _("Your profile is saved."))
            response = redirect("accounts:profile")
            return set_language_cookie(response, user.preferred_language)
        user.refresh_from_db()
    else:
        form = ProfileForm(instance=user)
    context = {"form": form, "consents": user.consents.all()}
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


@require_GET
@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    """The person's own data as a JSON file."""
    body = json.dumps(user_data_export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hoaban-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page shown instead of a login (or an in-person confirmation) while locked: when she
    can try again (Vietnam time) and how to get help. Status 429 (settings.AXES_LOCKOUT_CALLABLE).
    """
    from axes.helpers import get_cool_off

    from .throttling import LockoutHandler

    lock = LockoutHandler().lock(request, credentials)
    until = lock.until or (request.axes_attempt_time + get_cool_off(request))
    context = {
        "until": until,
        "phone_locked": lock.phone_locked or not lock.address_locked,
        "address_locked": lock.address_locked,
    }
    response = render(request, "accounts/locked.html", context, status=429)
    wait = (until - request.axes_attempt_time).total_seconds()
    response["Retry-After"] = str(max(1, int(wait)))
    return response
