"""Product photos through the console: judged by content, re-encoded, served safely."""

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from hoaban.catalog.models import ProductEvent, ProductImage
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.core.tests.samples import SCRIPT, hostile_uploads, png_script_named_html
from hoaban.orgs.tests.factories import ManagerFactory

pytestmark = pytest.mark.django_db

NOT_A_PHOTO = {
    "vi": "Tệp này không phải là ảnh. Hãy chọn ảnh JPEG, PNG hoặc WebP.",
    "en": "This file is not a photo. Choose a JPEG, PNG or WebP picture.",
}


@pytest.fixture
def manager():
    return ManagerFactory()


@pytest.fixture
def product(manager):
    return ProductFactory(organisation=manager.organisation)


def images_url(product) -> str:
    return reverse(
        "console:product_images",
        kwargs={"slug": product.organisation.slug, "code": product.code},
    )


def stored_files() -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize("kind", ["html", "svg", "pdf"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_page_an_svg_or_a_pdf_sent_as_a_photo_is_refused_and_nothing_is_saved(
    client, manager, product, kind, language
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(manager.user)
    events = ProductEvent.objects.count()

    response = client.post(images_url(product), {"upload": hostile_uploads()[kind], "alt": "x"})

    assert response.status_code == 200
    assert NOT_A_PHOTO[language] in response.content.decode()
    assert ProductImage.objects.count() == 0
    assert ProductEvent.objects.count() == events
    assert stored_files() == []


def test_a_png_with_a_script_named_html_is_re_encoded_and_served_only_as_a_picture(
    client, manager, product
):
    client.force_login(manager.user)

    response = client.post(images_url(product), {"upload": png_script_named_html(), "alt": ""})

    assert response.status_code == 302
    image = ProductImage.objects.get()
    files = [image.image, image.thumbnail, image.medium]
    assert [f.name.rsplit(".", 1)[1] for f in files] == ["webp", "webp", "webp"]
    assert all("photo" not in f.name and "html" not in f.name for f in files)
    for field_file in files:
        served = client.get(field_file.url)
        body = b"".join(served.streaming_content)
        assert served["Content-Type"] == "image/webp"
        assert served["X-Content-Type-Options"] == "nosniff"
        assert served["Content-Security-Policy"] == "sandbox; default-src 'none'"
        assert SCRIPT not in body
        assert Image.open(field_file.path).format == "WEBP"


def test_a_photo_uploaded_before_the_fix_with_a_page_extension_downloads(client, product):
    # Before issue 6 an image kept the uploader's extension: `x.html` decoded as a PNG.
    path = settings.MEDIA_ROOT / "products/2025/md05-1a2b.html"
    path.parent.mkdir(parents=True)
    path.write_bytes(png_script_named_html().read())
    ProductImage.objects.create(product=product, image="products/2025/md05-1a2b.html")

    served = client.get("/media/products/2025/md05-1a2b.html")

    assert served.status_code == 200
    assert served["Content-Type"] == "application/octet-stream"
    assert served["Content-Disposition"] == 'attachment; filename="md05-1a2b.html"'
    assert served["X-Content-Type-Options"] == "nosniff"
