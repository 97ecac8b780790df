"""Where an order comes from (eCo, eSo, offline, B2B), and a product's price there."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoaban.catalog.models import Product
from hoaban.core.bounds import MAX_PRICE_VND, PRICE_TOO_HIGH


class Channel(models.Model):
    """A way of selling. The four rows are created by a data migration."""

    class Code(models.TextChoices):
        ECO = "eco", _("Marketplace (eCo)")
        ESO = "eso", _("Social selling (eSo)")
        OFFLINE = "offline", _("Phone, SMS, market and agents")
        B2B = "b2b", _("Business deals")

    code = models.CharField(_("code"), max_length=10, choices=Code, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("sales channel")
        verbose_name_plural = _("sales channels")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.get_code_display()


class ChannelListing(models.Model):
    """A product's price and availability in one channel. No row: available at its price."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="channel_listings")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="listings")
    price = models.PositiveBigIntegerField(
        _("price in this channel (đồng)"),
        null=True,
        blank=True,
        help_text=_("Empty: usual price"),
        validators=[MaxValueValidator(MAX_PRICE_VND, PRICE_TOO_HIGH)],
    )
    is_available = models.BooleanField(_("sold in this channel"), default=True)

    class Meta:
        verbose_name = _("channel listing")
        verbose_name_plural = _("channel listings")
        constraints = [
            models.UniqueConstraint(fields=["product", "channel"], name="channel_listing_once")
        ]

    def __str__(self) -> str:
        return f"{self.product} · {self.channel}"
