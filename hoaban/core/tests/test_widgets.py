"""QuickSelect writes the same select as Django's own widget (compared as parsed HTML)."""

import pytest
from django import forms
from django.test.html import parse_html

from hoaban.core.widgets import QuickSelect

CHOICES = [
    ("", "Tất cả"),
    ("Tỉnh", [("6", "Thái Nguyên"), ("66", 'Đắk Lắk & <Lâm> "Đồng"')]),
    ("Tỉnh cũ", [("f6", "Bắc Kạn"), ("f67", "Đắk Nông")]),
    ("x", "<script>alert(1)</script>"),
    (7, "bảy"),
]


def both(value, attrs=None):
    ours = QuickSelect(choices=CHOICES).render("province", value, attrs)
    django = forms.Select(choices=CHOICES).render("province", value, attrs)
    return parse_html(ours), parse_html(django), ours


@pytest.mark.parametrize("value", [None, "", "6", "f67", "x", 7, "7", "nothing", "\x00"])
def test_the_same_html_as_django_for_every_value(value):
    ours, django, _ = both(value, {"id": "id_province", "aria-describedby": "h"})
    assert ours == django


def test_labels_and_values_are_escaped_and_one_option_is_selected():
    _, _, html = both("6")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count(" selected") == 1 and '<option value="6" selected>' in html


def test_a_form_field_renders_through_it():
    class Form(forms.Form):
        province = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)

    html = str(Form({"province": "f6"})["province"])
    assert '<select name="province" id="id_province">' in html
    assert '<option value="f6" selected>Bắc Kạn</option>' in html
