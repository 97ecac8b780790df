"""Amounts on a page never break before "₫"; plain text keeps an ordinary space."""

from django.template import Context, Template

from hoaban.core.money import format_vnd


def test_plain_text_amount_keeps_an_ordinary_space():
    assert format_vnd(1_250_000) == "1.250.000 ₫"
    assert format_vnd(-10_000) == "-10.000 ₫"
    assert format_vnd(None) == ""


def test_amount_on_a_page_joins_number_and_dong_sign_with_a_non_breaking_space():
    assert format_vnd(1_250_000, nonbreaking=True) == "1.250.000\u00a0₫"
    html = Template("{{ amount|vnd }}").render(Context({"amount": 45_000}))
    assert html == "45.000\u00a0₫"
    assert " ₫" not in html
