"""Reference data every installation needs: places, ethnic groups, product categories."""

from django.db import transaction

from hoaban.accounts.services_data import ethnic_groups_load
from hoaban.core.pagecache import catalog_changed
from hoaban.places.services import places_load

# OCOP's six product groups (Decision 148/QĐ-TTg, 2023) and a few finer categories.
# (slug, Vietnamese name, English name, parent slug)
CATEGORIES = [
    ("thuc-pham", "Thực phẩm", "Food", None),
    ("do-uong", "Đồ uống", "Drinks", None),
    ("thao-duoc", "Thảo dược", "Medicinal herbs", None),
    ("thu-cong", "Thủ công mỹ nghệ, vải và may mặc", "Handicrafts and textiles", None),
    ("sinh-vat-canh", "Sinh vật cảnh", "Ornamental plants and animals", None),
    ("du-lich", "Du lịch cộng đồng", "Community tourism", None),
    ("gao-mien", "Gạo, miến và nông sản khô", "Rice, noodles and dried produce", "thuc-pham"),
    ("trai-cay", "Trái cây", "Fruit", "thuc-pham"),
    ("mat-ong", "Mật ong", "Honey", "thuc-pham"),
    ("gia-vi", "Gia vị", "Spices", "thuc-pham"),
    ("hat", "Các loại hạt", "Nuts and seeds", "thuc-pham"),
    ("che", "Chè", "Tea", "do-uong"),
    ("ca-phe", "Cà phê", "Coffee", "do-uong"),
    ("tho-cam", "Thổ cẩm", "Brocade", "thu-cong"),
]


def categories_load() -> int:
    from .models import Category

    by_slug = {}
    for position, (slug, name, name_en, parent) in enumerate(CATEGORIES):
        category, _created = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "parent": by_slug.get(parent),
                "position": position,
            },
        )
        by_slug[slug] = category
    return len(CATEGORIES)


@transaction.atomic
def reference_data_load() -> dict[str, int]:
    """Idempotent: safe to run on every start."""
    provinces, communes = places_load()
    counts = {
        "provinces": provinces,
        "communes": communes,
        "ethnic_groups": ethnic_groups_load(),
        "categories": categories_load(),
    }
    catalog_changed()  # names of places and categories show on public pages and filters
    return counts
