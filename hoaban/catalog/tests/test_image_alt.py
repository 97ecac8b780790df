"""A product photo's alt says what it shows: the kind of picture, the name, the pack."""

from types import SimpleNamespace

from hoaban.catalog.image_alt import product_image_alt
from hoaban.catalog.models import Product


def product(name: str, unit: str, weight_grams: int = 0):
    labels = dict(Product.Unit.choices)
    return SimpleNamespace(
        name=name,
        unit=unit,
        weight_grams=weight_grams,
        get_unit_display=lambda: labels[unit],
    )


def test_alt_adds_the_pack_the_name_does_not_say():
    alt = product_image_alt(product("Cà phê Robusta rang xay Đắk Mil", "pack500g", 500))
    assert alt == "Ảnh sản phẩm: Cà phê Robusta rang xay Đắk Mil (gói 500 g)"


def test_alt_does_not_repeat_a_pack_already_in_the_name():
    alt = product_image_alt(product("Miến dong Na Rì gói 500 g", "pack500g", 500), drawing=True)
    assert alt == "Hình vẽ minh họa, không phải ảnh chụp: Miến dong Na Rì gói 500 g"


def test_alt_gives_the_weight_of_a_piece():
    assert product_image_alt(product("Ví thổ cẩm Dao", "piece", 80)) == (
        "Ảnh sản phẩm: Ví thổ cẩm Dao (1 cái, 80 g)"
    )
