"""The home page's counts by province and its top sellers are worked out once per catalogue
version (storefront.featured.home_counts) and every write shows on the next page; the featured
products' price and stock are read live.

The visitor carries a session cookie, so the whole-page cache never answers: these pages are
rendered, and what they show comes from the counts' own cache."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from hoaban.catalog import services as catalog_services
from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ProductFactory, category
from hoaban.core.pagecache import catalog_changed
from hoaban.inventory.services import stock_receive
from hoaban.orgs.models import Organisation
from hoaban.orgs.tests.factories import ManagerFactory, OrganisationFactory, UserFactory, commune
from hoaban.orgs.tests.test_admin import change_form_data

pytestmark = pytest.mark.django_db

NA_RI = 2155  # Thái Nguyên, formerly Bắc Kạn
GIA_NGHIA = 24611  # Lâm Đồng, formerly Đắk Nông


@pytest.fixture
def visitor(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"  # never the page cache
    return client


def home(visitor):
    response = visitor.get(reverse("storefront:home"))
    assert response.status_code == 200
    return response


def by_province(response) -> dict[str, int]:
    return {p.short_name: p.product_count for p in response.context["provinces"]}


def by_former(response) -> dict[str, int]:
    return {p.name: p.product_count for p in response.context["former_provinces"]}


def sellers(response) -> list[tuple[str, int]]:
    return [(o.name, o.product_count) for o in response.context["organisations"]]


def featured(response) -> dict[str, Product]:
    return {p.name: p for p in response.context["products"]}


@pytest.fixture
def north():
    organisation = OrganisationFactory(name="HTX Na Rì", commune=commune(NA_RI))
    organisation.manager = ManagerFactory(organisation=organisation).user
    return organisation


@pytest.fixture
def south():
    organisation = OrganisationFactory(name="HTX Gia Nghĩa", commune=commune(GIA_NGHIA))
    organisation.manager = ManagerFactory(organisation=organisation).user
    return organisation


def test_the_counts_come_from_their_cache_until_the_catalogue_changes(visitor, north, south):
    ProductFactory.create_batch(2, organisation=north)
    ProductFactory(organisation=south)
    assert by_province(home(visitor)) == {"Thái Nguyên": 2, "Lâm Đồng": 1}

    # a write that bypasses the services bumps nothing: the counts are the cached ones
    Product.objects.filter(organisation=south).update(status=Product.Status.DRAFT)
    response = home(visitor)
    assert by_province(response) == {"Thái Nguyên": 2, "Lâm Đồng": 1}
    assert sellers(response) == [("HTX Na Rì", 2), ("HTX Gia Nghĩa", 1)]

    catalog_changed()  # what every write service calls
    response = home(visitor)
    assert by_province(response) == {"Thái Nguyên": 2}
    assert sellers(response) == [("HTX Na Rì", 2), ("HTX Gia Nghĩa", 0)]


def test_a_published_product_shows_in_the_counts_and_the_ranking(visitor, north, south):
    ProductFactory.create_batch(2, organisation=north)
    draft = ProductFactory(organisation=south, status=Product.Status.DRAFT, is_featured=True)
    ProductFactory(organisation=south)
    response = home(visitor)
    assert by_province(response) == {"Thái Nguyên": 2, "Lâm Đồng": 1}
    assert by_former(response) == {"Bắc Kạn": 2, "Đắk Nông": 1}
    assert sellers(response) == [("HTX Na Rì", 2), ("HTX Gia Nghĩa", 1)]

    ProductFactory(organisation=south, status=Product.Status.DRAFT)  # never counted
    catalog_services.product_status_set(product=draft, status="published", by=south.manager)

    response = home(visitor)
    assert by_province(response) == {"Thái Nguyên": 2, "Lâm Đồng": 2}
    assert by_former(response) == {"Bắc Kạn": 2, "Đắk Nông": 2}
    assert sellers(response) == [("HTX Gia Nghĩa", 2), ("HTX Na Rì", 2)]  # a tie: by name
    assert draft.name in featured(response)


def test_a_deactivated_organisation_leaves_the_counts_the_ranking_and_the_featured(
    visitor, north, south
):
    ProductFactory.create_batch(2, organisation=north)
    ProductFactory(organisation=south, name="Cà phê Gia Nghĩa")
    response = home(visitor)
    assert sellers(response) == [("HTX Na Rì", 2), ("HTX Gia Nghĩa", 1)]
    assert "Cà phê Gia Nghĩa" in featured(response)

    admin = Client()
    admin.force_login(UserFactory(phone="+84900000009", is_staff=True, is_superuser=True))
    admin.cookies["hoaban_language"] = "en"
    url = reverse("admin:orgs_organisation_change", args=[south.pk])
    data = change_form_data(admin.get(url))
    data.pop("is_active", None)  # the admin unticks "active"
    assert admin.post(url, data).status_code == 302

    response = home(visitor)
    assert by_province(response) == {"Thái Nguyên": 2}
    assert by_former(response) == {"Bắc Kạn": 2}
    assert sellers(response) == [("HTX Na Rì", 2)]
    assert "Cà phê Gia Nghĩa" not in featured(response)


def test_new_stock_shows_in_the_featured_products(visitor, north):
    sold_out = ProductFactory(organisation=north, name="Mật ong", stock=0, is_featured=True)
    ProductFactory(organisation=north, name="Miến dong")
    assert "Mật ong" not in featured(home(visitor))  # in stock only

    stock_receive(product=sold_out, quantity=7, by=north.manager)

    response = home(visitor)
    assert featured(response)["Mật ong"].available == 7
    assert sellers(response) == [("HTX Na Rì", 2)]  # published products, in stock or not


def test_a_new_price_shows_in_the_featured_products(visitor, north):
    product = ProductFactory(organisation=north, name="Miến dong", price=45_000)
    assert "45.000" in home(visitor).content.decode()

    catalog_services.product_update(product=product, by=north.manager, price=52_000)

    html = home(visitor).content.decode()
    assert "52.000" in html and "45.000" not in html


def test_the_top_sellers_are_active_sellers_with_the_most_products_then_by_name(visitor):
    def seller(name: str, products: int, **fields) -> Organisation:
        organisation = OrganisationFactory(name=name, **fields)
        ProductFactory.create_batch(products, organisation=organisation)
        ProductFactory(organisation=organisation, status=Product.Status.DRAFT)
        return organisation

    seller("HTX Bản Lác", 2)
    seller("HTX An Thịnh", 2)
    seller("Tổ hợp tác Cốc Đán", 3, kind=Organisation.Kind.COOPERATIVE_GROUP)
    seller("Hộ Dương Thị Mai", 0, kind=Organisation.Kind.HOUSEHOLD)
    seller("Công ty Thu Mua", 5, kind=Organisation.Kind.BUYER)  # buys: not a seller
    seller("HTX Nghỉ", 4, is_active=False)
    far = seller("HTX Xa", 1)
    ProductFactory(organisation=far, origin_commune=commune(GIA_NGHIA), category=category("che"))

    response = home(visitor)

    assert sellers(response) == [
        ("Tổ hợp tác Cốc Đán", 3),
        ("HTX An Thịnh", 2),
        ("HTX Bản Lác", 2),
        ("HTX Xa", 2),
        ("Hộ Dương Thị Mai", 0),
    ]
    # counted where each product comes from; the buyer's products count, the inactive's not
    assert by_province(response) == {"Thái Nguyên": 13, "Lâm Đồng": 1}


def test_an_order_placed_shows_in_what_is_left_to_buy_on_the_next_page(north):
    from hoaban.commerce.tests.builders import place

    anonymous = Client()  # no session: the whole-page cache answers it
    last = ProductFactory(organisation=north, name="Miến dong cuối cùng", stock=1)
    catalog_changed()
    assert "Miến dong cuối cùng" in home(anonymous).content.decode()
    assert "Miến dong cuối cùng" in home(anonymous).content.decode()  # cached
    place([(last, 1)])  # holds the last one: nothing is left to buy
    assert "Miến dong cuối cùng" not in home(anonymous).content.decode()
