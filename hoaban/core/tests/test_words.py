"""One way of writing each word a person reads: `hủy` (never `huỷ`), OCOP stars as "OCOP 4★",
"basket" in English (never "cart") and "giỏ hàng" in Vietnamese."""

import re
import unicodedata
from pathlib import Path

import polib
import pytest
from django.urls import reverse

import hoaban
from hoaban.catalog.tests.factories import ProductFactory

ROOT = Path(hoaban.__file__).parent
CATALOGUES = sorted(ROOT.glob("**/locale/vi/LC_MESSAGES/django.po"))
SOURCES = [
    p
    for p in ROOT.rglob("*")
    if p.suffix in (".py", ".html", ".txt") and not {"tests", "migrations"} & set(p.parts)
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def entries():
    for catalogue in CATALOGUES:
        for entry in polib.pofile(str(catalogue)):
            yield catalogue, entry


def test_there_are_catalogues_and_sources_to_check():
    assert len(CATALOGUES) >= 8
    assert any(p.name == "_product_card.html" for p in SOURCES)


def test_huy_is_always_spelled_hủy():
    wrong = [
        (str(path), line)
        for path in [*CATALOGUES, *SOURCES]
        for line in nfc(path.read_text()).splitlines()
        if re.search(r"huỷ", line, re.IGNORECASE)
    ]
    assert wrong == []


OCOP_OTHER_WRITINGS = re.compile(
    r"OCOP \d+ (sao|stars?)\b|OCOP %\(stars\)s (sao|stars)|OCOP \{\{ ?stars ?\}\} (sao|stars)"
)


def test_ocop_stars_are_written_one_way_in_every_translation():
    wrong = [
        (str(catalogue), entry.msgstr)
        for catalogue, entry in entries()
        if OCOP_OTHER_WRITINGS.search(entry.msgstr)
    ]
    assert wrong == []


def test_ocop_stars_are_written_one_way_in_templates_and_code():
    wrong = [
        (str(path), line.strip())
        for path in SOURCES
        for line in path.read_text().splitlines()
        if OCOP_OTHER_WRITINGS.search(line)
        or re.search(r"\{\{ ?stars ?\}\} stars|\b\d stars or more|\"\d stars\"", line)
    ]
    assert wrong == []


def test_english_says_basket_never_cart_and_vietnamese_says_giỏ_hàng():
    vietnamese = [
        entry.msgstr
        for _catalogue, entry in entries()
        if re.search(r"giỏ(?! hàng)", nfc(entry.msgstr), re.IGNORECASE)
    ]
    in_sources = [
        (str(path), line.strip())
        for path in SOURCES
        for line in path.read_text().splitlines()
        if re.search(r"""(translate|_\()\s*["'][^"']*\bcarts?\b""", line, re.I)
    ]
    assert in_sources == []
    assert vietnamese == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "stars", "add"),
    [("vi", "OCOP 4★", "Thêm vào giỏ hàng"), ("en", "OCOP 4★", "Add to basket")],
)
def test_pages_write_stars_and_the_basket_one_way(client, settings, lang, stars, add):
    product = ProductFactory(ocop_stars=4)
    product.organisation.certificates.update(title="Miến dong")  # a person's words: not ours
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang

    listing = client.get(reverse("storefront:products")).content.decode()
    page = client.get(reverse("storefront:product", args=[product.code])).content.decode()

    assert stars in listing and stars in page
    assert add in page
    for other in ("4 sao", "4 stars", "Thêm vào giỏ<", "cart<"):
        assert other not in listing and other not in page


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_api_labels_ocop_certificates_the_same_way(client, lang):
    product = ProductFactory(ocop_stars=4)

    body = client.get(f"/api/v1/organisations/{product.organisation.slug}", {"lang": lang}).json()

    labels = [c["kind_label"] for c in body["certificates"]]
    assert labels == ["OCOP 4★"]
