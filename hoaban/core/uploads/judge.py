"""Judging an upload by its content: pictures decoded and re-encoded, scans checked.

Part of `hoaban.core.uploads` (import from there).
"""

import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import ServiceError

# --- limits -------------------------------------------------------------------------------

PHOTO_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})  # what Pillow may decode for us
MAX_PIXELS = 40_000_000  # 40 MP: more than any phone camera; beyond that, a bomb
MAX_SIDE = 2048  # the stored picture: enough for any screen a buyer has
# Lists and cards: a card is ~160 CSS px wide on a 360 px phone; 240 px keeps it sharp at the
# 1.5× of cheap phones, and keeps a catalogue page's first visit on 3G under 100 KB (issue 9).
THUMBNAIL_SIZE = (240, 240)
THUMBNAIL_SIDE = THUMBNAIL_SIZE[0]  # in the file name: <stem>-240.webp
THUMBNAIL_QUALITY = 60  # small, and seen small: ~2.5 KB for a demo picture
MEDIUM_SIZE = (800, 800)  # the product page
WEBP_QUALITY = 80
VARIANT_QUALITY = 70
LOGO_SIZE = 512  # pixels a side: a logo is shown small

NOT_A_PHOTO = _("This file is not a photo. Choose a JPEG, PNG or WebP picture.")


class UploadRefused(ServiceError):
    """An upload that is not what its field is for: nothing was saved."""

    code = "bad_upload"


class NotAnImage(UploadRefused):
    """Pillow could not decode it as one of PHOTO_FORMATS."""

    def __init__(self, detail: str = "", *, field: str | None = None):
        super().__init__(NOT_A_PHOTO, field=field)
        self.detail = detail


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def check_size(upload, *, field: str, what: str = "photo") -> None:
    """Refuse a file over MAX_IMAGE_UPLOAD_BYTES before reading it."""
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    size = getattr(upload, "size", None) or 0
    if size > limit:
        if what == "scan":
            message = _("This file is too large. The limit is %(limit)s MB: send a smaller scan.")
        else:
            message = _(
                "This photo is too large (%(size)s MB). The limit is %(limit)s MB: "
                "send a smaller photo."
            )
        raise UploadRefused(
            message % {"size": _megabytes(size), "limit": _megabytes(limit)}, field=field
        )


# --- judging by content -------------------------------------------------------------------


