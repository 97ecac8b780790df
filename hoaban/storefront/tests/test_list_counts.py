"""The product list's count (no search) is counted once per catalogue version: the second
visit of the same list costs only its page and its images, and a product published or
archived, or a seller stopped, shows in the next count."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.services import product_status_set
from hoaban.catalog.tests.factories import ProductFactory, category
from hoaban.orgs.tests.factories import ManagerFactory

pytestmark = pytest.mark.django_db
URL = reverse("storefront:products")


def count(client, **params) -> int:
    html = client.get(URL, params).content.decode()
    return int(re.search(r'<p class="count" role="status">(\d+)', html).group(1))


def test_the_second_visit_costs_the_page_and_its_images_only(client, django_assert_num_queries):
    ProductFactory.create_batch(3)
    client.cookies[settings.SESSION_COOKIE_NAME] = "past-the-page-cache"  # renders every time
    client.get(URL)
    with django_assert_num_queries(2):
        assert client.get(URL).status_code == 200


def test_publishing_archiving_and_stopping_a_seller_show_in_the_next_count(client):
    product = ProductFactory(status=Product.Status.DRAFT)
    ProductFactory.create_batch(2)
    manager = ManagerFactory(organisation=product.organisation).user
    assert count(client) == 2

    product_status_set(product=product, status=Product.Status.PUBLISHED, by=manager)
    assert count(client) == 3

    product_status_set(product=product, status=Product.Status.ARCHIVED, by=manager)
    assert count(client) == 2


def test_each_filter_has_its_own_count(client):
    ProductFactory.create_batch(2)
    ProductFactory(category=category("mat-ong"))
    assert count(client) == 3
    assert count(client, category="mat-ong") == 1
    assert count(client, category="gao-mien") == 2
    assert count(client) == 3
