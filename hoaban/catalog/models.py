"""Products with their story, images, stock and lots (traceability)."""

import datetime

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
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


def ocop_stars_on(day: datetime.date | None = None, *, product: str = "pk") -> Coalesce:
    """In SQL: the highest OCOP stars among the product's certificates valid on `day` (today),
    0 when none. One correlated subquery, so a list costs no extra query per product."""
    day = day or timezone.localdate()
    stars = models.Case(
        *(models.When(kind=kind, then=n) for kind, n in Certificate.OCOP_STARS.items()),
        default=0,
        output_field=models.PositiveSmallIntegerField(),
    )
    valid = (
        Certificate.objects.filter(products=OuterRef(product), issued_on__lte=day)
        .filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=day))
        .annotate(stars=stars)
        .order_by("-stars")
        .values("stars")[:1]
    )
    return Coalesce(Subquery(valid), 0, output_field=models.PositiveSmallIntegerField())


class ProductQuerySet(models.QuerySet):
    def with_ocop_stars(self, day: datetime.date | None = None) -> "ProductQuerySet":
        """Annotate `ocop_stars` from the certificates valid on `day` (today); filter with
        `.filter(ocop_stars__gte=4)` after it."""
        return self.annotate(ocop_stars=ocop_stars_on(day))


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
    # English versions, shown in English mode (empty: the Vietnamese, marked as such).
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    story_en = models.TextField(_("cultural story in English"), blank=True)
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
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Folded name and code, then category, ethnic group, places and description, for search
    # (catalog.services.product_search_text; the seller's text is its own).
    search_text = models.TextField(editable=False, blank=True)
    # The folded name, English name and code alone (search's first rank: catalog.search).
    name_text = models.TextField(editable=False, blank=True, default="")

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-is_featured", "name"]
        indexes = [
            models.Index(fields=["status", "category"]),
            # The orderings of the lists (web, home, API), read in order and stopped early at
            # 100,000 products (the trigram index for search: migration 0005, PostgreSQL).
            # It carries the seller and the name's folded text (PostgreSQL: INCLUDE; SQLite
            # ignores it): a deep OFFSET, and search's first rank (every word in the name:
            # catalog.search), read in this order from the index alone.
            models.Index(
                F("is_featured").desc(),
                "name",
                "id",
                condition=models.Q(status="published"),
                include=["name_text", "organisation"],
                name="product_list_order",
            ),
            models.Index(
                F("is_featured").desc(),
                F("created_at").desc(),
                "id",
                condition=models.Q(status="published"),
                name="product_home_order",
            ),
            models.Index(
                "name", "id", condition=models.Q(status="published"), name="product_api_order"
            ),
            # Counts (list, home: per seller, per province) read it alone (index-only scans).
            models.Index(
                "organisation",
                "origin_commune",
                condition=models.Q(status="published"),
                name="product_published_places",
            ),
        ]
        constraints = [
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

    # OCOP stars are never stored: they follow the certificates valid today, so an expired
    # certificate drops them with no job having to run. List querysets annotate them
    # (`Product.objects.with_ocop_stars()`, catalog.queries); otherwise they are computed
    # from the (prefetched) certificates.
    @property
    def ocop_stars(self) -> int:
        stars = self.__dict__.get("_ocop_stars")
        if stars is None:
            if self.pk is None:
                return 0
            today = timezone.localdate()
            stars = max(
                (c.ocop_stars for c in self.certificates.all() if c.is_valid_on(today)),
                default=0,
            )
            self._ocop_stars = stars
        return stars

    @ocop_stars.setter
    def ocop_stars(self, value: int) -> None:  # set by the with_ocop_stars annotation
        self._ocop_stars = value

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
