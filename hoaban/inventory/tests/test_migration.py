"""The data migration moves each product's stock integer into the ledger, once."""

import importlib

import pytest
from django.apps import apps

from hoaban.catalog.tests.factories import ProductFactory
from hoaban.inventory.models import Location, Stock, StockMovement

pytestmark = pytest.mark.django_db
opening = importlib.import_module("hoaban.inventory.migrations.0002_opening_balances")


def test_existing_stock_becomes_a_store_row_and_an_opening_movement_once():
    rice = ProductFactory(stock=7)
    empty = ProductFactory(stock=0, organisation=rice.organisation)

    opening.forwards(apps, None)
    opening.forwards(apps, None)  # run again: nothing doubled

    store = Location.objects.get(organisation=rice.organisation)
    assert store.kind == "store"
    assert list(Stock.objects.values_list("product", "location", "quantity")) == [
        (rice.pk, store.pk, 7)
    ]
    assert list(StockMovement.objects.values_list("product", "kind", "quantity", "note")) == [
        (rice.pk, "recount", 7, opening.NOTE)
    ]
    assert not Stock.objects.filter(product=empty).exists()
