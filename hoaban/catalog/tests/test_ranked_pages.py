"""A search's pages (queries.RankedPages): product_search's order read rank by rank, at most
SEARCH_RESULTS_MAX products, every page from the same ids; `name_text` kept in step."""

import pytest
from django.apps import apps
from django.core.paginator import Paginator

from hoaban.catalog import queries
from hoaban.catalog.models import Product
from hoaban.catalog.queries import RankedPages, product_search
from hoaban.catalog.services import product_update
from hoaban.catalog.tests.factories import ProductFactory, category
from hoaban.core.text import search_terms
from hoaban.orgs.tests.factories import ManagerFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def pages(q: str, **filters) -> RankedPages:
    return RankedPages(product_search(**filters), search_terms(q))


def names(products) -> list[str]:
    return [p.name for p in products]


@pytest.fixture
def catalogue():
    """By name (3, one featured), by description (2, one featured), by seller only (3, one
    featured), and two that do not match."""
    noodles = OrganisationFactory(name="HTX Nông sản Bình Liêu")
    seller = OrganisationFactory(name="HTX Miến Dong Côn Minh")
    ProductFactory(organisation=seller, name="An trà shan tuyết", category=category("che"))
    ProductFactory(
        organisation=seller, name="Bánh thổ cẩm", category=category("tho-cam"), is_featured=True
    )
    ProductFactory(organisation=seller, name="Cà phê", category=category("ca-phe"))
    ProductFactory(
        organisation=noodles,
        name="Tinh bột nghệ",
        category=category("gia-vi"),
        description="Không phải miến dong.",
    )
    ProductFactory(
        organisation=noodles,
        name="Đậu đen",
        category=category("hat"),
        description="Nấu cùng miến dong.",
        is_featured=True,
    )
    ProductFactory(organisation=noodles, name="Miến dong Bình Liêu")
    ProductFactory(organisation=noodles, name="Sợi miến dong đặc biệt", is_featured=True)
    ProductFactory(organisation=noodles, name="Bún miến dong")
    ProductFactory(organisation=noodles, name="Ong mật hoa ban", category=category("mat-ong"))
    ProductFactory(organisation=noodles, name="Miến gạo")


RANKED = [
    # every word in the name: featured first, then by name
    "Sợi miến dong đặc biệt",
    "Bún miến dong",
    "Miến dong Bình Liêu",
    # in the product's own text (its description)
    "Đậu đen",
    "Tinh bột nghệ",
    # only through the cooperative's name
    "Bánh thổ cẩm",
    "An trà shan tuyết",
    "Cà phê",
]


def test_the_pages_keep_the_ranked_order_name_then_own_text_then_seller(catalogue):
    results = pages("mien dong")

    assert results.count() == 8 and not results.more
    assert names(results[0:8]) == RANKED
    assert names(product_search(q="mien dong")) == RANKED  # the same order as one query


@pytest.mark.parametrize("per_page", [1, 2, 3, 5])
def test_consecutive_pages_skip_and_repeat_no_product(catalogue, per_page):
    paginator = Paginator(pages("mien dong"), per_page)

    shown = [name for n in paginator.page_range for name in names(paginator.page(n))]

    assert shown == RANKED


def test_more_than_the_maximum_is_counted_as_more_and_only_that_many_are_offered(
    catalogue, monkeypatch
):
    monkeypatch.setattr(queries, "SEARCH_RESULTS_MAX", 4)
    results = pages("mien dong")
    paginator = Paginator(results, 3)

    assert results.more and results.count() == 4
    assert paginator.num_pages == 2
    assert names(paginator.page(1)) == RANKED[:3]
    assert names(paginator.page(2)) == RANKED[3:4]  # the 4th, not the 5th
    assert names(paginator.get_page(3)) == RANKED[3:4]  # beyond: the last page offered
    assert results[4:8] == []


def test_exactly_the_maximum_is_not_more(catalogue, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_RESULTS_MAX", 8)
    results = pages("mien dong")

    assert results.count() == 8 and not results.more


def test_the_ranks_are_read_one_query_each_and_stop_when_enough(
    catalogue, monkeypatch, django_assert_num_queries
):
    with django_assert_num_queries(4):  # rank 0, 1, the sellers, 2: fewer than the maximum
        pages("mien dong").count()
    monkeypatch.setattr(queries, "SEARCH_RESULTS_MAX", 2)
    with django_assert_num_queries(1):  # the names alone give more than the maximum
        assert pages("mien dong").more


def test_a_search_with_filters_still_filters(catalogue):
    ProductFactory(name="Miến dong OCOP", ocop_stars=4, category=category("hat"))

    assert names(pages("mien dong", category="hat")[0:9]) == ["Miến dong OCOP", "Đậu đen"]
    assert names(pages("mien dong", ocop=4)[0:9]) == ["Miến dong OCOP"]
    in_thai_nguyen = names(pages("mien dong", province=19)[0:9])  # every product here is
    assert in_thai_nguyen == [*RANKED[:3], "Miến dong OCOP", *RANKED[3:]]
    assert pages("mien dong", province=68).count() == 0


def test_a_draft_or_an_inactive_seller_is_not_found(catalogue):
    ProductFactory(name="Miến dong nháp", status=Product.Status.DRAFT)
    ProductFactory(name="Miến dong cũ", organisation=OrganisationFactory(is_active=False))

    assert names(pages("mien dong")[0:20]) == RANKED


def test_a_code_matches_like_a_name(catalogue):
    ProductFactory(name="Nếp cái hoa vàng", code="MIEN1", category=category("hat"))

    assert names(pages("mien")[0:3]) == [
        "Sợi miến dong đặc biệt",
        "Bún miến dong",
        "Miến dong Bình Liêu",
    ]
    assert "Nếp cái hoa vàng" in names(pages("mien")[0:6])


def test_name_text_follows_the_name_and_code():
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation)
    product = ProductFactory(organisation=organisation, name="Mật ong", code="MO01")
    assert Product.objects.get(pk=product.pk).name_text == "mat ong mo01"

    product_update(product=product, by=manager.user, name="Miến dong", name_en="Glass noodles")

    assert Product.objects.get(pk=product.pk).name_text == "mien dong glass noodles mo01"
    assert names(pages("noodles")[0:1]) == ["Miến dong"]


def test_the_migration_fills_name_text_from_the_search_text():
    from importlib import import_module

    migration = import_module("hoaban.catalog.migrations.0008_product_name_text")
    product = ProductFactory(name="Chè Shan tuyết", code="CS01")
    Product.objects.filter(pk=product.pk).update(name_text="")
    without_end = ProductFactory(name="Mật ong", code="MO01")
    Product.objects.filter(pk=without_end.pk).update(name_text="", search_text="")

    migration.fill_name_text(apps, None)

    assert Product.objects.get(pk=product.pk).name_text == "che shan tuyet cs01"
    assert Product.objects.get(pk=without_end.pk).name_text == "mat ong mo01"


def test_the_seller_rank_matches_each_word_in_the_product_or_its_seller(catalogue):
    # "binh lieu" in one name, else only in a seller's name; "mien" in the products' texts
    assert names(pages("binh lieu mien")[0:9]) == [
        "Miến dong Bình Liêu",
        "Sợi miến dong đặc biệt",
        "Đậu đen",
        "Bún miến dong",
        "Miến gạo",
        "Tinh bột nghệ",
    ]
    # every word through the seller (and "con" in "thủ công" too): its products alone
    assert names(pages("con minh")[0:9]) == ["Bánh thổ cẩm", "An trà shan tuyết", "Cà phê"]
