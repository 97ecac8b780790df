"""Uploaded files: the one owner (DESIGN.md). Every file field of the project goes through here.

- An upload is judged by its **content** (magic bytes, then a full decode), never by its name
  or the content type the browser declared.
- A photo (product image, logo, picture of a certificate) is decoded and **re-encoded** by
  Pillow: JPEG, PNG or WebP in, WebP out. EXIF, ICC, XMP and PNG text chunks are left behind
  (a re-encode writes pixels only), a decompression bomb is refused before decoding, and the
  file is stored under a random name with the extension the server chose.
- A certificate scan is a PDF or a picture. A picture is re-encoded like a photo; a PDF is kept
  as it is, under a random name, and only ever served as a download.
- Anything else (HTML, SVG, a PNG named `.html` that does not decode, polyglots…) is refused
  with `UploadRefused`, a `ServiceError` with a message a person can read.
- Serving: `serve_media` for public /media/ (nosniff, sandbox CSP, attachment unless it is a
  picture we wrote); `private_file_response` for private files after an access check.
  Private files live in `private_storage()`, never under /media/.
"""

import posixpath
import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils._os import safe_join
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ServiceError

# --- limits -------------------------------------------------------------------------------

PHOTO_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})  # what Pillow may decode for us
MAX_PIXELS = 40_000_000  # 40 MP: more than any phone camera; beyond that, a bomb
MAX_SIDE = 2048  # the stored picture: enough for any screen a buyer has
THUMBNAIL_SIZE = (320, 320)  # lists and cards
MEDIUM_SIZE = (800, 800)  # the product page
WEBP_QUALITY = 80
VARIANT_QUALITY = 70

# Extensions we write ourselves: the only ones served inline, always with their own type.
INLINE_TYPES = {".webp": "image/webp", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
INLINE_TYPES[".png"] = "image/png"  # demo logos and pictures (drawn by Pillow, not uploaded)
PRIVATE_PREFIXES = ("certificates/", "private/")  # never served from /media/

SANDBOX_CSP = "sandbox; default-src 'none'"

NOT_A_PHOTO = _("This file is not a photo. Choose a JPEG, PNG or WebP picture.")


class UploadRefused(ServiceError):
    """An upload that is not what its field is for: nothing was saved."""

    code = "bad_upload"


class NotAnImage(UploadRefused):
    """Pillow could not decode it as one of PHOTO_FORMATS (kept for catalog.images callers)."""

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
        "thumbnail": ContentFile(_webp(image, THUMBNAIL_SIZE, VARIANT_QUALITY), f"{stem}-320.webp"),
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
        thumbnail=ContentFile(_webp(image, THUMBNAIL_SIZE, VARIANT_QUALITY), f"{stem}-320.webp"),
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
        judge=lambda upload: picture_from_upload(upload, field="logo", size=512), **kwargs
    )


def scan_field(**kwargs) -> JudgedFileField:
    return JudgedFileField(judge=lambda upload: scan_from_upload(upload, field="scan"), **kwargs)


# --- storages -------------------------------------------------------------------------------


