"""The product's change history: who changed what (catalog.models.ProductEvent)."""

from django.db.models import Model

from hoaban.core.pagecache import catalog_changed

from ..models import Product, ProductEvent


def record_event(product: Product, by, kind: str, **details) -> None:
    """One event row: who did what to the product, and when."""
    actor = by if getattr(by, "is_authenticated", False) else None
    ProductEvent.objects.create(product=product, actor=actor, kind=kind, details=details)
    catalog_changed()  # cached public pages show it (hoaban.core.pagecache)


def json_value(value):
    """A field value as it can be stored in an event's details (JSON)."""
    return value.pk if isinstance(value, Model) else value


# --- codes ------------------------------------------------------------------------------
