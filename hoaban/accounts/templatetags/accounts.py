from django import template

from hoaban.accounts.phone import display_phone

register = template.Library()


@register.filter(name="display_phone")
def display_phone_filter(e164: str) -> str:
    """`+84912345678` → `0912 345 678`."""
    return display_phone(e164)
