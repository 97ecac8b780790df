"""OCOP stars are computed from the certificates valid today, never stored: an expired
certificate drops them on the day after it ends, with no job having to run."""

import datetime

import pytest
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.queries import product_search
from hoaban.orgs.tests.factories import CertificateFactory

from .factories import ProductFactory

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.date(2026, 12, 1)  # frozen_clock: 2026-12-01 09:00 in Hà Nội


def product_with_certificate_ending(day, kind="ocop4", **fields) -> Product:
    product = ProductFactory(**fields)
    product.certificates.add(
        CertificateFactory(
            organisation=product.organisation,
            kind=kind,
            issued_on=day - datetime.timedelta(days=365),
            expires_on=day,
        )
    )
    return product


def test_stars_count_on_the_certificates_last_day_and_drop_the_day_after(frozen_clock, client):
    # given a product whose OCOP 4★ certificate ends today
    product = product_with_certificate_ending(LAST_DAY, name="Miến dong")
    # then today it has 4 stars in the search, the API and on a plain instance
    assert [p.ocop_stars for p in product_search(ocop=4)] == [4]
    assert client.get("/api/v1/products", {"ocop": 4}).json()["items"][0]["ocop_stars"] == 4
    assert Product.objects.get(pk=product.pk).ocop_stars == 4
    # when the day passes (no job runs)
    frozen_clock.advance(days=1)
    # then the stars are gone everywhere
    assert list(product_search(ocop=3)) == []
    assert [p.ocop_stars for p in product_search()] == [0]
    assert client.get("/api/v1/products", {"ocop": 3}).json()["items"] == []
    assert client.get(f"/api/v1/products/{product.code}").json()["ocop_stars"] == 0
    assert Product.objects.get(pk=product.pk).ocop_stars == 0
    page = client.get(reverse("storefront:product", args=[product.code])).content.decode()
    assert 'class="stars"' not in page
    assert "OCOP 4 sao" not in page  # nor the expired certificate "valid until" yesterday


def test_the_highest_valid_certificate_wins_and_a_future_one_does_not_count(frozen_clock):
    # given a valid 3★, an expired 5★ and a 4★ issued tomorrow
    product = product_with_certificate_ending(LAST_DAY + datetime.timedelta(days=30), "ocop3")
    org = product.organisation
    product.certificates.add(
        CertificateFactory(
            organisation=org,
            kind="ocop5",
            issued_on=datetime.date(2023, 1, 1),
            expires_on=LAST_DAY - datetime.timedelta(days=1),
        ),
        CertificateFactory(
            organisation=org, kind="ocop4", issued_on=LAST_DAY + datetime.timedelta(days=1)
        ),
    )
    # then it has 3 stars today and 4 tomorrow
    assert Product.objects.with_ocop_stars().get(pk=product.pk).ocop_stars == 3
    frozen_clock.advance(days=1)
    assert Product.objects.with_ocop_stars().get(pk=product.pk).ocop_stars == 4


def test_a_certificate_of_no_stars_gives_none(frozen_clock):
    product = product_with_certificate_ending(LAST_DAY, "vietgap")
    assert Product.objects.with_ocop_stars().get(pk=product.pk).ocop_stars == 0


def test_the_admin_shows_computed_stars_read_only_and_filters_by_them(client, frozen_clock):
    from hoaban.orgs.tests.factories import UserFactory

    # given a 4★ product, a product with none, and a superuser
    starred = product_with_certificate_ending(LAST_DAY, name="Bốn sao")
    ProductFactory(name="Không sao")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:catalog_product_changelist")
    # then the list filters on the computed stars
    assert [p.name for p in client.get(url, {"ocop": "4"}).context["cl"].result_list] == ["Bốn sao"]
    frozen_clock.advance(days=1)
    assert list(client.get(url, {"ocop": "4"}).context["cl"].result_list) == []
    # and on the change page stars and search text are not editable fields
    form = (
        client.get(reverse("admin:catalog_product_change", args=[starred.pk]))
        .context["adminform"]
        .form
    )
    assert "stars" not in form.fields and "search_text" not in form.fields


def test_the_stars_filter_counts_only_a_valid_certificate_and_lists_a_product_once(
    frozen_clock,
):
    # a valid 3★ and an expired 5★: 3 stars, found once by "at least 3", not by "at least 4"
    product = product_with_certificate_ending(LAST_DAY, kind="ocop3", name="Chè")
    product.certificates.add(
        CertificateFactory(
            organisation=product.organisation,
            kind="ocop5",
            issued_on=LAST_DAY - datetime.timedelta(days=900),
            expires_on=LAST_DAY - datetime.timedelta(days=1),
        ),
        CertificateFactory(organisation=product.organisation, kind="ocop3"),
    )

    assert [(p.name, p.ocop_stars) for p in product_search(ocop=3)] == [("Chè", 3)]
    assert list(product_search(ocop=4)) == []
    assert [p.name for p in product_search(q="che", ocop=3)] == ["Chè"]
