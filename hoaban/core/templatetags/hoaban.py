"""Template helpers available in every template (settings: TEMPLATES builtins)."""

from django import template
from django.utils.html import format_html

from hoaban.core.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """1250000 → `1.250.000 ₫`."""
    return format_vnd(amount)


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
