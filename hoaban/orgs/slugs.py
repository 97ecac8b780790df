"""Words an organisation's web address (slug) may not be: the site's own addresses use them.

An organisation's slug sits in `/org/<slug>/` and in the console's `/manage/<slug>/…`, beside
fixed addresses such as `/manage/orders/` (the console's old order list, kept for bookmarks); an
organisation called `orders` would hide those, one called `admin` would look
like the site's own. RESERVED_SLUGS holds the first part of every address (and of every
address beside a slug: `manage/orders`), the apps that are coming, and words a person would
mistake for the site's own pages. hoaban/orgs/tests/test_slugs.py walks the URL resolver and
fails when an address is added without its word here.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The first part of today's addresses (hoaban/urls.py and the apps' urls.py), and what sits
# beside an organisation's slug (`manage/orders/`).
URL_WORDS = {
    "accounts",
    "admin",
    "api",
    "cart",
    "checkout",
    "i18n",
    "lot",
    "manage",
    "me",
    "media",
    "org",
    "orders",
    "p",
    "places",
    "products",
    "static",
    "track",
}
# The apps and channels that are coming (DESIGN.md), and the console's own pages.
COMING_WORDS = {
    "console",
    "impact",
    "match",
    "meet",
    "mentor",
    "offline",
    "social",
    "members",
    "lots",
    "stock",
    "records",
    "bank",
    "movements",
    "payments",
    "provinces",
}
# Words a person would take for the site's own pages.
SITE_WORDS = {
    "about",
    "account",
    "create",
    "dashboard",
    "delete",
    "docs",
    "edit",
    "help",
    "home",
    "login",
    "logout",
    "new",
    "profile",
    "search",
    "settings",
    "shop",
    "signup",
    "www",
}
RESERVED_SLUGS = frozenset(URL_WORDS | COMING_WORDS | SITE_WORDS)


def is_reserved_slug(slug: str) -> bool:
    return slug.strip().lower() in RESERVED_SLUGS


def validate_organisation_slug(value: str) -> None:
    """The model field's validator (admin and every ModelForm): a reserved word is refused."""
    if is_reserved_slug(value):
        raise ValidationError(
            _(
                "“%(slug)s” is a word the site uses for its own pages, so it cannot be an "
                "organisation's web address. Choose another, for example “htx-%(slug)s”."
            ),
            code="reserved_slug",
            params={"slug": value.strip().lower()},
        )
