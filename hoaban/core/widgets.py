"""Widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A `<select>` written out in Python, the same HTML as Django's.

    Django's template renders each option through its own include (~50 µs each); the product
    list's filters have ~170 options, so on a slow phone-grade server they were a fifth of the
    page's time. Single choice only; groups (`optgroup`) as Django nests them.
    """

    allow_multiple_selected = False

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        selected = chosen[0] if chosen else None
        found = False

        def options(choices) -> str:
            nonlocal found
            rows = []
            for option_value, label in choices:
                value_text = "" if option_value is None else str(option_value)
                is_selected = not found and value_text == selected
                found = found or is_selected
                rows.append((value_text, mark_safe(" selected") if is_selected else "", label))
            return format_html_join("", '<option value="{}"{}>{}</option>', rows)

        parts = []
        for group, choices in self.choices:
            if isinstance(choices, list | tuple):
                parts.append(
                    format_html('<optgroup label="{}">{}</optgroup>', group, options(choices))
                )
            else:
                parts.append(options([(group, choices)]))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(parts)),  # noqa: S308 - every part went through format_html
        )
