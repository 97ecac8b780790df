"""The admin pages of the pipeline open (support staff read orders there)."""

import pytest
from django.urls import reverse

from hoaban.catalog.tests.factories import UserFactory

from .builders import place, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "model",
    ["order", "stockreservation", "channel", "channellisting", "review", "idempotencyrecord"],
)
def test_changelists_open(staff_client, model):
    place([(product(stock=5), 1)], payment="vietqr")
    response = staff_client.get(reverse(f"admin:commerce_{model}_changelist"))
    assert response.status_code == 200


def test_order_page_is_read_only_and_orders_cannot_be_added(staff_client):
    order = place([(product(stock=5), 1)], payment="vietqr").orders[0]
    response = staff_client.get(reverse("admin:commerce_order_change", args=[order.pk]))
    assert response.status_code == 200
    assert order.code in response.content.decode()
    assert staff_client.get(reverse("admin:commerce_order_add")).status_code == 403
