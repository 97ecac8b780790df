"""Home, list and product page stay within 50 KB (gzip) of HTML, CSS and JS on a first visit.

`bench/page.py` measures the same in Chromium; this is the quick guard in the test suite.
"""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from hoaban.catalog.tests.factories import CertificateFactory, LotFactory, ProductFactory

from .builders import image_for

pytestmark = pytest.mark.django_db

BUDGET = 50 * 1024
ASSET = re.compile(r'(?:href|src)="/static/([^"]+\.(?:css|js))"')


def first_visit_bytes(html: str) -> int:
    total = len(gzip.compress(html.encode()))
    for name in ASSET.findall(html):
        total += len(gzip.compress(open(finders.find(name), "rb").read()))  # noqa: SIM115
    return total


def test_home_list_and_product_page_fit_the_budget(client):
    products = ProductFactory.create_batch(30, is_featured=True, description="Mô tả. " * 80)
    for product in products:
        image_for(product)
    product = products[0]
    for _ in range(5):
        LotFactory(product=product)
    product.certificates.add(CertificateFactory(organisation=product.organisation))

    for url in (
        reverse("storefront:home"),
        reverse("storefront:products"),
        reverse("storefront:product", args=[product.code]),
    ):
        html = client.get(url).content.decode()
        assert first_visit_bytes(html) < BUDGET, url
