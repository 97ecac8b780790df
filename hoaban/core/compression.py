"""Gzip for text, never for what is compressed already.

Django's GZipMiddleware compresses every response of 200 bytes or more, WebP, JPEG and PNG
pictures included: the result is larger than the file, costs CPU on every request, and loses
the file's `Content-Length` (a phone on 3G then cannot show progress or reuse the connection
as well). This one leaves those types (and archives, PDFs, fonts) as they are.
"""

from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware

ALREADY_COMPRESSED = (
    "image/webp",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/avif",
    "application/pdf",
    "application/zip",
    "application/gzip",
    "font/woff",
    "font/woff2",
    "video/",
    "audio/",
)


class GZipMiddleware(DjangoGZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type.startswith(ALREADY_COMPRESSED):
            return response
        return super().process_response(request, response)
