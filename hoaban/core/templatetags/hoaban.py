"""Template helpers available in every template (settings: TEMPLATES builtins)."""

from functools import lru_cache
from pathlib import Path

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from hoaban.core.english import english_html, english_text
from hoaban.core.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """1250000 → `1.250.000 ₫`, with a non-breaking space: "₫" never starts a line."""
    return format_vnd(amount, nonbreaking=True)


@register.filter
def error_count(form: object) -> int:
    """How many errors a bound form shows (0 for anything that is not a form): for the title."""
    errors = getattr(form, "errors", None)
    if not errors or not hasattr(errors, "values"):
        return 0
    return sum(len(messages) for messages in errors.values())


@register.simple_tag
def vi_lang() -> str:
    """` lang="vi"` on an element showing Vietnamese content (a product's or cooperative's name,
    a story, a place) while the page is in another language, so a screen reader reads it with a
    Vietnamese voice; nothing on a Vietnamese page."""
    return "" if (get_language() or "vi").startswith("vi") else mark_safe(' lang="vi"')


@register.filter(is_safe=True)
def vi_span(html: str) -> str:
    """`{% filter vi_span %}Xã Na Rì{% endfilter %}`: the text in a `<span lang="vi">` on a page
    in another language; the text alone on a Vietnamese page."""
    html = conditional_escape(html)
    if (get_language() or "vi").startswith("vi"):
        return html
    return format_html('<span lang="vi">{}</span>', html)


@register.simple_tag
def icon(name: str, label: str = "") -> str:
    """An inline SVG icon from the sprite in base.html; decorative unless given a label."""
    if label:
        return format_html(
            '<svg class="i" role="img" aria-label="{}"><use href="#i-{}"></use></svg>', label, name
        )
    return format_html('<svg class="i" aria-hidden="true"><use href="#i-{}"></use></svg>', name)


@register.simple_tag(takes_context=True)
def query_with(context: dict, **changes: object) -> str:
    """The current query string with some parameters changed (for filters and pagination)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@lru_cache(maxsize=8)
def _static_text(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).read_text(encoding="utf-8")


def csp_nonce(context) -> str:
    """This response's Content-Security-Policy nonce ('' outside a request, e.g. an e-mail).
    Never cache a fragment that contains it: it changes with every response."""
    nonce = getattr(context.get("request"), "csp_nonce", None)
    # A lazy object (django-csp): bool() is False until read, so read it with str().
    return str(nonce) if nonce is not None else ""


@register.simple_tag(takes_context=True)
def inline_css(context, path: str) -> str:
    """The stylesheet inside the page: on 3G each extra request costs a 2 s round trip before
    first paint, and our whole CSS is about 2 KB compressed. Allowed by the page's CSP nonce."""
    text = _static_text.__wrapped__(path) if settings.DEBUG else _static_text(path)
    nonce = csp_nonce(context)
    attribute = format_html(' nonce="{}"', nonce) if nonce else ""
    return mark_safe(f"<style{attribute}>{text}</style>")  # noqa: S308 - our own static file


@register.simple_tag
def english(obj, field: str, block: bool = False) -> str:
    """`{% english product "name" %}`: the English version in English mode, else the Vietnamese
    marked `lang="vi"` (see hoaban.core.english); `block=True` for long texts in paragraphs."""
    return english_html(obj, field, block=block)


@register.filter
def in_english(obj, field: str) -> str:
    """`{{ product|in_english:"name" }}`: plain text for titles and alt texts."""
    return english_text(obj, field)
