"""One bound per quantity (core.bounds), the same in forms, services, models, the database and the
API (issue 6: integers beyond the columns were a 500 on PostgreSQL; the two stock forms
disagreed; a price could make an order total overflow)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from hoaban.catalog import services as catalog_services
from hoaban.catalog.forms import LotForm, ProductForm
from hoaban.catalog.forms import StockForm as CatalogStockForm
from hoaban.catalog.models import Lot, Product
from hoaban.catalog.tests.factories import LotFactory, ProductFactory, category
from hoaban.commerce.errors import InvalidOrder
from hoaban.commerce.models import IdempotencyRecord, Order, StockReservation
from hoaban.commerce.services import DeliveryInput, placement
from hoaban.commerce.tests.builders import place, product
from hoaban.console.forms import StockForm as ShopStockForm
from hoaban.core import bounds
from hoaban.core.errors import ServiceError
from hoaban.inventory import services as inventory_services
from hoaban.orgs import services as orgs_services
from hoaban.orgs.forms import ImprovementForm
from hoaban.orgs.models import Improvement
from hoaban.orgs.tests.factories import ManagerFactory
from hoaban.orgs.tests.helpers import in_both_languages

pytestmark = pytest.mark.django_db

PRICE = {
    "vi": "Giá quá cao: tối đa 1.000.000.000 ₫. Vui lòng kiểm tra lại số chữ số 0.",
    "en": "The price is too high: at most 1.000.000.000 ₫. Check the number of zeros.",
}
STOCK = {
    "vi": "Số lượng trong kho quá lớn: tối đa 10.000.000.",
    "en": "The quantity in stock is too large: at most 10.000.000.",
}


def test_the_largest_order_fits_the_columns():
    most = bounds.MAX_ORDER_LINES * bounds.MAX_ORDER_LINE_QUANTITY

    assert most * bounds.MAX_PRICE_VND + bounds.MAX_SHIPPING_FEE_VND <= bounds.BIGINT_MAX
    assert most <= bounds.INT_MAX  # an order line's quantity after merging lines
    assert bounds.MAX_STOCK <= bounds.INT_MAX
    assert bounds.MAX_ORDER_TOTAL_VND < 10**13  # a VietQR amount has at most 13 digits


def form_error(form_class, data: dict, field: str, language: str, **kwargs) -> str:
    with translation.override(language):
        form = form_class(data, **kwargs)
        assert not form.is_valid()
        return str(form.errors[field][0])


def test_the_two_stock_forms_agree_on_the_bound_and_its_words():
    for form_class in (CatalogStockForm, ShopStockForm):
        data = {"product": "MD05", "stock": str(bounds.MAX_STOCK + 1)}
        assert form_error(form_class, data, "stock", "vi") == STOCK["vi"]
        assert form_error(form_class, data, "stock", "en") == STOCK["en"]
        assert form_class({"product": "MD05", "stock": str(bounds.MAX_STOCK)}).is_valid()


@pytest.mark.parametrize("typed", ["1000000001", "10" + "0" * 30, str(2**63)])
def test_the_product_form_refuses_a_price_beyond_the_bound(typed):
    organisation = ManagerFactory().organisation
    data = {"name": "Miến", "category": category().pk, "unit": "kg", "price": typed}

    message = form_error(ProductForm, data, "price", "en", organisation=organisation, creating=True)

    assert message == PRICE["en"]


def test_the_product_form_refuses_weight_beyond_the_bound():
    organisation = ManagerFactory().organisation
    data = {"weight_grams": "1.000.001"}

    message = form_error(
        ProductForm, data, "weight_grams", "vi", organisation=organisation, creating=True
    )

    assert message == "Khối lượng quá lớn: tối đa 1.000.000 g (1 tấn)."


def test_the_lot_and_improvement_forms_refuse_numbers_beyond_the_bound():
    organisation = ManagerFactory().organisation

    lot = form_error(LotForm, {"quantity": str(2**63)}, "quantity", "en", organisation=organisation)
    cost = form_error(ImprovementForm, {"cost": str(10**30)}, "cost", "en")
    negative = form_error(ImprovementForm, {"cost": "-1"}, "cost", "vi")

    assert lot == "The quantity of a lot is too large: at most 10.000.000."
    assert cost == "The cost is too high: at most 1.000.000.000.000 ₫. Check the number of zeros."
    assert negative == "Chi phí không được âm."


def test_services_refuse_numbers_beyond_the_bound_and_change_nothing():
    manager = ManagerFactory()
    organisation, user = manager.organisation, manager.user
    rice = ProductFactory(organisation=organisation, price=45_000, stock=7)

    price = in_both_languages(
        lambda: catalog_services.product_update(
            product=rice, by=user, price=bounds.MAX_PRICE_VND + 1
        )
    )
    stock = in_both_languages(
        lambda: inventory_services.stock_recount(
            product=rice, counted=2**63, by=user, held=lambda ids: {}
        )
    )
    received = in_both_languages(  # the total would pass the bound: refused as well
        lambda: inventory_services.stock_receive(product=rice, quantity=bounds.MAX_STOCK, by=user)
    )
    with pytest.raises(ServiceError):
        catalog_services.product_create(
            organisation=organisation, by=user, name="Mật ong", price=10**30
        )
    with pytest.raises(ServiceError) as lot:
        catalog_services.lot_create(
            product=rice, produced_on=datetime.date(2026, 1, 1), quantity=10**30, by=user
        )
    with pytest.raises(ServiceError) as cost:
        orgs_services.improvement_add(
            organisation=organisation,
            date=datetime.date(2026, 1, 1),
            area=Improvement.Area.PACKAGING,
            description="Bao bì mới",
            by=user,
            cost=bounds.MAX_COST_VND + 1,
        )

    assert price == PRICE
    assert stock == received == STOCK
    assert lot.value.field == "quantity"
    assert cost.value.field == "cost"
    rice.refresh_from_db()
    assert (rice.price, rice.stock) == (45_000, 7)
    assert Product.objects.count() == 1
    assert not Lot.objects.exists()
    assert not Improvement.objects.exists()


def test_the_model_and_the_database_hold_the_bound_too():
    rice = ProductFactory(price=45_000)
    rice.price = bounds.MAX_PRICE_VND + 1

    with pytest.raises(ValidationError) as caught:
        rice.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=rice.pk).update(stock=bounds.MAX_STOCK + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Lot.objects.filter(pk=LotFactory().pk).update(quantity=bounds.MAX_LOT_QUANTITY + 1)

    assert caught.value.message_dict["price"] == [PRICE["vi"]]


def nothing_placed() -> bool:
    return not (
        Order.objects.exists()
        or StockReservation.objects.exists()
        or IdempotencyRecord.objects.exists()
    )


def test_an_order_total_beyond_the_bound_is_refused_with_a_clear_message(monkeypatch):
    # The bounds make the real limit unreachable through quantity caps; lower it to see it work.
    monkeypatch.setattr(placement, "MAX_ORDER_TOTAL_VND", 100_000)
    rice = product(stock=10, price=45_000)

    with translation.override("en"), pytest.raises(InvalidOrder) as english:
        place([(rice, 3)])
    with translation.override("vi"), pytest.raises(InvalidOrder) as vietnamese:
        place([(rice, 3)])

    assert english.value.errors == {
        "lines": "This order comes to more than 9.999.999.999.999 ₫. "
        "Please split it into smaller orders."
    }
    assert vietnamese.value.errors == {
        "lines": "Đơn hàng này vượt quá 9.999.999.999.999 ₫. Vui lòng chia thành các đơn nhỏ hơn."
    }
    assert nothing_placed()


def test_a_shipping_fee_beyond_the_bound_is_refused(settings):
    settings.COMMERCE_SELLER_DELIVERY_FEE = bounds.MAX_SHIPPING_FEE_VND + 1
    rice = product(stock=10)

    with translation.override("vi"), pytest.raises(InvalidOrder) as caught:
        place([(rice, 1)])

    message = "Phí giao hàng quá cao: tối đa 100.000.000 ₫."
    assert caught.value.errors == {"delivery.method": message}
    assert nothing_placed()


def test_a_deeply_nested_carrier_address_is_refused_not_a_recursion_error():
    rice = product(stock=10)
    address: object = "Nà Lạn"
    for _level in range(5_000):
        address = {"ward": address}

    with translation.override("vi"), pytest.raises(InvalidOrder) as caught:
        place([(rice, 1)], delivery=DeliveryInput(method="pickup", carrier_address=address))

    assert caught.value.errors == {
        "body": "Đơn hàng có dữ liệu lồng nhau quá sâu. Vui lòng gửi giá trị đơn giản."
    }
    assert nothing_placed()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("offset=9223372036854775808", 422),
        ("offset=99999999999999999999", 422),
        ("offset=1000001", 422),
        ("offset=-1", 422),
        ("limit=101", 422),
        ("limit=0", 422),
        ("offset=1000000&limit=100", 200),
    ],
)
def test_api_offset_and_limit_are_bounded(client, query, status):
    ProductFactory()

    response = client.get(f"/api/v1/products?{query}")

    assert response.status_code == status
    if status == 422:
        assert response.json()["code"] == "invalid_field"
        assert list(response.json()["errors"]) == [query.split("=")[0].split("&")[0]]
