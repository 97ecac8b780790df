"""core.uploads: judging files by content, re-encoding, and the headers media are served with."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import translation
from PIL import Image

from hoaban.core import uploads
from hoaban.core.tests.samples import (
    HTML,
    PDF,
    PDF_POLYGLOT,
    SCRIPT,
    SVG,
    jpeg_with_exif,
    png_bytes,
    png_script_named_html,
    upload,
)
from hoaban.core.uploads.s3 import PrivateS3Storage, PublicS3Storage

# --- judging by content -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xff\xd8\xff\xe0rest", "jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"%PDF-1.7\n", "pdf"),
        (HTML, None),
        (SVG, None),
        (b"GIF89a", None),
        (b"", None),
    ],
)
def test_sniff_tells_the_kind_from_the_first_bytes_only(data, kind):
    assert uploads.sniff(data[:16]) == kind


def test_a_photo_is_re_encoded_to_webp_under_a_random_name_without_its_metadata():
    original = jpeg_with_exif()
    assert b"Na Ri 22.1N" in original

    photo = uploads.photo_from_upload(upload("IMG_0001.JPG", original, "image/jpeg"))

    stored = photo.image.read()
    image = Image.open(BytesIO(stored))
    assert (image.format, image.size) == ("WEBP", (60, 40))
    assert b"Na Ri" not in stored and b"PhoneCam" not in stored
    assert "exif" not in image.info
    assert photo.image.name.endswith(".webp") and "IMG" not in photo.image.name
    assert len(photo.image.name) == len("x" * 22 + ".webp")
    assert Image.open(BytesIO(photo.thumbnail.read())).size == (60, 40)  # never enlarged


def test_a_png_with_a_script_in_a_text_chunk_named_html_is_re_encoded_without_it():
    hostile = png_script_named_html()
    assert SCRIPT in hostile.read()

    photo = uploads.photo_from_upload(hostile)

    for part in (photo.image, photo.thumbnail, photo.medium):
        data = part.read()
        assert SCRIPT not in data and b"script" not in data
        assert part.name.endswith(".webp") and ".html" not in part.name
        assert Image.open(BytesIO(data)).format == "WEBP"


def test_a_big_photo_is_stored_at_most_2048_pixels_a_side():
    photo = uploads.photo_from_upload(upload("big.png", png_bytes(size=(3000, 1500))))

    assert Image.open(BytesIO(photo.image.read())).size == (2048, 1024)
    assert Image.open(BytesIO(photo.medium.read())).size == (800, 400)
    assert Image.open(BytesIO(photo.thumbnail.read())).size == (240, 120)


def test_a_transparent_png_keeps_its_transparency():
    buffer = BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(buffer, format="PNG")

    photo = uploads.photo_from_upload(upload("logo.png", buffer.getvalue()))

    assert Image.open(BytesIO(photo.image.read())).mode == "RGBA"


@pytest.mark.parametrize(
    "data",
    [HTML, SVG, PDF, b"GIF89a\x01\x00\x01\x00", b"\x89PNG\r\n\x1a\ntruncated", b""],
    ids=["html", "svg", "pdf", "gif", "broken-png", "empty"],
)
def test_anything_but_a_jpeg_png_or_webp_is_not_a_photo(data):
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.photo_from_upload(upload("anh.jpg", data, "image/jpeg"), field="upload")

    assert refused.value.field == "upload"
    with translation.override("en"):
        assert str(refused.value.message) == (
            "This file is not a photo. Choose a JPEG, PNG or WebP picture."
        )
    with translation.override("vi"):
        assert str(refused.value.message) == (
            "Tệp này không phải là ảnh. Hãy chọn ảnh JPEG, PNG hoặc WebP."
        )


def test_a_decompression_bomb_is_refused_before_it_is_decoded(monkeypatch):
    # 100 × 100 stands for 100 000 × 100 000: the header is read, the pixels never are.
    bomb = BytesIO(png_bytes(size=(100, 100)))
    monkeypatch.setattr(uploads.judge, "MAX_PIXELS", 100 * 100 - 1)
    loaded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: loaded.append(self))

    with pytest.raises(uploads.NotAnImage) as refused:
        uploads.open_image(bomb)

    assert refused.value.detail == "too many pixels"
    assert loaded == []


@override_settings(MAX_IMAGE_UPLOAD_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    messages = {}
    for language in ("vi", "en"):
        big = upload("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 2 * 1024 * 1024)
        with translation.override(language), pytest.raises(uploads.UploadRefused) as refused:
            uploads.photo_from_upload(big)
        messages[language] = str(refused.value)
        assert big.tell() == 0  # not read

    assert messages == {
        "vi": "Ảnh này quá lớn (2 MB). Tối đa là 1 MB: hãy gửi ảnh nhỏ hơn.",
        "en": "This photo is too large (2 MB). The limit is 1 MB: send a smaller photo.",
    }


def test_a_scan_pdf_is_kept_byte_for_byte_under_a_random_pdf_name():
    stored = uploads.scan_from_upload(upload("giay-chung-nhan.html", PDF, "text/html"))

    assert stored.read() == PDF
    assert stored.name.endswith(".pdf") and "giay" not in stored.name


def test_a_scan_picture_is_re_encoded():
    stored = uploads.scan_from_upload(png_script_named_html())

    data = stored.read()
    assert stored.name.endswith(".webp")
    assert SCRIPT not in data
    assert Image.open(BytesIO(data)).format == "WEBP"


@pytest.mark.parametrize(
    "data",
    [HTML, SVG, PDF_POLYGLOT, b"%PDF-1.4 no end", b"\x89PNG\r\n\x1a\nbroken", b"PK\x03\x04zip"],
    ids=["html", "svg", "pdf-html-polyglot", "pdf-without-eof", "broken-png", "zip"],
)
def test_a_scan_that_is_neither_a_pdf_nor_a_picture_is_refused(data):
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.scan_from_upload(upload("scan.pdf", data, "application/pdf"))

    with translation.override("en"):
        assert str(refused.value.message) == (
            "This file is not a scan. Send a PDF, or a photo of the certificate "
            "(JPEG, PNG or WebP)."
        )
    with translation.override("vi"):
        assert str(refused.value.message).startswith("Tệp này không phải bản chụp giấy chứng nhận.")


# --- S3 object parameters --------------------------------------------------------------------


def test_s3_objects_carry_their_type_and_disposition():
    assert uploads.object_parameters("products/2026/abc.webp") == {
        "ContentType": "image/webp",
        "ContentDisposition": "inline",
        "CacheControl": "public, max-age=31536000, immutable",
    }
    assert uploads.object_parameters("products/2026/old.html") == {
        "ContentType": "application/octet-stream",
        "ContentDisposition": "attachment",
        "CacheControl": "public, max-age=86400",
    }
    assert uploads.object_parameters("certificates/2026/x.pdf", private=True) == {
        "ContentType": "application/pdf",
        "ContentDisposition": "attachment",
        "CacheControl": "private, no-store",
    }
    assert uploads.object_parameters("certificates/2026/x.webp", private=True)[
        "ContentDisposition"
    ] == ("attachment")


@override_settings(AWS_STORAGE_BUCKET_NAME="hoaban-test", AWS_S3_REGION_NAME="ap-southeast-1")
def test_the_s3_storages_apply_the_parameters_and_keep_private_files_private():
    public = PublicS3Storage()
    private = PrivateS3Storage()

    assert public.get_object_parameters("products/2026/a.svg")["ContentDisposition"] == (
        "attachment"
    )
    assert public.get_object_parameters("products/2026/a.webp")["ContentType"] == "image/webp"
    assert private.get_object_parameters("certificates/2026/a.pdf") == {
        "ContentType": "application/pdf",
        "ContentDisposition": "attachment",
        "CacheControl": "private, no-store",
    }
    assert (private.location, private.default_acl, private.querystring_auth) == (
        "private",
        "private",
        True,
    )


# --- serving /media/ ---------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root

    def put(name: str, data: bytes) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return put


def test_media_serves_a_picture_we_wrote_inline_with_guard_headers(client, media):
    media("products/2026/abc.webp", b"RIFF....WEBP")

    response = client.get("/media/products/2026/abc.webp")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Content-Disposition"] == 'inline; filename="abc.webp"'
    assert b"".join(response.streaming_content) == b"RIFF....WEBP"


@pytest.mark.parametrize(
    "name", ["products/2025/old.html", "products/2025/old.svg", "logos/x.htm", "products/x"]
)
def test_media_serves_anything_else_as_a_download_never_as_a_page(client, media, name):
    media(name, HTML)

    response = client.get(f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


@pytest.mark.parametrize(
    "path",
    [
        "certificates/2025/scan.pdf",
        "products/../certificates/2025/scan.pdf",
        "private/x.pdf",
        "../secret.txt",
        "products/",
        "missing.webp",
        "products/" + "a" * 5000 + ".webp",
        "products/2026/abc.webp/..%2f..%2f..%2fsecret.txt",
    ],
)
def test_media_does_not_serve_private_folders_paths_outside_or_missing_files(
    client, media, tmp_path, path
):
    media("certificates/2025/scan.pdf", PDF)
    media("private/x.pdf", PDF)
    (tmp_path / "secret.txt").write_bytes(b"secret")

    response = client.get(f"/media/{path}")

    assert response.status_code == 404


def test_media_refuses_a_nul_byte_in_the_path(client, media):
    media("products/a.webp", b"RIFF....WEBP")

    response = client.get("/media/products/a.webp%00.html")

    # 404 here; 400 if a middleware rejects NUL bytes at the edge first (issue 6, fuzz).
    assert response.status_code in (400, 404)


def test_the_private_storage_lives_outside_media_and_has_no_url(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    storage = uploads.private_storage()

    name = storage.save("certificates/2026/a.pdf", ContentFile(PDF))

    assert (tmp_path / "private" / name).read_bytes() == PDF
    assert not (tmp_path / "media").exists()
    with pytest.raises(ValueError, match="no public URL"):
        storage.url(name)
