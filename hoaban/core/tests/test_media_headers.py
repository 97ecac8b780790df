"""/media/ pictures: never gzipped, with their Content-Length and a year's cache (issue 9)."""

from io import BytesIO

import pytest
from PIL import Image

from hoaban.core.compression import GZipMiddleware

pytestmark = pytest.mark.django_db


def picture(kind: str) -> bytes:
    buffer = BytesIO()
    Image.effect_noise((64, 64), 40).convert("RGB").save(buffer, format=kind)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root

    def put(name: str, data: bytes) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return put


@pytest.mark.parametrize(
    ("name", "kind", "content_type"),
    [
        ("products/thumbs/2026/abc-320.webp", "WEBP", "image/webp"),
        ("products/2026/abc.jpg", "JPEG", "image/jpeg"),
        ("logos/2026/abc.png", "PNG", "image/png"),
    ],
)
def test_a_picture_is_sent_as_it_is_with_its_length_and_a_years_cache(
    client, media, name, kind, content_type
):
    data = picture(kind)
    media(name, data)

    response = client.get(f"/media/{name}", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert "Content-Encoding" not in response
    assert response["Content-Length"] == str(len(data))
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content) == data
    # headers that mean nothing on a picture (and Vary: Cookie would stop shared caches)
    assert "Permissions-Policy" not in response and "Vary" not in response
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_download_keeps_a_days_cache(client, media):
    media("products/2025/old.html", b"<html>" + b"x" * 500)

    response = client.get("/media/products/2025/old.html")

    assert response["Cache-Control"] == "public, max-age=86400"


def test_pages_are_still_gzipped_and_keep_their_policy(client):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Vary"].startswith("Cookie")


def test_an_svg_keeps_the_policy(client, media):
    media("products/2025/old.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>")

    assert "Permissions-Policy" in client.get("/media/products/2025/old.svg")


def test_the_gzip_middleware_skips_only_compressed_types(rf):
    from django.http import HttpResponse

    middleware = GZipMiddleware(lambda request: None)
    request = rf.get("/", HTTP_ACCEPT_ENCODING="gzip")
    text = middleware.process_response(request, HttpResponse("a" * 1000, content_type="text/css"))
    webp = middleware.process_response(
        request, HttpResponse(b"a" * 1000, content_type="image/webp")
    )

    assert text["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in webp
