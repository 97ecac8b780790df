"""The product page's first photo travels inside the page when it is small (issue 9: LCP)."""

import base64
import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from hoaban.catalog.models import ProductImage
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.storefront import lead_picture

from .builders import image_for

pytestmark = pytest.mark.django_db

SRC = re.compile(r'<div class="gallery"[^>]*><img[^>]* src="([^"]+)"')


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def first_src(client, product) -> str:
    html = client.get(reverse("storefront:product", args=[product.code])).content.decode()
    return SRC.search(html).group(1)


def test_a_small_photo_is_inside_the_page_as_the_webp_itself(client):
    product = ProductFactory()
    image = image_for(product)
    image_for(product, position=1)

    src = first_src(client, product)

    assert src.startswith("data:image/webp;base64,")
    assert base64.b64decode(src.split(",", 1)[1]) == image.medium.read()
    html = client.get(reverse("storefront:product", args=[product.code])).content.decode()
    assert html.count("data:image/webp") == 1  # the other photos stay links, lazy


def big_webp(size: int) -> ContentFile:
    buffer = BytesIO()
    Image.effect_noise((size, size), 120).convert("RGB").save(buffer, "WEBP", quality=95)
    return ContentFile(buffer.getvalue(), name=f"noise-{size}.webp")


def test_a_large_photo_falls_back_to_its_thumbnail_then_to_its_url(client, monkeypatch):
    product = ProductFactory()
    image = ProductImage.objects.create(
        product=product, image=big_webp(900), medium=big_webp(800), thumbnail=big_webp(60)
    )
    assert image.medium.size > lead_picture.INLINE_MAX_BYTES

    src = first_src(client, product)
    assert base64.b64decode(src.split(",", 1)[1]) == image.thumbnail.read()

    monkeypatch.setattr(lead_picture, "INLINE_MAX_BYTES", 10)
    product.name = "x"  # the page cache: a new version for the next page
    from hoaban.core.pagecache import catalog_changed

    catalog_changed()
    assert first_src(client, product) == image.medium.url


def test_missing_files_fall_back_to_the_url(client):
    product = ProductFactory()
    image = image_for(product)
    image.medium.storage.delete(image.medium.name)
    image.thumbnail.storage.delete(image.thumbnail.name)

    assert first_src(client, product) == image.medium.url
