from django import template
from django.conf import settings

from hoaban.accounts.phone import display_phone

register = template.Library()


@register.simple_tag
def cooloff_minutes() -> int:
    """How long django-axes keeps a login locked, in minutes."""
    return round(float(settings.AXES_COOLOFF_TIME) * 60)


@register.filter(name="display_phone")
def display_phone_filter(e164: str) -> str:
    """`+84912345678` → `0912 345 678`."""
    return display_phone(e164)
