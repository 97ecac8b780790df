"""The order pipeline's records: channels, orders, payments, stock reservations, shipments.

Money is integer đồng. Order state and payment state are kept apart. A stock reservation
counts only while it is neither released nor consumed AND its `expires_at` is in the future:
correctness never waits for a clean-up job.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hoaban.catalog.models import Lot, Product
from hoaban.core.bounds import MAX_PRICE_VND, PRICE_TOO_HIGH
from hoaban.core.models import ChangeEvent
from hoaban.orgs.models import Organisation
from hoaban.places.models import Commune

from .codes import placement_token_new


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


class IdempotencyRecord(models.Model):
    """One placement attempt that succeeded: a retry with the same key gets the same answer.

    `token` opens the order-placed page: drawn by the server (128 bits), never the client's
    idempotency key (an API client may choose a guessable one). A key is unique within its
    client's `scope` (`services.placement.user_scope` …), never across clients."""

    scope = models.CharField(max_length=50, default="", editable=False)
    key = models.CharField(max_length=100)
    token = models.CharField(
        max_length=32, unique=True, default=placement_token_new, editable=False
    )
    fingerprint = models.CharField(max_length=64)
    response = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_per_scope")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"


class Order(models.Model):
    class Status(models.TextChoices):
        PLACED = "placed", pgettext_lazy("order status", "Placed")
        CONFIRMED = "confirmed", pgettext_lazy("order status", "Confirmed")
        PACKED = "packed", pgettext_lazy("order status", "Packed")
        SHIPPED = "shipped", pgettext_lazy("order status", "Shipped")
        DELIVERED = "delivered", pgettext_lazy("order status", "Delivered")
        COMPLETED = "completed", pgettext_lazy("order status", "Completed")
        CANCELLED = "cancelled", pgettext_lazy("order status", "Cancelled")
        RETURNED = "returned", pgettext_lazy("order status", "Returned")

    class Source(models.TextChoices):
        WEB = "web", _("Marketplace website")
        SHARE_LINK = "share_link", _("Shared link")
        LIVESTREAM = "livestream", _("Livestream")
        AGENT = "agent", _("Field agent")
        SMS = "sms", _("SMS")
        PHONE = "phone", _("Phone call")
        MARKET = "market", _("Market or fair")
        PROPOSAL = "proposal", _("Business proposal")

    class Delivery(models.TextChoices):
        SHIP = "ship", _("Delivery to an address")
        PICKUP = "pickup", _("Pick-up at the cooperative")

    code = models.CharField(_("order code"), max_length=8, unique=True)
    seller = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="orders", verbose_name=_("seller")
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="orders", verbose_name=_("channel")
    )
    source = models.CharField(_("source"), max_length=12, choices=Source, default=Source.WEB)
    source_ref = models.CharField(_("source reference"), max_length=100, blank=True)
    # Orders placed together (one basket, several sellers) share the placement record.
    placement = models.ForeignKey(
        IdempotencyRecord, on_delete=models.PROTECT, related_name="orders", null=True, blank=True
    )
    buyer_name = models.CharField(_("buyer's name"), max_length=150)
    buyer_phone = models.CharField(_("buyer's phone"), max_length=16, db_index=True)
    buyer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("buyer's account"),
    )
    language = models.CharField(_("buyer's language"), max_length=5, default="vi")
    delivery_method = models.CharField(_("delivery"), max_length=10, choices=Delivery)
    address = models.CharField(_("address"), max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("commune")
    )
    # What a carrier still needs in the pre-2025 levels (GHN: district_id, ward_code).
    carrier_address = models.JSONField(_("carrier address"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PLACED, db_index=True
    )
    subtotal = models.PositiveBigIntegerField(_("goods (đồng)"))
    shipping_fee = models.PositiveBigIntegerField(_("shipping (đồng)"), default=0)
    total = models.PositiveBigIntegerField(_("total (đồng)"))
    created_at = models.DateTimeField(_("placed at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["seller", "status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(total=F("subtotal") + F("shipping_fee")), name="order_total_sum"
            ),
            models.CheckConstraint(
                condition=Q(delivery_method="pickup") | Q(commune__isnull=False),
                name="order_shipping_needs_commune",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    class PaymentState(models.TextChoices):
        UNPAID = "unpaid", pgettext_lazy("order payment", "Not paid")
        PARTLY_PAID = "partly_paid", pgettext_lazy("order payment", "Partly paid")
        PAID = "paid", pgettext_lazy("order payment", "Paid")
        REFUNDED = "refunded", pgettext_lazy("order payment", "Refunded")

    # Computed from the payments (prefetch `payments` to read these without a query each).
    def _payment_rows(self) -> list:
        return list(self.payments.all())

    @property
    def payment(self):
        """The payment made at ordering (how the buyer chose to pay): the first charge."""
        cached = self.__dict__.get("_payment")
        if cached is not None:
            return cached
        rows = self._payment_rows()
        return next((p for p in rows if p.kind == "charge"), rows[0] if rows else None)

    @payment.setter
    def payment(self, value) -> None:
        self.__dict__["_payment"] = value

    @property
    def received_amount(self) -> int:
        """Money received from the buyer (deposits, the rest, the charge), before refunds."""
        rows = self._payment_rows()
        return sum(p.amount for p in rows if p.status == "paid" and p.kind != "refund")

    @property
    def refunded_amount(self) -> int:
        rows = self._payment_rows()
        return sum(p.amount for p in rows if p.status == "paid" and p.kind == "refund")

    @property
    def paid_amount(self) -> int:
        """What the seller holds for this order: received minus refunded."""
        return self.received_amount - self.refunded_amount

    @property
    def balance_due(self) -> int:
        """What the buyer still has to pay (0 once paid, and for a cancelled order)."""
        if self.status in (self.Status.CANCELLED, self.Status.RETURNED):
            return 0
        return max(self.total - self.paid_amount, 0)

    @property
    def payment_state(self) -> str:
        paid = self.paid_amount
        if self.refunded_amount and paid <= 0:
            return self.PaymentState.REFUNDED
        if paid >= self.total:
            return self.PaymentState.PAID
        if paid > 0:
            return self.PaymentState.PARTLY_PAID
        return self.PaymentState.UNPAID

    def get_payment_state_display(self) -> str:
        return str(self.PaymentState(self.payment_state).label)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("product")
    )
    product_code = models.CharField(_("product code"), max_length=12)
    product_name = models.CharField(_("product name"), max_length=200)
    unit_price = models.PositiveBigIntegerField(_("unit price (đồng)"))
    quantity = models.PositiveIntegerField(_("quantity"))
    line_total = models.PositiveBigIntegerField(_("line total (đồng)"))
    # The lot the units were packed from (set at packing), so income traces to its producers.
    lot = models.ForeignKey(
        Lot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("lot"),
    )

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="order_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(line_total=F("unit_price") * F("quantity")),
                name="order_line_total_product",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"


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


class StockReservation(models.Model):
    """Units held for a placed order until the seller confirms it (or the hold expires)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reservations")
    order_line = models.OneToOneField(
        OrderLine, on_delete=models.CASCADE, related_name="reservation"
    )
    quantity = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)
    is_released = models.BooleanField(default=False)
    is_consumed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stock reservation")
        verbose_name_plural = _("stock reservations")
        indexes = [
            models.Index(
                fields=["product", "expires_at"],
                condition=Q(is_released=False, is_consumed=False),
                name="reservation_active",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="reservation_quantity_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_id} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return not self.is_released and not self.is_consumed and self.expires_at > now


class OrderEvent(ChangeEvent):
    """Who changed what, and when."""

    class Kind(models.TextChoices):
        PLACED = "placed", pgettext_lazy("order status", "Placed")
        CONFIRMED = "confirmed", pgettext_lazy("order status", "Confirmed")
        PACKED = "packed", pgettext_lazy("order status", "Packed")
        SHIPPED = "shipped", pgettext_lazy("order status", "Shipped")
        DELIVERED = "delivered", pgettext_lazy("order status", "Delivered")
        COMPLETED = "completed", pgettext_lazy("order status", "Completed")
        CANCELLED = "cancelled", pgettext_lazy("order status", "Cancelled")
        RETURNED = "returned", pgettext_lazy("order status", "Returned")
        PAYMENT_RECEIVED = "paid", _("Payment received")
        PAYMENT_RECORDED = "pay_recorded", _("Payment asked for")
        REFUNDED = "refunded", _("Money refunded")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=12, choices=Kind)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta(ChangeEvent.Meta):
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["at", "pk"]  # a timeline reads oldest first

    def __str__(self) -> str:
        return f"{self.order} · {self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"


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
        from .shipping.names import carrier_name

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
