"""Carriers: built-ins, and GHN against recorded answers (a fake transport; no internet)."""

import json
from pathlib import Path

import pytest

from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.models import Order
from hoaban.commerce.services import order_confirm, order_pack, order_ship_with_carrier
from hoaban.commerce.shipping import (
    GHN,
    CarrierError,
    Parcel,
    Pickup,
    SellerDelivers,
    carriers_enabled,
)
from hoaban.commerce.shipping.ghn import SANDBOX_URL

from .builders import DeliveryInput, place, product

RECORDINGS = Path(__file__).parent / "recordings"
HANOI_ADDRESS = {"district_id": 1530, "ward_code": "130108"}


def recorded(name: str) -> dict:
    return json.loads((RECORDINGS / f"{name}.json").read_text())


class FakeTransport:
    """Answers with recordings and remembers what was sent."""

    def __init__(self, *answers: str):
        self.answers = list(answers)
        self.sent: list[tuple[str, dict, dict]] = []

    def __call__(self, url, headers, body):
        self.sent.append((url, headers, body))
        return recorded(self.answers.pop(0))


def ghn(*answers):
    transport = FakeTransport(*answers)
    return GHN(token="tok-123", shop_id="885", base_url=SANDBOX_URL, transport=transport), transport


PARCEL = Parcel(
    order_code="HB-7K3Q2",
    to_name="Nguyễn Thị Lan",
    to_phone="0912345678",
    to_address="Thôn Nà Lạn, Xã Na Rì, Thái Nguyên",
    weight_grams=1000,
    cod_amount=90_000,
    insurance_value=90_000,
    items=[{"name": "Miến dong", "code": "MD05", "quantity": 2}],
    carrier_address=HANOI_ADDRESS,
)


def test_builtin_carriers_are_free_by_default():
    assert SellerDelivers().quote(weight_grams=1000).fee == 0
    assert SellerDelivers(15_000).quote(weight_grams=1000).fee == 15_000
    assert Pickup().quote(weight_grams=1000).fee == 0
    assert SellerDelivers().create_shipment(PARCEL).tracking_code == ""


def test_ghn_is_off_without_credentials(settings, monkeypatch):
    monkeypatch.delenv("GHN_TOKEN", raising=False)
    monkeypatch.delenv("GHN_SHOP_ID", raising=False)
    assert set(carriers_enabled()) == {"seller", "pickup"}
    settings.GHN_TOKEN, settings.GHN_SHOP_ID = "tok", "885"
    assert set(carriers_enabled()) == {"seller", "pickup", "ghn"}


def test_ghn_unconfigured_refuses_to_call():
    carrier = GHN(token="", shop_id="", transport=FakeTransport())
    with pytest.raises(CarrierError, match="not configured"):
        carrier.quote(weight_grams=500, carrier_address=HANOI_ADDRESS)


def test_ghn_fee_quote():
    carrier, transport = ghn("ghn_fee_ok")
    quote = carrier.quote(weight_grams=1000, carrier_address=HANOI_ADDRESS, insurance_value=90_000)

    assert (quote.carrier, quote.fee) == ("ghn", 36_300)
    url, headers, body = transport.sent[0]
    assert url == SANDBOX_URL + "/v2/shipping-order/fee"
    assert headers == {"Token": "tok-123", "ShopId": "885"}
    assert body["to_district_id"] == 1530
    assert body["to_ward_code"] == "130108"
    assert (body["weight"], body["insurance_value"], body["service_type_id"]) == (1000, 90_000, 2)


def test_ghn_create_shipment():
    carrier, transport = ghn("ghn_create_ok")
    created = carrier.create_shipment(PARCEL)

    assert (created.tracking_code, created.fee) == ("LBK6RN", 33_000)
    url, _headers, body = transport.sent[0]
    assert url.endswith("/v2/shipping-order/create")
    assert body["client_order_code"] == "HB-7K3Q2"
    assert (body["payment_type_id"], body["cod_amount"]) == (2, 90_000)
    assert body["required_note"] == "CHOXEMHANGKHONGTHU"
    assert body["items"] == [{"name": "Miến dong", "code": "MD05", "quantity": 2}]


def test_ghn_status():
    carrier, _transport = ghn("ghn_detail_ok")
    assert carrier.status("LBK6RN").status == "delivering"


def test_ghn_refusal_is_a_carrier_error():
    carrier, _transport = ghn("ghn_create_bad_ward")
    with pytest.raises(CarrierError, match="WARD|phường"):
        carrier.create_shipment(PARCEL)


def test_ghn_needs_the_pre_2025_address_levels():
    carrier, transport = ghn("ghn_fee_ok")
    with pytest.raises(CarrierError, match="district id and ward code"):
        carrier.quote(weight_grams=500, carrier_address={})
    assert transport.sent == []


@pytest.mark.django_db
def test_ship_an_order_with_ghn():
    rice = product(stock=10, weight_grams=500)
    manager = ManagerFactory(organisation=rice.organisation).user
    delivery = DeliveryInput(
        method="ship", address="Thôn Nà Lạn", commune=2155, carrier_address=HANOI_ADDRESS
    )
    order = place([(rice, 2)], delivery=delivery).orders[0]
    order = order_pack(order=order_confirm(order=order, by=manager), by=manager)
    carrier, transport = ghn("ghn_create_ok")

    order = order_ship_with_carrier(order=order, by=manager, carrier=carrier)

    assert order.status == Order.Status.SHIPPED
    shipment = order.shipments.get()
    assert (shipment.carrier, shipment.tracking_code, shipment.fee) == ("ghn", "LBK6RN", 33_000)
    body = transport.sent[0][2]
    assert body["to_phone"] == "0912345678"
    assert body["cod_amount"] == order.total
    assert body["weight"] == 1000
    assert body["to_district_id"] == 1530


@pytest.mark.django_db
def test_refused_booking_leaves_the_order_packed():
    rice = product(stock=10)
    manager = ManagerFactory(organisation=rice.organisation).user
    order = place([(rice, 1)]).orders[0]
    order = order_pack(order=order_confirm(order=order, by=manager), by=manager)
    carrier, _transport = ghn("ghn_create_bad_ward")

    with pytest.raises(CarrierError):
        order_ship_with_carrier(order=order, by=manager, carrier=carrier)
    assert Order.objects.get(pk=order.pk).status == Order.Status.PACKED
