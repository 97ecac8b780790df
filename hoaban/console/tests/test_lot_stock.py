"""Recording a lot adds its quantity to the stock (a receipt), unless the manager unticks it."""

import pytest
from django.conf import settings
from django.urls import reverse

from hoaban.catalog.models import Lot
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.inventory.models import StockMovement
from hoaban.inventory.services import stock_receive
from hoaban.orgs.tests.factories import ManagerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return ManagerFactory()


@pytest.fixture
def product(manager):
    product = ProductFactory(organisation=manager.organisation, stock=0)
    stock_receive(product=product, quantity=10, by=manager.user)
    return product


def lots_url(client, manager, lang: str) -> str:
    client.force_login(manager.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return reverse("console:lots", kwargs={"slug": manager.organisation.slug})


def post(client, manager, product, lang="vi", **extra):
    url = lots_url(client, manager, lang)
    data = {"product": product.pk, "produced_on": "2026-11-20", "quantity": "40", **extra}
    return client.post(url, data, follow=True)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("vi", "đã thêm 40 vào kho"), ("en", "40 added to the stock")],
)
def test_a_lot_with_add_to_stock_is_received_in_the_ledger(client, manager, product, lang, said):
    response = post(client, manager, product, lang, add_to_stock="on")

    lot = Lot.objects.get(product=product)
    product.refresh_from_db()
    assert product.stock == 50
    receipt = StockMovement.objects.filter(product=product).order_by("-pk").first()
    assert (receipt.kind, receipt.quantity, receipt.note) == ("receipt", 40, lot.code)
    assert said in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "said"),
    [("vi", "số lượng trong kho không đổi"), ("en", "the stock is unchanged")],
)
def test_a_lot_without_add_to_stock_leaves_the_stock_and_says_so(
    client, manager, product, lang, said
):
    response = post(client, manager, product, lang)  # the box unticked: not sent

    assert Lot.objects.filter(product=product, quantity=40).exists()
    product.refresh_from_db()
    assert product.stock == 10
    assert StockMovement.objects.filter(product=product).count() == 1
    assert said in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "label"),
    [("vi", "Cộng số lượng này vào kho"), ("en", "Add this quantity to the stock")],
)
def test_the_lot_form_offers_add_to_stock_ticked(client, manager, product, lang, label):
    url = lots_url(client, manager, lang)

    html = client.get(url).content.decode()

    assert label in html
    assert 'name="add_to_stock"' in html
    box = html.split('name="add_to_stock"')[1].split(">")[0]
    assert "checked" in box


def test_a_bad_lot_adds_nothing_to_the_stock(client, manager, product):
    response = post(client, manager, product, add_to_stock="on", quantity="0")

    assert response.status_code == 200
    assert not Lot.objects.exists()
    product.refresh_from_db()
    assert product.stock == 10
