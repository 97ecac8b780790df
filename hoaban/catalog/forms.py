"""Forms of the manager console for products, images and lots: they read input, services decide
(rules such as "price not negative" live in catalog.services, so every channel gets them)."""

import re

from django import forms
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
from hoaban.core.formfields import IdMultipleChoiceField, english_name_field
from hoaban.orgs.models import Certificate, Membership, Organisation
from hoaban.places.forms import CommuneChoiceField, CommunePickerMixin, ProvinceChoiceField

from .models import Category, Product
from .services import PRICE_NEGATIVE, QUANTITY_NOT_POSITIVE, STOCK_NEGATIVE, WEIGHT_NEGATIVE


class AmountField(forms.IntegerField):
    """A whole number typed the Vietnamese way: `45.000`, `45 000 đ`, `1,250,000`."""

    default_error_messages = {"invalid": _("Write a whole number, e.g. 45000.")}
    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s.,₫đĐ]|VND|vnd", "", value)
        return super().to_python(value)


def stock_field(*, error_messages: dict | None = None, **kwargs) -> AmountField:
    """The one quantity-in-stock field (the product form, the catalogue's stock form and the
    shop's stock page): 0 … MAX_STOCK, so they cannot disagree again."""
    kwargs.setdefault("label", _("In stock"))
    messages = {"min_value": STOCK_NEGATIVE, "max_value": STOCK_TOO_HIGH, **(error_messages or {})}
    return AmountField(min_value=0, max_value=MAX_STOCK, error_messages=messages, **kwargs)


class ProductForm(CommunePickerMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.CharField(
        label=_("Product code"),
        max_length=12,
        required=False,
        help_text=_("Leave empty and Hoa Ban will choose one, e.g. MD05."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), empty_label=_("Choose a category")
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Product.Unit.choices)
    # The same rules as the service, checked here too so every mistake shows at once.
    price = AmountField(
        label=_("Price (đồng)"),
        min_value=0,
        max_value=MAX_PRICE_VND,
        error_messages={"min_value": PRICE_NEGATIVE, "max_value": PRICE_TOO_HIGH},
    )
    # No stock field: stock is counted on the products page (a recount, written with its
    # movement by inventory.services), never set with the product's details.
    weight_grams = AmountField(
        label=_("Weight (g)"),
        required=False,
        initial=0,
        min_value=0,
        max_value=MAX_WEIGHT_GRAMS,
        error_messages={"min_value": WEIGHT_NEGATIVE, "max_value": WEIGHT_TOO_HIGH},
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    story = forms.CharField(
        label=_("Cultural story"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who makes it, how, and what it means for your people."),
    )
    name_en = english_name_field()
    description_en = forms.CharField(
        label=_("Description in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )
    story_en = forms.CharField(
        label=_("Cultural story in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "en"}),
    )
    ethnic_group = forms.ModelChoiceField(
        label=_("Ethnic group of origin"),
        queryset=EthnicGroup.objects.all(),
        required=False,
        empty_label=_("None or mixed"),
    )
    province = ProvinceChoiceField(label=_("Province of origin"))
    origin_commune = CommuneChoiceField(
        label=_("Commune of origin"),
        help_text=_("Leave empty if it is the commune of your organisation."),
    )

    certificates = IdMultipleChoiceField(
        label=_("Certificates shown with this product"),
        queryset=Certificate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    commune_picker = ("province", "origin_commune")

    def __init__(self, *args, organisation: Organisation, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificates"].queryset = Certificate.objects.filter(organisation=organisation)
        if not self.fields["certificates"].queryset.exists():
            del self.fields["certificates"]

    @classmethod
    def initial_for(cls, product: Product) -> dict:
        return {
            "name": product.name,
            "code": product.code,
            "category": product.category_id,
            "unit": product.unit,
            "price": product.price,
            "weight_grams": product.weight_grams,
            "description": product.description,
            "story": product.story,
            "name_en": product.name_en,
            "description_en": product.description_en,
            "story_en": product.story_en,
            "ethnic_group": product.ethnic_group_id,
            "province": product.origin_commune.province_id,
            "origin_commune": product.origin_commune_id,
            "certificates": [c.pk for c in product.certificates.all()],
        }

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("province", None)
        data["weight_grams"] = data.get("weight_grams") or 0
        return data


class StockForm(forms.Form):
    """A recount: the quantity counted on the shelf, and why (optional)."""

    stock = stock_field(label=_("Counted"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class ImageForm(forms.Form):
    # A plain file field: the service checks that it is a photo and not too large, with
    # messages people understand.
    upload = forms.FileField(
        label=_("Photo"),
        # Listing the types (not image/*) makes phones convert HEIC photos to JPEG on upload.
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"required": _("Choose a photo to upload.")},
    )
    alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=200,
        required=False,
        help_text=_("Read aloud to blind buyers, e.g. two packs of miến dong."),
    )


class LotForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.none(), empty_label=_("Choose a product")
    )
    produced_on = forms.DateField(
        label=_("Produced or harvested on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    quantity = AmountField(
        label=_("Quantity"),
        min_value=1,
        max_value=MAX_LOT_QUANTITY,
        error_messages={"min_value": QUANTITY_NOT_POSITIVE, "max_value": LOT_QUANTITY_TOO_HIGH},
    )
    producers = IdMultipleChoiceField(
        label=_("Made by"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    add_to_stock = forms.BooleanField(
        label=_("Add this quantity to the stock"),
        help_text=_(
            "Ticked: the lot's quantity is added to the product's stock. "
            "Untick it if these units are already counted in the stock."
        ),
        required=False,
        initial=True,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Any product may be posted (the service refuses another organisation's with a clear
        # message); only this organisation's are offered.
        self.fields["product"].queryset = Product.objects.select_related("organisation")
        self.fields["product"].choices = [("", _("Choose a product"))] + [
            (p.pk, f"{p.name} ({p.code})")
            for p in Product.objects.filter(organisation=organisation).exclude(
                status=Product.Status.ARCHIVED
            )
        ]
        self.fields["producers"].queryset = Membership.objects.filter(
            organisation=organisation
        ).select_related("user")
        self.fields["producers"].label_from_instance = lambda m: m.user.full_name
