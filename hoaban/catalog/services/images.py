"""A product's photos: added re-encoded with their smaller versions, removed with their files."""

from django.db import transaction

from hoaban.accounts.access import require_manager
from hoaban.core.uploads import photo_from_upload

from ..image_alt import product_image_alt
from ..models import Product, ProductEvent, ProductImage
from .events import record_event


@transaction.atomic
def product_image_add(*, product: Product, upload, alt: str = "", by) -> ProductImage:
    """Store an uploaded photo, re-encoded (core.uploads: WebP, no metadata, a random name),
    with its WebP thumbnail (240 px) and medium (800 px) versions."""
    require_manager(by, product.organisation)
    photo = photo_from_upload(upload, field="upload")  # UploadRefused: nothing saved
    position = product.images.count()
    image = ProductImage.objects.create(
        product=product,
        image=photo.image,
        thumbnail=photo.thumbnail,
        medium=photo.medium,
        alt=(alt or "").strip()[:200] or product_image_alt(product),
        position=position,
    )
    record_event(product, by, ProductEvent.Kind.IMAGE_ADDED, image=image.image.name)
    return image


@transaction.atomic
def product_image_remove(*, image: ProductImage, by) -> None:
    require_manager(by, image.product.organisation)
    files = [image.image, image.thumbnail, image.medium]
    record_event(image.product, by, ProductEvent.Kind.IMAGE_REMOVED, image=image.image.name)
    image.delete()

    def delete_files() -> None:
        for field_file in files:
            if field_file:
                field_file.storage.delete(field_file.name)

    transaction.on_commit(delete_files)
