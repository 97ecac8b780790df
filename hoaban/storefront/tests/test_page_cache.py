"""The cached public pages (storefront.page_cache): a change shows on the next page, and no
visitor ever gets another's CSRF token, nonce, basket or login."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoaban.catalog import services as catalog_services
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.commerce.models import Channel, ChannelListing
from hoaban.core.pagecache import CatalogChangeAdmin, catalog_changed, catalog_version
from hoaban.inventory.services import stock_receive
from hoaban.orgs.services import organisation_update
from hoaban.orgs.tests.factories import ManagerFactory

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'<style nonce="([^"]+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def product():
    manager = ManagerFactory()
    product = ProductFactory(
        organisation=manager.organisation, name="Miến dong Na Rì", price=45_000, is_featured=True
    )
    product.manager = manager.user
    return product


def pages(product) -> dict[str, str]:
    return {
        "home": reverse("storefront:home"),
        "products": reverse("storefront:products"),
        "search": reverse("storefront:products") + "?q=mien",
        "product": reverse("storefront:product", args=[product.code]),
    }


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def warm(client, product) -> None:
    for url in pages(product).values():
        html(client, url)


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, product):
    for url in pages(product).values():
        first = html(Client(), url)
        with CaptureQueriesContext(connection) as queries:
            second = html(Client(), url)
        assert len(queries) == 0, url
        assert TOKEN.sub("", NONCE.sub("", first)) == TOKEN.sub("", NONCE.sub("", second))


@pytest.mark.parametrize("name", ["home", "products", "search", "product"])
def test_a_new_price_shows_on_the_next_page(client, product, name):
    url = pages(product)[name]
    assert "45.000" in html(client, url)

    catalog_services.product_update(product=product, by=product.manager, price=52_000)

    page = html(client, url)
    assert "52.000" in page and "45.000" not in page


@pytest.mark.parametrize("name", ["home", "products", "search", "product"])
def test_a_new_name_shows_on_the_next_page(client, product, name):
    url = pages(product)[name]
    html(client, url)

    catalog_services.product_update(product=product, by=product.manager, name="Miến dong Ba Bể")

    assert "Miến dong Ba Bể" in html(client, url)


@pytest.mark.parametrize("name", ["home", "products", "product"])
def test_a_new_seller_name_shows_on_the_next_page(client, product, name):
    url = pages(product)[name]
    html(client, url)

    organisation_update(
        organisation=product.organisation, by=product.manager, name="HTX Nông sản Ba Bể"
    )

    assert "HTX Nông sản Ba Bể" in html(client, url)


def test_new_stock_shows_on_the_next_product_page(client, product):
    url = pages(product)["product"]
    assert "Còn 50 " in html(client, url)

    stock_receive(product=product, quantity=7, by=product.manager)

    page = html(client, url)
    assert "Còn 57 " in page and 'max="57"' in page


def test_a_product_taken_off_sale_leaves_the_cached_list_and_its_page(client, product):
    warm(client, product)

    catalog_services.product_status_set(product=product, status="draft", by=product.manager)

    assert "Miến dong Na Rì" not in html(client, pages(product)["products"])
    assert client.get(pages(product)["product"]).status_code == 404


def test_a_channel_price_saved_in_the_admin_shows_on_the_next_page(client, product, rf):
    from django.contrib import admin

    url = pages(product)["product"]
    html(client, url)
    listing = ChannelListing(product=product, channel=Channel.objects.get(code="eco"), price=61_000)
    model_admin = admin.site._registry[ChannelListing]
    assert isinstance(model_admin, CatalogChangeAdmin)

    model_admin.save_model(rf.post("/"), listing, form=None, change=False)

    assert "61.000" in html(client, url)


def test_the_version_is_bumped_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    before = catalog_version()
    with django_capture_on_commit_callbacks(execute=True):
        catalog_changed()
        at_once = catalog_version()
        assert at_once != before
    assert catalog_version() not in (before, at_once)  # and again after the commit


def test_a_change_made_by_another_process_shows_on_the_next_page(client, product):
    """Without Redis each process has its own cache: the version is shared through a file."""
    import subprocess
    import sys

    url = pages(product)["product"]
    html(client, url)
    before = catalog_version()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from hoaban.core.pagecache import _bump; _bump()",
        ],
        check=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "hoaban.settings"},
    )

    assert catalog_version() != before
    Product = type(product)
    Product.objects.filter(pk=product.pk).update(name="Đổi bởi tiến trình khác")
    assert "Đổi bởi tiến trình khác" in html(client, url)


def test_with_redis_the_version_is_a_cache_key(settings):
    from hoaban.core import pagecache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert pagecache.version_file() is None


def test_no_two_visitors_share_a_csrf_token_or_a_nonce(product):
    for url in pages(product).values():
        seen = []
        for _ in range(3):
            client = Client(enforce_csrf_checks=True)
            response = client.get(url)
            page = response.content.decode()
            nonce = NONCE.search(page).group(1)
            assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
            tokens = set(TOKEN.findall(page))
            assert len(tokens) == 1 and "\x00" not in page
            seen.append((nonce, tokens.pop()))
            # the token in the cached page works for this visitor's own cookie
            posted = client.post(
                reverse("set_language"),
                {"language": "en", "next": "/", "csrfmiddlewaretoken": seen[-1][1]},
            )
            assert posted.status_code == 302
        assert len({nonce for nonce, _ in seen}) == 3
        assert len({token for _, token in seen}) == 3


def test_a_basket_and_a_login_are_never_shared(client, product):
    warm(Client(), product)
    url = pages(product)["product"]
    page = html(client, url)
    token = TOKEN.search(page).group(1)
    client.post(
        reverse("shop:cart_add"),
        {"csrfmiddlewaretoken": token, "product": product.code, "quantity": "2"},
    )
    shopper = Client()
    shopper.force_login(product.manager)

    mine = html(client, url)
    logged_in = html(shopper, url)
    stranger = html(Client(), url)

    assert '<span class="n">2</span>' in mine
    assert '<span class="n">' not in stranger and '<span class="n">' not in logged_in
    assert reverse("accounts:logout") in logged_in
    assert reverse("accounts:logout") not in stranger and reverse("accounts:logout") not in mine
    assert reverse("accounts:login") in stranger


def test_the_basket_shows_the_new_price_at_once(client, product):
    page = html(client, pages(product)["product"])
    client.post(
        reverse("shop:cart_add"),
        {
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
            "product": product.code,
            "quantity": "1",
        },
    )
    assert "45.000" in html(client, reverse("shop:cart"))

    catalog_services.product_update(product=product, by=product.manager, price=52_000)

    assert "52.000" in html(client, reverse("shop:cart"))
