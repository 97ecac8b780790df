"""The home page's featured products: varied (category and province), in stock, stable."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from hoaban.catalog.tests.factories import ProductFactory, category
from hoaban.orgs.tests.factories import OrganisationFactory, commune

pytestmark = pytest.mark.django_db

NA_RI = 2155  # Thái Nguyên
GIA_NGHIA = 24611  # Lâm Đồng


def featured(client) -> list[str]:
    cache.clear()  # the page cache would answer a second visit without a context
    return [p.name for p in client.get(reverse("storefront:home")).context["products"]]


def test_one_per_category_and_province_before_a_second_of_either(client):
    north = OrganisationFactory(commune=commune(NA_RI))
    south = OrganisationFactory(commune=commune(GIA_NGHIA))
    # Alphabetically first and many: the former home page showed only these.
    for n in range(8):
        ProductFactory(organisation=north, name=f"A miến {n}")
    ProductFactory(organisation=south, name="Z cà phê", category=category("ca-phe"))
    ProductFactory(organisation=north, name="Y chè", category=category("che"))
    ProductFactory(organisation=south, name="X mật ong", category=category("mat-ong"))
    ProductFactory(organisation=south, name="W hết hàng", category=category("hat"), stock=0)

    names = featured(client)

    assert len(names) == 8
    assert "W hết hàng" not in names  # in stock only
    first_two = names[:2]  # a new category and a new province each
    assert any(n.startswith("A miến") or n == "Y chè" for n in first_two)
    assert any(n in ("Z cà phê", "X mật ong") for n in first_two)
    assert {"Z cà phê", "Y chè", "X mật ong"} <= set(names)  # every category shown
    assert featured(client) == names  # deterministic


def test_marked_featured_come_first(client):
    for n in range(10):
        ProductFactory(name=f"Miến {n}", category=category("che"))
    ProductFactory(name="Chọn", is_featured=True, category=category("hat"))
    assert featured(client)[0] == "Chọn"
