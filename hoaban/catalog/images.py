"""Product images: check that an upload is a real image, and make small WebP versions for 3G."""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

THUMBNAIL_SIZE = (320, 320)  # lists and cards
MEDIUM_SIZE = (800, 800)  # the product page
WEBP_QUALITY = 70


class NotAnImage(ValueError):
    pass


def open_image(fileobj) -> Image.Image:
    """Open and fully decode an upload; raise NotAnImage for anything Pillow cannot read."""
    try:
        fileobj.seek(0)
        image = Image.open(fileobj)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise NotAnImage(str(exc)) from exc
    finally:
        fileobj.seek(0)
    return ImageOps.exif_transpose(image)


def webp_variant(image: Image.Image, size: tuple[int, int], name: str) -> ContentFile:
    copy = image.convert("RGB") if image.mode not in ("RGB", "RGBA") else image.copy()
    copy.thumbnail(size, Image.Resampling.LANCZOS)
    buffer = BytesIO()
    copy.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    return ContentFile(buffer.getvalue(), name=name)


def webp_variants(fileobj, stem: str) -> dict[str, ContentFile]:
    """{'thumbnail': …, 'medium': …} WebP files for an uploaded image (raises NotAnImage)."""
    image = open_image(fileobj)
    return {
        "thumbnail": webp_variant(image, THUMBNAIL_SIZE, f"{stem}-320.webp"),
        "medium": webp_variant(image, MEDIUM_SIZE, f"{stem}-800.webp"),
    }
