"""Search ranks: name and code first, then the product's other texts, then its seller."""

import pytest

from hoaban.catalog.queries import product_search
from hoaban.catalog.tests.factories import ProductFactory, category
from hoaban.orgs.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def names(**filters) -> list[str]:
    return [p.name for p in product_search(**filters)]


@pytest.fixture
def catalogue():
    """Two miến dong by name (one of them featured), one by its description, and three that
    match "mien dong" only through their cooperative's name."""
    noodles = OrganisationFactory(name="HTX Nông sản Bình Liêu")
    seller = OrganisationFactory(name="HTX Miến Dong Côn Minh")
    # Named first in the alphabet: the former order alone would put them on top.
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
    ProductFactory(organisation=noodles, name="Miến dong Bình Liêu")
    ProductFactory(organisation=noodles, name="Sợi miến dong đặc biệt", is_featured=True)
    ProductFactory(organisation=noodles, name="Ong mật hoa ban", category=category("mat-ong"))


def test_name_matches_come_first_then_description_then_the_seller(catalogue):
    assert names(q="mien dong") == [
        # the name: featured first, then by name, as before
        "Sợi miến dong đặc biệt",
        "Miến dong Bình Liêu",
        # the product's own text (its description)
        "Tinh bột nghệ",
        # only through the cooperative's name
        "Bánh thổ cẩm",
        "An trà shan tuyết",
        "Cà phê",
    ]


def test_every_miến_dong_ranks_above_what_matches_only_through_its_cooperative(catalogue):
    found = names(q="MIẾN DONG")
    by_seller_only = [found.index(n) for n in ("An trà shan tuyết", "Bánh thổ cẩm", "Cà phê")]
    by_name = [found.index(n) for n in ("Miến dong Bình Liêu", "Sợi miến dong đặc biệt")]
    assert max(by_name) < min(by_seller_only)


def test_a_code_matches_like_a_name(catalogue):
    ProductFactory(name="Nếp cái hoa vàng", code="MIEN1", category=category("hat"))
    found = names(q="mien")
    # of the first rank, with the names (featured first, then by name)
    assert found[:3] == ["Sợi miến dong đặc biệt", "Miến dong Bình Liêu", "Nếp cái hoa vàng"]


def test_without_words_the_former_order_is_kept(catalogue):
    assert names() == [
        "Bánh thổ cẩm",
        "Sợi miến dong đặc biệt",
        "An trà shan tuyết",
        "Cà phê",
        "Miến dong Bình Liêu",
        "Ong mật hoa ban",
        "Tinh bột nghệ",
    ]
    # and with only filters: the same order among what they keep
    assert names(category="ca-phe") == ["Cà phê"]


def test_every_word_must_still_match(catalogue):
    assert names(q="mien dong hoa") == []
    # every word in the name first; then "mien" in the product, "binh lieu" in the seller's
    # name (featured first); the honey (no "mien" anywhere) is not found
    assert names(q="binh lieu mien") == [
        "Miến dong Bình Liêu",
        "Sợi miến dong đặc biệt",
        "Tinh bột nghệ",
    ]
