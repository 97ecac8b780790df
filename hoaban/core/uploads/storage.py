"""Where uploads live: public media, private files (outside /media/), S3 object parameters.

Part of `hoaban.core.uploads` (import from there).
"""

import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property

# Extensions we write ourselves: the only ones served inline, always with their own type.
INLINE_TYPES = {".webp": "image/webp", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
INLINE_TYPES[".png"] = "image/png"  # demo logos and pictures (drawn by Pillow, not uploaded)


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