class PrivateFileSystemStorage(FileSystemStorage):
    """Files that are not public (certificate scans): outside MEDIA_ROOT, with no URL.

    Its folder is PRIVATE_MEDIA_ROOT, or `private` next to MEDIA_ROOT when that is not set.
    Read them only through a view that checks who asks (`private_file_response`).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", "/private-files-have-no-url/")
        super().__init__(**kwargs)

    @cached_property
    def base_location(self):
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        if self._location is not None:
            return self._location
        if configured:
            return configured
        return posixpath.join(posixpath.dirname(str(settings.MEDIA_ROOT).rstrip("/")), "private")

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no public URL: link to the view that serves them.")


def private_storage():
    """The storage of private files (the `private` entry of STORAGES)."""
    return storages["private"]


def object_parameters(name: str, *, private: bool = False) -> dict[str, str]:
    """S3 object parameters for a stored file, set when it is written.

    S3 cannot carry a Content-Security-Policy or nosniff header per object; what it can carry
    is the type and the disposition, so a non-picture (a PDF, anything unexpected) downloads
    instead of rendering, and a picture is only ever served as the picture type we wrote.
    """
    extension = posixpath.splitext(name)[1].lower()
    content_type = INLINE_TYPES.get(extension)
    if content_type and not private:
        return {
            "ContentType": content_type,
            "ContentDisposition": "inline",
            "CacheControl": "public, max-age=31536000, immutable",
        }
    guessed = "application/pdf" if extension == ".pdf" else content_type
    return {
        "ContentType": guessed or "application/octet-stream",
        "ContentDisposition": "attachment",
        "CacheControl": "private, no-store" if private else "public, max-age=86400",
    }


try:  # django-storages is a dependency, but keep the embedded mode importable without boto3
    from storages.backends.s3 import S3Storage
except ImportError:  # pragma: no cover
    S3Storage = None

if S3Storage is not None:

    class PublicS3Storage(S3Storage):
        """Public media on S3: each object carries its own type and disposition."""

        def get_object_parameters(self, name):
            return {**super().get_object_parameters(name), **object_parameters(name)}

    class PrivateS3Storage(S3Storage):
        """Private files on S3: a private ACL, under `private/`, signed URLs, downloads only."""

        def __init__(self, **kwargs):
            kwargs.setdefault("location", "private")
            kwargs.setdefault("default_acl", "private")
            kwargs.setdefault("querystring_auth", True)
            super().__init__(**kwargs)

        def get_object_parameters(self, name):
            private = object_parameters(name, private=True)
            return {**super().get_object_parameters(name), **private}


# --- serving --------------------------------------------------------------------------------


def _guarded(response: HttpResponse) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def file_response(
    fileobj, name: str, *, inline_allowed: bool, download_name: str | None = None
) -> FileResponse:
    """A file with headers that stop a browser from running it.

    Inline only for the picture types we write ourselves, with their own type; everything else
    is `application/octet-stream` (a PDF: `application/pdf`) with `Content-Disposition:
    attachment`.
    """
    extension = posixpath.splitext(name)[1].lower()
    content_type = INLINE_TYPES.get(extension)
    if inline_allowed and content_type:
        response = FileResponse(fileobj, content_type=content_type)
    else:
        attachment_type = "application/pdf" if extension == ".pdf" else "application/octet-stream"
        response = FileResponse(
            fileobj,
            content_type=attachment_type,
            as_attachment=True,
            filename=download_name or posixpath.basename(name),
        )
    return _guarded(response)


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """/media/<path> in the embedded mode, in place of django.views.static.serve.

    Private folders are not found here; a picture we wrote is served inline as itself; any
    other file (an old upload that kept its uploader's name) downloads.
    """
    path = posixpath.normpath(path).lstrip("/")
    if (
        not path
        or path.startswith("..")
        or "\x00" in path
        or any(path.startswith(prefix) for prefix in PRIVATE_PREFIXES)
    ):
        raise Http404
    try:
        full_path = safe_join(str(settings.MEDIA_ROOT), path)
    except ValueError:  # outside MEDIA_ROOT
        raise Http404 from None
    try:
        fileobj = open(full_path, "rb")  # noqa: SIM115 (FileResponse closes it)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        raise Http404 from None
    response = file_response(fileobj, path, inline_allowed=True)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def private_file_response(field_file, *, download_name: str) -> HttpResponse:
    """A private file (already access-checked by the caller), always as a download."""
    try:
        fileobj = field_file.storage.open(field_file.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    extension = posixpath.splitext(field_file.name)[1].lower()
    if extension and not download_name.lower().endswith(extension):
        download_name += extension
    response = file_response(
        fileobj, field_file.name, inline_allowed=False, download_name=download_name
    )
    response["Cache-Control"] = "private, no-store"
    return response
