"""GET /api/v1/orders/{code} lists every payment of the order (charge, deposit, the rest,
refund), with labels in the caller's language."""

import pytest

from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.services import payment_mark_received, payment_record

from .builders import BUYER_PHONE, place, product

pytestmark = pytest.mark.django_db


def test_tracking_lists_each_payment_of_the_order_oldest_first_in_english(client):
    rice = product(stock=10)
    manager = ManagerFactory(organisation=rice.organisation).user
    order = place([(rice, 2)], payment="cod").orders[0]
    deposit = payment_record(order=order, by=manager, amount=20_000, method="cash")
    payment_mark_received(payment=deposit, by=manager)

    response = client.get(f"/api/v1/orders/{order.code}", {"phone": BUYER_PHONE, "lang": "en"})

    assert response.status_code == 200
    data = response.json()
    rows = [
        (p["kind"], p["kind_label"], p["method"], p["status"], p["status_label"], p["amount"])
        for p in data["payments"]
    ]
    assert rows == [
        (
            "charge",
            "Payment at ordering",
            "cod",
            "pending",
            "Waiting for payment",
            order.total - 20_000,
        ),
        ("deposit", "Deposit", "cash", "paid", "Paid", 20_000),
    ]
    assert data["payments"][1]["received_at"] is not None
    assert data["payments"][0]["received_at"] is None
    assert (data["payment_state"], data["payment_state_label"]) == ("partly_paid", "Partly paid")
    assert data["payment"]["amount"] == order.total - 20_000  # the charge, as before


def test_tracking_labels_the_payments_in_vietnamese_by_default(client):
    rice = product(stock=10)
    order = place([(rice, 1)], payment="cod").orders[0]

    data = client.get(f"/api/v1/orders/{order.code}", {"phone": BUYER_PHONE}).json()

    assert [(p["kind_label"], p["status_label"]) for p in data["payments"]] == [
        ("Trả khi đặt hàng", "Chờ thanh toán")
    ]
    assert data["payment_state"] == "unpaid"


def test_openapi_documents_the_payments_of_a_tracked_order(client):
    schema = client.get("/api/v1/openapi.json").json()

    ok = schema["paths"]["/api/v1/orders/{code}"]["get"]["responses"]["200"]
    ref = ok["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    properties = schema["components"]["schemas"][ref]["properties"]
    assert "payments" in properties and "payment_state" in properties
