"""The demo loader's pictures: a generated illustration per product, a logo per organisation.

Deterministic pictures under stable names, encoded by `core.uploads.webp_variants` (the same
encoder as an upload); rendered in worker threads, saved in bulk.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from hoaban.catalog.image_alt import product_image_alt
from hoaban.catalog.models import ProductImage
from hoaban.core.uploads import webp_variants
from hoaban.orgs.models import Organisation

from .pictures import PALETTE, logo_picture, product_picture


def _save(name: str, content) -> str:
    """Save under a stable name: a file left by an earlier demo database is replaced (the
    pictures are deterministic), so names do not pile up as `md01_x7Ab2.jpg`."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, content)


class PicturesStep:
    """Mixed into DemoLoader: needs its plan, orgs, products_by_code, category_slugs."""

    def images(self) -> None:
        products = [
            self.products_by_code[p.code]
            for o in self.plan
            for p in o.products
            if p.code in self.products_by_code
        ]
        with_image = set(
            ProductImage.objects.filter(product__in=products).values_list("product_id", flat=True)
        )
        todo = [p for p in products if p.pk not in with_image]
        workers = min(4, os.cpu_count() or 1)
        new = []
        with ThreadPoolExecutor(max_workers=workers) as pool:
            jobs = [(p.name, self.category_slugs[p.category_id], p.code) for p in todo]
            for product, files in zip(todo, pool.map(_render_product, jobs), strict=True):
                original, variants = files
                stem = product.code.lower()
                new.append(
                    ProductImage(
                        product=product,
                        image=_save(f"products/demo/{stem}.jpg", ContentFile(original)),
                        thumbnail=_save(
                            f"products/thumbs/demo/{variants['thumbnail'].name}",
                            variants["thumbnail"],
                        ),
                        medium=_save(
                            f"products/medium/demo/{variants['medium'].name}", variants["medium"]
                        ),
                        alt=product_image_alt(product, drawing=True),
                        position=0,
                    )
                )
                self.progress(1, "images")
        ProductImage.objects.bulk_create(new, batch_size=500)
        self.progress(len(products) - len(todo), "images")
        self.created["images"] = len(new)

    def logos(self) -> None:
        todo = [org for org in self.orgs.values() if not org.logo]
        colours = [palette[1] for palette in PALETTE.values()]
        for org in sorted(todo, key=lambda o: o.slug):
            colour = colours[sum(map(ord, org.slug)) % len(colours)]
            org.logo = _save(
                f"logos/demo/{org.slug}.png", ContentFile(logo_picture(org.name, colour))
            )
        Organisation.objects.bulk_update(todo, ["logo"], batch_size=200)
        self.created["logos"] = len(todo)
        self.progress(len(self.orgs), "logos")


def _render_product(job: tuple[str, str, str]) -> tuple[bytes, dict[str, ContentFile]]:
    """Pure Pillow work on plain values (no model, no query): safe in a worker thread."""
    name, category_slug, code = job
    original = product_picture(name, category_slug, seed=sum(map(ord, code)))
    return original, webp_variants(BytesIO(original), code.lower())
