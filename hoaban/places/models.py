"""Provinces and communes of the two-tier system in force since 1 July 2025.

Official codes (General Statistics Office) are the primary keys, so a commune code in the API
is the same number people and other systems use. The 63 pre-2025 provinces are kept so that a
person typing "Bắc Kạn" still finds what is there now (in Thái Nguyên).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.PositiveSmallIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=100)
    codename = models.SlugField(_("code name"), max_length=100, unique=True)
    division_type = models.CharField(_("division type"), max_length=40)
    phone_code = models.PositiveSmallIntegerField(_("phone code"), null=True, blank=True)
    # Folded (no diacritics, lower case) names: the new name and the former provinces'.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.short_name


class FormerProvince(models.Model):
    """A province of the 63 in force until 30 June 2025 and the province it is part of now."""

    code = models.PositiveSmallIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="former_provinces",
        verbose_name=_("now part of"),
    )
    first_commune_code = models.PositiveIntegerField(_("first commune code"))
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("former province")
        verbose_name_plural = _("former provinces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A commune, ward or special zone (xã, phường, đặc khu)."""

    code = models.PositiveIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    codename = models.CharField(_("code name"), max_length=100)
    division_type = models.CharField(_("division type"), max_length=40)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    former_province = models.ForeignKey(
        FormerProvince,
        on_delete=models.PROTECT,
        related_name="communes",
        null=True,
        blank=True,
        verbose_name=_("former province"),
    )
    # Folded commune, province and former-province names, for accent-insensitive search.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["province_id", "name"]
        indexes = [models.Index(fields=["province", "name"])]

    def __str__(self) -> str:
        return f"{self.name}, {self.province.short_name}"

    @property
    def place_label(self) -> str:
        """`Xã Na Rì, Thái Nguyên (Bắc Kạn cũ)`-style label, without the query for the former."""
        return str(self)
