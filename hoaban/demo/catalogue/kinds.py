"""The shapes of the demo catalogue: a theme (a family of products) and its items."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    prefix: str
    name: str  # may hold {place}
    category: str
    unit: str
    price: tuple[int, int]
    weight: int


@dataclass(frozen=True)
class Theme:
    noun: str  # what the organisation makes, in a sentence: "miến dong"
    description: str
    stories: tuple[str, ...]
    items: tuple[Item, ...]
    lot_note: str = "Làm tại {place}."
