"""Small builders on top of H2's factories: products in given places, with images and lots."""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image

from hoaban.catalog.models import ProductImage
from hoaban.catalog.tests.factories import OrganisationFactory, ProductFactory
from hoaban.core.uploads import webp_variants
from hoaban.orgs.tests.factories import commune

GIA_NGHIA = 24611  # Phường Bắc Gia Nghĩa, Lâm Đồng (formerly Đắk Nông)
BA_DINH = 4  # Phường Ba Đình, Hà Nội


def png_bytes(color: str = "green") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, format="PNG")
    return buffer.getvalue()


def image_for(product, position: int = 0) -> ProductImage:
    data = png_bytes()
    variants = webp_variants(BytesIO(data), f"{product.code}-{position}")
    return ProductImage.objects.create(
        product=product,
        image=ContentFile(data, name=f"{product.code}-{position}.png"),
        thumbnail=variants["thumbnail"],
        medium=variants["medium"],
        alt=f"Ảnh {product.name}",
        position=position,
    )


def product_in(commune_code: int, **kwargs):
    """A published product sold by a cooperative of that commune."""
    organisation = kwargs.pop("organisation", None) or OrganisationFactory(
        commune=commune(commune_code)
    )
    return ProductFactory(organisation=organisation, **kwargs)
