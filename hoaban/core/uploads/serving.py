"""Serving files with headers that stop a browser from running them.

Part of `hoaban.core.uploads` (import from there).
"""

import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils._os import safe_join

from .storage import INLINE_TYPES

PRIVATE_PREFIXES = ("certificates/", "private/")  # never served from /media/
SANDBOX_CSP = "sandbox; default-src 'none'"
IMMUTABLE = "public, max-age=31536000, immutable"


def _guarded(response: HttpResponse) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
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
    except (SuspiciousFileOperation, ValueError):  # outside MEDIA_ROOT
        raise Http404 from None
    try:
        fileobj = open(full_path, "rb")  # noqa: SIM115 (FileResponse closes it)
    except OSError:  # missing, a folder, unreadable, a name too long…
        raise Http404 from None
    response = file_response(fileobj, path, inline_allowed=True)
    # A picture we wrote is never rewritten in place: its name is random and chosen by the
    # server (a new photo gets a new name), so it may be kept for a year, as on S3
    # (storage.object_parameters). Anything else (an old upload) stays a day.
    if not response.get("Content-Disposition", "").startswith("attachment"):
        response["Cache-Control"] = IMMUTABLE
    else:
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
    response["Cross-Origin-Resource-Policy"] = "same-origin"  # no other site may embed it
    return response