def sniff(head: bytes) -> str | None:
    """'jpeg', 'png', 'webp' or 'pdf' from a file's first bytes; None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def random_name(extension: str) -> str:
    """`<22 random characters>.<extension>`: nothing the uploader chose (the field adds its
    folder)."""
    return f"{secrets.token_urlsafe(16)}.{extension}"


def open_image(fileobj) -> Image.Image:
    """Decode a picture fully (JPEG, PNG or WebP only); raise NotAnImage for anything else.

    The size in pixels is checked from the header, before decoding, so a small file that
    expands to gigabytes (a decompression bomb) is refused without being expanded.
    """
    try:
        fileobj.seek(0)
        head = fileobj.read(16)
        fileobj.seek(0)
        if sniff(head) not in ("jpeg", "png", "webp"):
            raise NotAnImage("not a JPEG, PNG or WebP")
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(fileobj, formats=sorted(PHOTO_FORMATS))
            if image.width * image.height > MAX_PIXELS:
                raise NotAnImage("too many pixels")
            image.load()
    except NotAnImage:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise NotAnImage(str(exc)) from exc
    finally:
        fileobj.seek(0)
    return ImageOps.exif_transpose(image)


def _pixels_only(image: Image.Image) -> Image.Image:
    """A copy with only pixels: no EXIF, ICC profile, XMP or text chunks carried over."""
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    clean = image.convert(mode)
    clean.info = {}
    return clean


def _webp(image: Image.Image, size: tuple[int, int], quality: int) -> bytes:
    copy = image.copy()
    copy.thumbnail(size, Image.Resampling.LANCZOS)
    buffer = BytesIO()
    copy.save(buffer, format="WEBP", quality=quality, method=4, exif=b"", icc_profile=None)
    return buffer.getvalue()


def webp_variant(image: Image.Image, size: tuple[int, int], name: str) -> ContentFile:
    return ContentFile(_webp(_pixels_only(image), size, VARIANT_QUALITY), name=name)


def webp_variants(fileobj, stem: str | None = None) -> dict[str, ContentFile]:
    """{'thumbnail': …, 'medium': …} WebP files for a picture (raises NotAnImage)."""
    image = _pixels_only(open_image(fileobj))
    stem = stem or secrets.token_urlsafe(16)
    return {
        "thumbnail": ContentFile(
            _webp(image, THUMBNAIL_SIZE, THUMBNAIL_QUALITY), f"{stem}-{THUMBNAIL_SIDE}.webp"
        ),
        "medium": ContentFile(_webp(image, MEDIUM_SIZE, VARIANT_QUALITY), f"{stem}-800.webp"),
    }


@dataclass(frozen=True)
class Photo:
    """A re-encoded picture and its small versions, each under a name the server chose."""

    image: ContentFile
    thumbnail: ContentFile
    medium: ContentFile


def _decoded(upload, *, field: str) -> Image.Image:
    try:
        return _pixels_only(open_image(upload))
    except NotAnImage as refused:
        raise NotAnImage(refused.detail, field=field) from None


def photo_from_upload(upload, *, field: str = "upload") -> Photo:
    """Check, decode and re-encode an uploaded photo (raises UploadRefused, saves nothing)."""
    if upload is None:
        raise UploadRefused(_("Choose a photo to upload."), field=field)
    check_size(upload, field=field)
    image = _decoded(upload, field=field)
    stem = secrets.token_urlsafe(16)
    return Photo(
        image=ContentFile(_webp(image, (MAX_SIDE, MAX_SIDE), WEBP_QUALITY), f"{stem}.webp"),
        thumbnail=ContentFile(
            _webp(image, THUMBNAIL_SIZE, THUMBNAIL_QUALITY), f"{stem}-{THUMBNAIL_SIDE}.webp"
        ),
        medium=ContentFile(_webp(image, MEDIUM_SIZE, VARIANT_QUALITY), f"{stem}-800.webp"),
    )


def picture_from_upload(upload, *, field: str, size: int = MAX_SIDE) -> ContentFile:
    """One re-encoded picture (a logo): WebP, at most `size` pixels a side."""
    check_size(upload, field=field)
    image = _decoded(upload, field=field)
    return ContentFile(_webp(image, (size, size), WEBP_QUALITY), random_name("webp"))


NOT_A_SCAN = _(
    "This file is not a scan. Send a PDF, or a photo of the certificate (JPEG, PNG or WebP)."
)
# Markup a browser would run if it ever sniffed a "PDF" as a page: a polyglot, refused.
_MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<body", b"<iframe", b"<?xml")


def _is_plain_pdf(data: bytes) -> bool:
    head = data[:1024].lower()
    return (
        data.startswith(b"%PDF-")
        and b"%%EOF" in data[-2048:]
        and not any(marker in head for marker in _MARKUP)
    )


def scan_from_upload(upload, *, field: str = "scan") -> ContentFile:
    """A certificate scan: a PDF kept as is, or a picture re-encoded; anything else refused."""
    check_size(upload, field=field, what="scan")
    data = _read(upload)
    kind = sniff(data[:16])
    if kind == "pdf":
        if not _is_plain_pdf(data):
            raise UploadRefused(NOT_A_SCAN, field=field)
        return ContentFile(data, random_name("pdf"))
    if kind is None:
        raise UploadRefused(NOT_A_SCAN, field=field)
    try:
        image = _pixels_only(open_image(BytesIO(data)))
    except NotAnImage:
        raise UploadRefused(NOT_A_SCAN, field=field) from None
    return ContentFile(_webp(image, (MAX_SIDE, MAX_SIDE), WEBP_QUALITY), random_name("webp"))


class JudgedFileField(forms.FileField):
    """A form field (admin) whose new upload goes through a judge of this module: the cleaned
    value is the re-encoded or checked file, or a validation error with the judge's message."""

    def __init__(self, *, judge, **kwargs):
        self.judge = judge
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            try:
                return self.judge(value)
            except UploadRefused as refused:
                raise ValidationError(str(refused.message), code=refused.code) from None
        return value


def logo_field(**kwargs) -> JudgedFileField:
    return JudgedFileField(
        judge=lambda upload: picture_from_upload(upload, field="logo", size=LOGO_SIZE), **kwargs
    )


def scan_field(**kwargs) -> JudgedFileField:
    return JudgedFileField(judge=lambda upload: scan_from_upload(upload, field="scan"), **kwargs)
