"""Writes for the catalogue (see STYLE.md: one transaction per service, rules enforced here).

Every write checks that `by` manages the product's organisation (accounts.access.require_manager).

- products: `product_create`, `product_update`, `product_status_set`, codes, `lot_create`.
- images: `product_image_add`, `product_image_remove`.
- certificates: `product_certificates_set`, `product_ocop_stars`.
- events: `record_event` — every change above writes one ProductEvent.
"""

from .certificates import product_certificates_set, product_ocop_stars
from .images import product_image_add, product_image_remove
from .products import (
    CODE_FORMAT,
    LOT_ALPHABET,
    PRICE_NEGATIVE,
    PRODUCT_FIELDS,
    QUANTITY_NOT_POSITIVE,
    STOCK_NEGATIVE,
    WEIGHT_NEGATIVE,
    lot_code_new,
    lot_create,
    product_code_prefix,
    product_code_suggest,
    product_create,
    product_name_text,
    product_search_text,
    product_status_set,
    product_update,
)

__all__ = [
    "CODE_FORMAT",
    "LOT_ALPHABET",
    "PRICE_NEGATIVE",
    "PRODUCT_FIELDS",
    "QUANTITY_NOT_POSITIVE",
    "STOCK_NEGATIVE",
    "WEIGHT_NEGATIVE",
    "lot_code_new",
    "lot_create",
    "product_certificates_set",
    "product_code_prefix",
    "product_code_suggest",
    "product_create",
    "product_image_add",
    "product_image_remove",
    "product_ocop_stars",
    "product_name_text",
    "product_search_text",
    "product_status_set",
    "product_update",
]
