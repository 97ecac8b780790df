"""What the demo cooperatives make: product themes with their words and prices (pure data).

Each theme is a family of products (miến dong, Shan tuyết tea, M'Nông brocade …) with a
description and a cultural story (placeholders `{place}` — the commune without `Xã` — and
`{people}` — the ethnic group) and its items: (code prefix, name, category slug, unit, price
range in đồng, weight in grams). Prices are what such products sold for in 2025–2026.
"""

from .crafts import CRAFTS
from .food import FOOD
from .kinds import Item, Theme

THEMES: dict[str, Theme] = {**FOOD, **CRAFTS}

__all__ = ["THEMES", "Item", "Theme"]
