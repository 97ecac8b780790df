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
- S3 mode: `hoaban.core.uploads.s3` (objects carry their own type and disposition).
"""

from .judge import (
    LOGO_SIZE,
    MAX_PIXELS,
    MAX_SIDE,
    MEDIUM_SIZE,
    NOT_A_PHOTO,
    NOT_A_SCAN,
    PHOTO_FORMATS,
    THUMBNAIL_SIZE,
    JudgedFileField,
    NotAnImage,
    Photo,
    UploadRefused,
    check_size,
    logo_field,
    open_image,
    photo_from_upload,
    picture_from_upload,
    random_name,
    scan_field,
    scan_from_upload,
    sniff,
    webp_variant,
    webp_variants,
)
from .serving import (
    PRIVATE_PREFIXES,
    SANDBOX_CSP,
    file_response,
    private_file_response,
    serve_media,
)
from .storage import (
    INLINE_TYPES,
    PrivateFileSystemStorage,
    object_parameters,
    private_storage,
)

__all__ = [
    "INLINE_TYPES",
    "LOGO_SIZE",
    "MAX_PIXELS",
    "MAX_SIDE",
    "MEDIUM_SIZE",
    "NOT_A_PHOTO",
    "NOT_A_SCAN",
    "PHOTO_FORMATS",
    "PRIVATE_PREFIXES",
    "SANDBOX_CSP",
    "THUMBNAIL_SIZE",
    "JudgedFileField",
    "NotAnImage",
    "Photo",
    "PrivateFileSystemStorage",
    "UploadRefused",
    "check_size",
    "file_response",
    "logo_field",
    "object_parameters",
    "open_image",
    "photo_from_upload",
    "picture_from_upload",
    "private_file_response",
    "private_storage",
    "random_name",
    "scan_field",
    "scan_from_upload",
    "serve_media",
    "sniff",
    "webp_variant",
    "webp_variants",
]
