"""Content-Security-Policy (django-csp, nonces) and Permissions-Policy on every response."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from hoaban.accounts.tests.factories import UserFactory
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.core.middleware import permissions_policy
from hoaban.orgs.tests.factories import ManagerFactory

pytestmark = pytest.mark.django_db

HOABAN = Path(__file__).resolve().parents[2]
INLINE_TAG = re.compile(r"<(style|script)\b([^>]*)>", re.IGNORECASE)
# Attributes a nonce cannot cover: a style="…" or an on…= handler would be refused by the CSP.
FORBIDDEN_ATTRIBUTE = re.compile(r"""\s(style|on[a-z]+)\s*=\s*["']""", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def nonce_of(response) -> str:
    (source,) = [v for v in directives(response)["script-src"] if v.startswith("'nonce-")]
    return source.removeprefix("'nonce-").removesuffix("'")


def test_the_home_page_has_a_strict_policy_with_a_nonce_on_its_inline_stylesheet(client):
    # When
    response = client.get(reverse("storefront:home"))

    # Then
    policy = directives(response)
    nonce = nonce_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    tags = INLINE_TAG.findall(response.content.decode())
    assert tags == [("style", f' nonce="{nonce}"')]


def test_each_response_gets_its_own_nonce(client):
    first = nonce_of(client.get(reverse("storefront:home")))
    second = nonce_of(client.get(reverse("storefront:home")))

    assert first != second
    assert len(first) >= 22  # 16 random bytes, base64


def test_every_inline_tag_on_the_main_pages_carries_the_responses_nonce(client):
    # Given a product in the basket and a manager with a product (photos page: inline script)
    product = ProductFactory()
    manager = ManagerFactory(organisation=product.organisation).user
    client.post(reverse("shop:cart_add"), {"product": product.code, "quantity": "1"})
    pages = [
        reverse("storefront:home"),
        reverse("storefront:products"),
        reverse("storefront:product", args=[product.code]),
        reverse("shop:cart"),
        reverse("shop:checkout"),
        reverse("accounts:login"),
        reverse("accounts:signup"),
    ]
    manager_pages = [
        reverse("accounts:profile"),
        reverse("console:product_images", args=[product.organisation.slug, product.code]),
        reverse("console:packing_list", args=[product.organisation.slug]),
    ]

    for index, url in enumerate(pages + manager_pages):
        if index == len(pages):
            client.force_login(manager)
        # When
        response = client.get(url)

        # Then
        assert response.status_code == 200, url
        nonce = nonce_of(response)
        html = response.content.decode()
        for tag, attributes in INLINE_TAG.findall(html):
            if "src=" in attributes or 'type="application/json"' in attributes:
                continue
            assert f'nonce="{nonce}"' in attributes, (url, tag, attributes)
        assert FORBIDDEN_ATTRIBUTE.findall(html) == [], url


def test_no_template_carries_a_style_attribute_or_an_inline_event_handler():
    offenders = [
        f"{path.relative_to(HOABAN)}: {match.group(0).strip()}"
        for path in HOABAN.rglob("templates/**/*.html")
        for match in FORBIDDEN_ATTRIBUTE.finditer(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []


def test_no_template_has_an_inline_tag_without_the_nonce():
    offenders = [
        f"{path.relative_to(HOABAN)}: <{tag}{attributes}>"
        for path in HOABAN.rglob("templates/**/*.html")
        for tag, attributes in INLINE_TAG.findall(path.read_text(encoding="utf-8"))
        if "src=" not in attributes and "csp_nonce" not in attributes
    ]

    assert offenders == []


def test_the_api_docs_answer_under_the_policy_with_their_scripts_as_files(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert directives(response)["script-src"][0] == "'self'"
    inline = [
        attributes
        for tag, attributes in INLINE_TAG.findall(response.content.decode())
        if tag == "script" and "src=" not in attributes
    ]
    # data, never run (our phone-sized copy of ninja's page gives it the nonce all the same)
    assert len(inline) == 1
    assert inline[0].startswith(' type="application/json" id="swagger-settings" nonce="')


def test_the_admin_answers_under_the_policy(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    for url in ("/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/"):
        response = client.get(url)

        assert response.status_code == 200, url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        tags = INLINE_TAG.findall(response.content.decode())
        assert [a for _t, a in tags if "src=" not in a and "nonce=" not in a] == [], url


def test_the_admin_inline_stylesheet_of_a_list_without_actions_has_the_nonce(client, settings):
    # Given a change list whose actions are off (Django then adds an inline <style>)
    from django.contrib import admin

    from hoaban.accounts.models import User

    model_admin = admin.site._registry[User]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    previous = model_admin.actions_on_top, model_admin.actions_on_bottom, model_admin.actions
    model_admin.actions_on_top = model_admin.actions_on_bottom = False
    try:
        response = client.get("/admin/accounts/user/")
    finally:
        model_admin.actions_on_top, model_admin.actions_on_bottom, model_admin.actions = previous

    assert ("style", f' nonce="{nonce_of(response)}"') in INLINE_TAG.findall(
        response.content.decode()
    )
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_every_powerful_feature_is_off_on_ordinary_pages(client):
    response = client.get(reverse("storefront:home"))

    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy.split(", ")
    assert "(self)" not in policy


def test_the_camera_is_allowed_only_under_the_check_in_paths(client, settings):
    # Given
    settings.PERMISSIONS_POLICY_CAMERA_PATHS = ["/meet/checkin/"]

    # When
    check_in = client.get("/meet/checkin/EV-1/")
    elsewhere = client.get("/meet/checkinx/")

    # Then (the header is there whatever the page answers, here 404: no such page yet)
    assert "camera=(self)" in check_in["Permissions-Policy"].split(", ")
    assert "microphone=()" in check_in["Permissions-Policy"].split(", ")
    assert "camera=()" in elsewhere["Permissions-Policy"].split(", ")


def test_no_camera_anywhere_when_no_check_in_path_is_configured(settings):
    settings.PERMISSIONS_POLICY_CAMERA_PATHS = []

    assert "camera=()" in permissions_policy("/meet/checkin/").split(", ")


def test_no_cached_template_fragment_holds_a_nonce():
    # A {% cache %} block around a nonce would serve one response's nonce to everybody.
    cached = re.compile(r"{%\s*cache\b.*?{%\s*endcache\s*%}", re.DOTALL)
    offenders = [
        str(path.relative_to(HOABAN))
        for path in HOABAN.rglob("templates/**/*.html")
        for block in cached.findall(path.read_text(encoding="utf-8"))
        if "csp_nonce" in block or "inline_css" in block or "<style" in block
    ]

    assert offenders == []
