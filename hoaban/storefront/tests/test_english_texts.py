"""English mode shows the English texts a manager wrote, else the Vietnamese marked lang="vi"
with a small "(in Vietnamese)" note; the console forms take them; search finds English names."""

import html

import pytest
from django.conf import settings
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.services import product_update
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.orgs.tests.factories import ManagerFactory

pytestmark = pytest.mark.django_db


def page(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return html.unescape(client.get(url).content.decode())


@pytest.fixture
def noodles():
    product = ProductFactory(
        name="Miến dong Na Rì",
        description="Sợi dai, nấu không nát.",
        story="Người Tày trồng dong riềng.",
        name_en="Arrowroot glass noodles from Na Rì",
        description_en="Chewy strands that never turn mushy.",
    )
    org = product.organisation
    org.story, org.story_en, org.name_en = "Câu chuyện của hợp tác xã.", "", "Na Rì Cooperative"
    org.save()
    return product


def test_english_mode_shows_the_english_and_marks_the_vietnamese(client, noodles):
    text = page(client, f"/p/{noodles.code}/", "en")

    assert "<h1>Arrowroot glass noodles from Na Rì</h1>" in text
    assert "Chewy strands that never turn mushy." in text
    assert "Sợi dai" not in text
    # No English story: the Vietnamese one, marked for screen readers, with the note.
    assert (
        '<p class="meta">(in Vietnamese)</p><div lang="vi"><p>Người Tày trồng dong riềng.' in text
    )
    assert "Na Rì Cooperative" in text


def test_vietnamese_mode_shows_the_vietnamese(client, noodles):
    text = page(client, f"/p/{noodles.code}/", "vi")

    assert "<h1>Miến dong Na Rì</h1>" in text
    assert "Sợi dai, nấu không nát." in text and "Chewy" not in text
    assert "(bằng tiếng Việt)" not in text and "(in Vietnamese)" not in text


@pytest.mark.parametrize(("language", "note"), [("en", "(in Vietnamese)"), ("vi", None)])
def test_the_organisation_page_falls_back_to_the_vietnamese_story(client, noodles, language, note):
    text = page(client, f"/org/{noodles.organisation.slug}/", language)

    assert "Câu chuyện của hợp tác xã." in text
    if note:
        assert note in text and '<div lang="vi"><p>Câu chuyện' in text
        assert "Na Rì Cooperative" in text
    else:
        assert "(in Vietnamese)" not in text and '<div lang="vi">' not in text


def test_product_cards_mark_a_vietnamese_only_name_in_english_mode(client):
    ProductFactory(name="Mật ong bạc hà", is_featured=True)

    text = page(client, "/products/", "en")

    assert '<span lang="vi">Mật ong bạc hà</span>' in text


def test_search_finds_a_product_by_its_english_name(client, noodles):
    manager = ManagerFactory(organisation=noodles.organisation)
    product_update(product=noodles, by=manager.user, name_en="Canna glass noodles")

    text = page(client, "/products/?q=canna", "en")

    assert "Canna glass noodles" in text


@pytest.mark.parametrize(
    ("language", "label"), [("en", "Name in English"), ("vi", "Tên bằng tiếng Anh")]
)
def test_the_console_forms_take_the_english_texts(client, noodles, language, label):
    manager = ManagerFactory(organisation=noodles.organisation)
    client.force_login(manager.user)
    slug = noodles.organisation.slug
    url = reverse("console:product_edit", kwargs={"slug": slug, "code": noodles.code})

    assert label in page(client, url, language)
    response = client.post(
        url,
        {
            "name": noodles.name,
            "code": noodles.code,
            "category": str(noodles.category_id),
            "unit": "kg",
            "price": "60000",
            "province": str(noodles.origin_commune.province_id),
            "origin_commune": str(noodles.origin_commune_id),
            "name_en": "Arrowroot noodles",
            "story_en": "The Tày grow arrowroot.",
        },
    )
    assert response.status_code == 302
    noodles = Product.objects.get(pk=noodles.pk)
    assert (noodles.name_en, noodles.story_en) == ("Arrowroot noodles", "The Tày grow arrowroot.")
    org_url = reverse("console:organisation_edit", kwargs={"slug": slug})
    assert label in page(client, org_url, language)
    org = noodles.organisation
    response = client.post(
        org_url,
        {
            "name": org.name,
            "kind": org.kind,
            "province": str(org.commune.province_id),
            "commune": str(org.commune_id),
            "name_en": "Hoa Ban Cooperative",
            "story_en": "We make noodles.",
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.name_en, org.story_en) == ("Hoa Ban Cooperative", "We make noodles.")
