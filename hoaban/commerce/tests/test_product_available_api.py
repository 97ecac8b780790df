"""The product API shows `available`: stock not held by active reservations."""

import datetime

import pytest
from django.utils import timezone

from hoaban.commerce.models import StockReservation

from .builders import place, product

pytestmark = pytest.mark.django_db


def test_product_list_and_detail_show_available(client):
    rice = product(stock=10, code="MD05")
    place([(rice, 3)])

    listed = client.get("/api/v1/products").json()["items"]
    detail = client.get("/api/v1/products/MD05").json()

    assert [(p["code"], p["stock"], p["available"]) for p in listed] == [("MD05", 10, 7)]
    assert (detail["stock"], detail["available"]) == (10, 7)


def test_expired_holds_do_not_count_in_the_api(client):
    rice = product(stock=4, code="MD05")
    place([(rice, 4)])
    assert client.get("/api/v1/products/MD05").json()["available"] == 0

    StockReservation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    assert client.get("/api/v1/products/MD05").json()["available"] == 4
