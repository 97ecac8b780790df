"""Hostile and honest files for upload tests (other apps' tests import these)."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo

SCRIPT = b"<script>alert(document.domain)</script>"
HTML = b"<!doctype html><html><body>" + SCRIPT + b"</body></html>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)">'
    b'<rect width="10" height="10"/></svg>'
)
PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
# A PDF header with a page behind it: a polyglot a sniffing browser could render as HTML.
PDF_POLYGLOT = b"%PDF-1.4\n" + HTML + b"\n%%EOF\n"


def png_bytes(size=(40, 30), colour=(20, 120, 20), text: dict[str, str] | None = None) -> bytes:
    """A PNG; `text` adds tEXt chunks (e.g. a script a careless server would keep)."""
    info = PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def jpeg_with_exif(size=(60, 40)) -> bytes:
    """A JPEG carrying EXIF (a GPS-like note in ImageDescription) that must not survive."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = "Na Ri 22.1N 106.0E"  # ImageDescription
    exif[0x0131] = "PhoneCam 1.0"  # Software
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def png_script_named_html() -> SimpleUploadedFile:
    """A real PNG carrying a script in a text chunk, named and typed as a web page."""
    data = png_bytes(text={"Comment": SCRIPT.decode()})
    return SimpleUploadedFile("photo.html", data, content_type="text/html")


def hostile_uploads() -> dict[str, SimpleUploadedFile]:
    """Files that must never be stored as they are (fresh objects: an upload is read once)."""
    return {
        "html": SimpleUploadedFile("anh.jpg", HTML, content_type="image/jpeg"),
        "svg": SimpleUploadedFile("anh.svg", SVG, content_type="image/svg+xml"),
        "pdf": SimpleUploadedFile("anh.png", PDF, content_type="image/png"),
    }


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
