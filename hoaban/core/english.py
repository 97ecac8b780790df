"""Texts a person wrote in Vietnamese, with an optional English version beside them.

A product or an organisation has `name`, `story` (…) and may have `name_en`, `story_en` (…).
In English mode the English version is shown; without one the Vietnamese is shown marked
`lang="vi"` (so a screen reader reads it with a Vietnamese voice), and long texts add a small
"(in Vietnamese)" note. In Vietnamese mode the Vietnamese, as always.
"""

from django.template.defaultfilters import linebreaks_filter
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _


def english_text(obj, field: str) -> str:
    """The plain text to show in the active language (for titles and alt texts)."""
    value = getattr(obj, field, "") or ""
    if translation.get_language() == "en":
        return getattr(obj, f"{field}_en", "") or value
    return value


def english_html(obj, field: str, *, block: bool = False) -> str:
    """The text as HTML: English when there is one in English mode, else marked Vietnamese.
    `block`: a long text, in paragraphs (`linebreaks`), with the note when in Vietnamese."""
    value = getattr(obj, field, "") or ""
    english = getattr(obj, f"{field}_en", "") or ""
    in_english = translation.get_language() == "en"
    if in_english and english:
        return linebreaks_filter(english, autoescape=True) if block else format_html("{}", english)
    if not in_english or not value:
        return linebreaks_filter(value, autoescape=True) if block else format_html("{}", value)
    if not block:
        return format_html('<span lang="vi">{}</span>', value)
    return format_html(
        '<p class="meta">{}</p><div lang="vi">{}</div>',
        _("(in Vietnamese)"),
        linebreaks_filter(value, autoescape=True),
    )
