"""Every list of provinces is in Vietnamese order (Cà Mau before Cao Bằng, Đ after D): the
product filters, the home page's chips, the province picker and the API."""

import re

import pytest
from django.urls import reverse

from hoaban.core.collation import vietnamese_sorted
from hoaban.places.forms import ProvinceChoiceField
from hoaban.places.models import Commune, Province

from .builders import product_in

pytestmark = pytest.mark.django_db

SAMPLE = ["Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Điện Biên", "Gia Lai"]


def in_page_order(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=html.index)


def a_commune_of(province: str) -> int:
    return Commune.objects.filter(province__short_name=province).order_by("code")[0].code


def test_the_product_filter_lists_provinces_and_former_provinces_in_vietnamese_order(client):
    html = client.get(reverse("storefront:products")).content.decode()

    start = html.index('name="province"')
    select = html[start : html.index("</select>", start)]
    current = select[: select.index("<optgroup", select.index("<optgroup") + 1)]
    options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', current)
    assert len(options) == 34
    assert options == vietnamese_sorted(options)
    assert options.index("Cà Mau") < options.index("Cao Bằng")
    assert options.index("Đà Nẵng") == options.index("Cần Thơ") + 1  # no D province: Đ next
    former = re.findall(r'<option value="f\d+"[^>]*>([^<]+)</option>', select)
    assert len(former) == 63
    assert former == vietnamese_sorted(former)
    assert former.index("Đắk Nông") > former.index("Đà Nẵng")


def test_the_home_page_lists_provinces_in_vietnamese_order_whatever_their_product_counts(client):
    for name in reversed(SAMPLE):
        product_in(a_commune_of(name))
    product_in(a_commune_of("Gia Lai"))  # the most products: still in its place

    response = client.get(reverse("storefront:home"))

    assert [p.short_name for p in response.context["provinces"]] == SAMPLE
    html = response.content.decode()
    chips = html[html.index('id="h-places"') :]
    assert in_page_order(chips, SAMPLE) == SAMPLE


def test_the_province_picker_is_in_vietnamese_order():
    names = [label for _code, label in ProvinceChoiceField().choices][1:]

    assert len(names) == 34
    assert names == vietnamese_sorted(names)
    assert names.index("Cà Mau") < names.index("Cao Bằng") < names.index("Đà Nẵng")


def test_the_api_lists_provinces_in_vietnamese_order_across_pages(client):
    first = client.get("/api/v1/provinces", {"limit": 20}).json()
    second = client.get("/api/v1/provinces", {"limit": 20, "offset": 20}).json()

    # sorted by the name people read ("Đà Nẵng", not "Thành phố Đà Nẵng")
    short = dict(Province.objects.values_list("code", "short_name"))
    names = [short[p["code"]] for p in first["items"] + second["items"]]
    assert first["count"] == 34
    assert len(names) == 34
    assert names == vietnamese_sorted(names)
    assert names[:3] == ["An Giang", "Bắc Ninh", "Cà Mau"]
    assert names.index("Cao Bằng") < names.index("Cần Thơ") < names.index("Đà Nẵng")


def test_the_api_lists_communes_in_vietnamese_order(client):
    body = client.get("/api/v1/provinces/19/communes", {"limit": 100}).json()

    names = [c["name"] for c in body["items"]]
    assert body["count"] == 92
    assert names == vietnamese_sorted(names)
