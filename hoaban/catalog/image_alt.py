"""What a product's photo shows, for people who cannot see it (the `alt` text).

"illustration: <name>" said too little. The alt says what kind of picture it is and what it
shows: the product's name, then its pack and weight where the name does not already say them,
e.g. "Ảnh sản phẩm: Cà phê Robusta rang xay Đắk Mil (gói 500 g)". Product names are Vietnamese, so
the alt is Vietnamese too (pages in English mark it `lang="vi"`).
"""

from django.utils import translation

PHOTO = "Ảnh sản phẩm"  # a manager's photo with no description of its own
DRAWING = "Hình vẽ minh họa, không phải ảnh chụp"  # the demo's drawn pictures
# Units whose label already says the weight ("gói 500 g", "kg").
WEIGHED_UNITS = {"kg", "pack500g", "pack1kg"}


def product_image_alt(product, *, drawing: bool = False) -> str:
    """`<kind of picture>: <name> (<pack>, <weight>)` (at most 200 characters)."""
    name = product.name.strip()
    with translation.override("vi"):
        pack = str(product.get_unit_display())
    details = []
    if pack.casefold() not in name.casefold():
        details.append(pack if product.unit in WEIGHED_UNITS else f"1 {pack}")
    weight = f"{product.weight_grams} g"
    if product.weight_grams and product.unit not in WEIGHED_UNITS and weight not in name:
        details.append(weight)
    shown = name + (f" ({', '.join(details)})" if details else "")
    return f"{DRAWING if drawing else PHOTO}: {shown}"[:200]
