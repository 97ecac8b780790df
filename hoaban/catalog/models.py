"""Products with their story, images, stock and lots (traceability)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.accounts.models import EthnicGroup
from hoaban.core.bounds import (
    LOT_QUANTITY_TOO_HIGH,
    MAX_LOT_QUANTITY,
    MAX_PRICE_VND,
    MAX_STOCK,
    MAX_WEIGHT_GRAMS,
    PRICE_TOO_HIGH,
    STOCK_TOO_HIGH,
    WEIGHT_TOO_HIGH,
)
from hoaban.core.models import ChangeEvent
from hoaban.orgs.models import Certificate, Membership, Organisation
from hoaban.places.models import Commune


class Category(models.Model):
    """OCOP's six groups at the top, finer categories below."""

    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name


class Product(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Unit(models.TextChoices):
        KG = "kg", _("kg")
        PACK_500G = "pack500g", _("500 g pack")
        PACK_1KG = "pack1kg", _("1 kg pack")
        PIECE = "piece", _("piece")
        BOX = "box", _("box")
        BOTTLE = "bottle", _("bottle")
        LITRE = "litre", _("litre")
        METRE = "metre", _("metre")
        SET = "set", _("set")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("seller"),
    )
    code = models.CharField(
        _("product code"), max_length=12, unique=True, help_text=_("Short public code, e.g. MD05")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    story = models.TextField(_("cultural story"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    ethnic_group = models.ForeignKey(
        EthnicGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("ethnic group of origin"),
    )
    origin_commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("commune of origin"),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit, default=Unit.KG)
    # Bounds: hoaban.core.bounds (the same in forms, API schemas and services).
    price = models.PositiveBigIntegerField(
        _("price (đồng)"), validators=[MaxValueValidator(MAX_PRICE_VND, PRICE_TOO_HIGH)]
    )
    weight_grams = models.PositiveIntegerField(
        _("weight (g)"),
        default=0,
        validators=[MaxValueValidator(MAX_WEIGHT_GRAMS, WEIGHT_TOO_HIGH)],
    )
    stock = models.PositiveIntegerField(
        _("in stock"), default=0, validators=[MaxValueValidator(MAX_STOCK, STOCK_TOO_HIGH)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    certificates = models.ManyToManyField(
        Certificate, blank=True, related_name="products", verbose_name=_("certificates")
    )
    # Highest OCOP star rating among the product's certificates (0 = none): kept by the
    # service that links certificates, so the list filter needs no join.
    ocop_stars = models.PositiveSmallIntegerField(_("OCOP stars"), default=0)
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Folded name, code, seller, places (new and former) and ethnic group, for search.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-is_featured", "name"]
        indexes = [models.Index(fields=["status", "category"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ocop_stars__in=[0, 3, 4, 5]), name="product_ocop_stars_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z0-9-]{2,12}$"), name="product_code_format"
            ),
            models.CheckConstraint(
                condition=models.Q(price__lte=MAX_PRICE_VND),
                name="product_price_bounded",
                violation_error_message=PRICE_TOO_HIGH,
            ),
            models.CheckConstraint(
                condition=models.Q(stock__lte=MAX_STOCK),
                name="product_stock_bounded",
                violation_error_message=STOCK_TOO_HIGH,
            ),
            models.CheckConstraint(
                condition=models.Q(weight_grams__lte=MAX_WEIGHT_GRAMS),
                name="product_weight_bounded",
                violation_error_message=WEIGHT_TOO_HIGH,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="products/%Y/")
    # WebP versions made on upload: a small one for lists, a medium one for the product page.
    thumbnail = models.ImageField(upload_to="products/thumbs/%Y/", blank=True)
    medium = models.ImageField(upload_to="products/medium/%Y/", blank=True)
    alt = models.CharField(_("description for screen readers"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("product image")
        verbose_name_plural = _("product images")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt or self.image.name


class Lot(models.Model):
    """A batch produced or harvested together: what a trace page shows."""

    code = models.CharField(_("lot code"), max_length=20, unique=True)
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="lots", verbose_name=_("product")
    )
    produced_on = models.DateField(_("produced or harvested on"))
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MaxValueValidator(MAX_LOT_QUANTITY, LOT_QUANTITY_TOO_HIGH)]
    )
    producers = models.ManyToManyField(
        Membership, blank=True, related_name="lots", verbose_name=_("produced by")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["-produced_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="lot_quantity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__lte=MAX_LOT_QUANTITY),
                name="lot_quantity_bounded",
                violation_error_message=LOT_QUANTITY_TOO_HIGH,
            ),
        ]

    def __str__(self) -> str:
        return self.code


class ProductEvent(ChangeEvent):
    """Who changed a product (price, stock, status, photos, lots) and when."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Details changed")
        STOCK_SET = "stock", _("Stock set")
        STATUS_SET = "status", _("Status changed")
        IMAGE_ADDED = "image_added", _("Photo added")
        IMAGE_REMOVED = "image_removed", _("Photo removed")
        CERTIFICATES_SET = "certificates", _("Certificates changed")
        LOT_CREATED = "lot", _("Lot recorded")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=20, choices=Kind)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta(ChangeEvent.Meta):
        verbose_name = _("product event")
        verbose_name_plural = _("product events")

    def __str__(self) -> str:
        return f"{self.product} · {self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"
