"""Where goods are, how many, and every change with who, when and why.

`Stock.quantity` for a (product, location) is always the sum of that pair's movements;
`Product.stock` is kept as the product's total over its locations (a denormalised column the
storefront reads without a join). Only `inventory.services` writes any of them.

A movement names the order it came from by its public code and line id (plain values:
inventory sits below commerce and has no foreign key into it).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoaban.catalog.models import Product
from hoaban.core.models import ChangeEvent
from hoaban.orgs.models import Organisation


class Location(models.Model):
    """A place goods are kept: the organisation's store (made on demand), and later an
    agent's stock, a market stall or an event booth."""

    class Kind(models.TextChoices):
        STORE = "store", _("Store")
        AGENT = "agent", _("Agent's stock")
        STALL = "stall", _("Market stall")
        BOOTH = "booth", _("Event booth")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.STORE)
    name = models.CharField(_("name"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(kind="store"),
                name="location_one_store_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name or f"{self.organisation} · {self.get_kind_display()}"


class Stock(models.Model):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="stock_rows", verbose_name=_("product")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="stock_rows", verbose_name=_("location")
    )
    quantity = models.IntegerField(_("quantity"), default=0)

    class Meta:
        verbose_name = _("stock")
        verbose_name_plural = _("stock")
        constraints = [
            models.UniqueConstraint(fields=["product", "location"], name="stock_product_location"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0), name="stock_quantity_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} @ {self.location}: {self.quantity}"


class StockMovement(ChangeEvent):
    """One change of one product's stock at one location (`quantity` is the signed change)."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Received")
        RESERVATION_RELEASED = "released", _("Reservation released")
        SALE = "sale", _("Sold")
        CANCELLATION = "cancel", _("Order cancelled")
        RETURN = "return", _("Returned")
        RECOUNT = "recount", _("Recount")
        TRANSFER = "transfer", _("Transfer")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="movements", verbose_name=_("product")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="movements", verbose_name=_("location")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    quantity = models.IntegerField(_("change"))
    balance = models.IntegerField(_("in stock after"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    order_code = models.CharField(_("order"), max_length=20, blank=True)
    order_line_id = models.PositiveBigIntegerField(_("order line"), null=True, blank=True)

    class Meta(ChangeEvent.Meta):
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        indexes = [models.Index(fields=["product", "-at", "-id"], name="movement_product_at")]

    def __str__(self) -> str:
        return f"{self.product} {self.quantity:+d} ({self.get_kind_display()})"
