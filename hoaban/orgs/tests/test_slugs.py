"""Words the site's own addresses use cannot be an organisation's web address (orgs.slugs)."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import URLResolver, get_resolver
from django.utils import translation

from hoaban.orgs import services
from hoaban.orgs.admin import OrganisationAdminForm
from hoaban.orgs.models import Organisation
from hoaban.orgs.slugs import RESERVED_SLUGS, validate_organisation_slug
from hoaban.orgs.tests.factories import OrganisationFactory, UserFactory, commune

REFUSED = {
    "vi": "“manage” là từ trang web dùng cho các trang của chính nó, nên không thể làm địa chỉ "
    "web của tổ chức. Hãy chọn địa chỉ khác, ví dụ “htx-manage”.",
    "en": "“manage” is a word the site uses for its own pages, so it cannot be an "
    "organisation's web address. Choose another, for example “htx-manage”.",
}
SLUG = "<slug:slug>"


def routes(patterns=None, prefix: str = "") -> list[list[str]]:
    """Every address the URL resolver knows, as its parts (`manage`, `<slug:slug>`, `edit`)."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        text = prefix + re.sub(r"^\^|\$$", "", str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            found += routes(pattern.url_patterns, text)
        else:
            found.append([part for part in text.split("/") if part])
    return found


def literal(part: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9._-]*", part)) and "." not in part


def words_an_organisation_could_shadow() -> set[str]:
    """The first part of every address, and every fixed part that sits where a slug sits
    (`manage/orders/` beside `manage/<slug:slug>/`)."""
    all_routes = routes()
    slug_positions = {
        (tuple(parts[:i]), i)
        for parts in all_routes
        for i, part in enumerate(parts)
        if part == SLUG
    }
    words = {parts[0] for parts in all_routes if parts and literal(parts[0])}
    words |= {
        parts[i]
        for parts in all_routes
        for before, i in slug_positions
        if len(parts) > i and tuple(parts[:i]) == before and literal(parts[i])
    }
    return words


def test_every_address_prefix_and_every_word_beside_a_slug_is_reserved():
    # given the addresses the site answers today
    words = words_an_organisation_could_shadow()

    # then each is reserved (the walk found them: the top level and `manage/orders/`)
    assert {"manage", "admin", "api", "accounts", "orders", "track", "cart", "media"} <= words
    assert words - RESERVED_SLUGS == set()


def test_static_media_and_the_coming_apps_are_reserved():
    prefixes = {settings.STATIC_URL.strip("/"), settings.MEDIA_URL.strip("/")}
    coming = {"meet", "match", "mentor", "impact", "social", "offline", "console"}

    assert prefixes | coming | {"new", "edit", "login"} <= RESERVED_SLUGS


@pytest.mark.parametrize("slug", ["manage", "admin", "api", "orders", "meet", "new", "Manage"])
def test_the_validator_refuses_a_reserved_word_in_any_case(slug):
    with pytest.raises(ValidationError) as refused:
        validate_organisation_slug(slug)

    assert refused.value.code == "reserved_slug"


def test_an_ordinary_slug_passes_the_validator():
    assert validate_organisation_slug("htx-mien-dong-na-ri") is None
    assert validate_organisation_slug("manager-cooperative") is None  # only the whole word


@pytest.mark.django_db
def test_the_admin_refuses_a_reserved_web_address_in_vietnamese_and_english_and_saves_nothing():
    # given an organisation and its admin form asked to take the address `manage`
    organisation = OrganisationFactory(slug="htx-na-ri")
    data = {**model_to_dict(organisation, exclude=["logo"]), "slug": "manage"}

    # when the form is checked in each language
    errors = {}
    for language in ("vi", "en"):
        with translation.override(language):
            form = OrganisationAdminForm(data=data, instance=organisation)
            assert not form.is_valid()
            errors[language] = [str(message) for message in form.errors["slug"]]

    # then it says why, and the address is unchanged
    assert errors == {"vi": [REFUSED["vi"]], "en": [REFUSED["en"]]}
    assert Organisation.objects.get(pk=organisation.pk).slug == "htx-na-ri"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "slug"), [("Manage", "manage-2"), ("Orders", "orders-2")])
def test_an_organisation_named_like_a_reserved_word_gets_a_free_address(name, slug):
    admin = UserFactory(is_superuser=True)

    organisation = services.organisation_create(by=admin, name=name, commune=commune())

    assert organisation.slug == slug
