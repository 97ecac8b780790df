"""An order's payments: a charge (deposit, balance, all of it) or a refund."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .orders import Order


class Payment(models.Model):
    """One sum of money for an order: the charge made at placement, a deposit, the rest (the
    balance) or a refund. An order has as many as it needs; `Order.payment_state` reads them."""

    class Method(models.TextChoices):
        COD = "cod", _("Cash on delivery")
        VIETQR = "vietqr", _("Bank transfer (VietQR)")
        CASH = "cash", _("Cash at pick-up")

    class Kind(models.TextChoices):
        CHARGE = "charge", pgettext_lazy("payment kind", "Payment at ordering")
        DEPOSIT = "deposit", pgettext_lazy("payment kind", "Deposit")
        BALANCE = "balance", pgettext_lazy("payment kind", "The rest")
        REFUND = "refund", pgettext_lazy("payment kind", "Refund")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("payment status", "Waiting for payment")
        PAID = "paid", pgettext_lazy("payment status", "Paid")
        REFUNDED = "refunded", pgettext_lazy("payment status", "Refunded")
        FAILED = "failed", pgettext_lazy("payment status", "Failed")
        VOID = "void", pgettext_lazy("payment status", "No longer due")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.CHARGE)
    method = models.CharField(_("payment method"), max_length=10, choices=Method)
    status = models.CharField(
        _("payment status"), max_length=10, choices=Status, default=Status.PENDING
    )
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    vietqr = models.CharField(_("VietQR payload"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["pk"]
        # No amount > 0 constraint: a charge made at placement for a free order (total 0)
        # exists in old data; the payment services refuse 0 for every new payment.

    def __str__(self) -> str:
        return f"{self.order} · {self.get_method_display()} · {self.get_status_display()}"

    @property
    def is_received(self) -> bool:
        return self.status == self.Status.PAID

    @property
    def is_refund(self) -> bool:
        return self.kind == self.Kind.REFUND
