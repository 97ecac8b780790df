"""After the order: its shipments with a carrier, and the buyer's review."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.catalog.models import Product
from hoaban.orgs.models import Organisation

from .orders import Order, OrderLine


class Shipment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="shipments")
    carrier = models.CharField(_("carrier"), max_length=20)
    tracking_code = models.CharField(_("tracking code"), max_length=60, blank=True)
    fee = models.PositiveBigIntegerField(_("fee (đồng)"), default=0)
    status = models.CharField(_("carrier status"), max_length=40, blank=True)
    raw = models.JSONField(_("carrier response"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.order} · {self.carrier} {self.tracking_code}"

    @property
    def carrier_name(self) -> str:
        """The carrier as a person reads it ("Viettel Post"), not its code."""
        from ..shipping.names import carrier_name

        return carrier_name(self.carrier)


class Review(models.Model):
    """A buyer's rating of a product and its seller, for a line of a completed order."""

    order_line = models.OneToOneField(OrderLine, on_delete=models.CASCADE, related_name="review")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    seller = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reviews")
    product_rating = models.PositiveSmallIntegerField(_("product rating"))
    seller_rating = models.PositiveSmallIntegerField(_("seller rating"))
    text = models.TextField(_("review"), blank=True, max_length=2000)
    buyer_phone = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(product_rating__gte=1, product_rating__lte=5),
                name="review_product_rating_1_5",
            ),
            models.CheckConstraint(
                condition=Q(seller_rating__gte=1, seller_rating__lte=5),
                name="review_seller_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} · {self.product_rating}★"
