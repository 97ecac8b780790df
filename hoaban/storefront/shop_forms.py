"""Forms of the shop: basket, checkout, order tracking and reviews (the seller console's
forms are in hoaban.console.forms).

Forms only read and check what a person typed; the rules (stock, permissions, order states)
live in the services they hand the cleaned values to.
"""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from hoaban.accounts.phone import InvalidPhone, normalize_phone
from hoaban.places.forms import CommuneChoiceField, CommunePickerMixin, ProvinceChoiceField

from .cart import NOT_FOR_SALE

BAD_QUANTITY = _("Write the quantity as a whole number, for example 2.")
BAD_PHONE = _("Write a Vietnamese phone number, for example 0912 345 678.")
MAX_QUANTITY = 9999


class QuantityField(forms.IntegerField):
    """A whole number; the range (1 … available) is checked by the basket with its own words."""

    default_error_messages = {
        "invalid": BAD_QUANTITY,
        "required": BAD_QUANTITY,
        "max_value": BAD_QUANTITY,
        "min_value": BAD_QUANTITY,
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Quantity"))
        kwargs.setdefault("min_value", -MAX_QUANTITY)
        kwargs.setdefault("max_value", MAX_QUANTITY)
        super().__init__(**kwargs)


class PhoneField(forms.CharField):
    """A Vietnamese phone number in any common form; cleans to E.164 (`+84…`)."""

    default_error_messages = {"invalid": BAD_PHONE, "required": BAD_PHONE}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Phone number"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"type": "tel", "autocomplete": "tel", "inputmode": "tel"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return normalize_phone(value)
        except InvalidPhone:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def product_code_field() -> forms.CharField:
    """The product's public code (hidden); anything that cannot be one is "not for sale"."""
    return forms.CharField(
        max_length=12,
        widget=forms.HiddenInput,
        error_messages={"required": NOT_FOR_SALE, "max_length": NOT_FOR_SALE},
    )


class CartAddForm(forms.Form):
    product = product_code_field()
    quantity = QuantityField(initial=1)


class CartUpdateForm(forms.Form):
    product = product_code_field()
    quantity = QuantityField()


class CartRemoveForm(forms.Form):
    product = product_code_field()


class CheckoutForm(CommunePickerMixin, forms.Form):
    DELIVERY_SHIP = "ship"
    DELIVERY_PICKUP = "pickup"
    DELIVERY_CHOICES = [
        (DELIVERY_SHIP, _("Send it to my address")),
        (DELIVERY_PICKUP, _("I will pick it up at the cooperative")),
    ]
    PAYMENT_COD = "cod"
    PAYMENT_VIETQR = "vietqr"
    PAYMENT_CASH = "cash"
    PAYMENT_CHOICES = [
        (PAYMENT_COD, _("Cash on delivery: pay when you receive it")),
        (PAYMENT_VIETQR, _("Bank transfer with a VietQR code")),
        (PAYMENT_CASH, _("Cash when I pick it up")),
    ]

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Write your name so the seller knows who you are.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = PhoneField(help_text=_("The seller calls this number about your order."))
    delivery = forms.ChoiceField(
        label=_("Delivery"),
        choices=DELIVERY_CHOICES,
        initial=DELIVERY_SHIP,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you get your order.")},
    )
    address = forms.CharField(
        label=_("House number, street, hamlet or village"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    province = ProvinceChoiceField(required=False)
    commune = CommuneChoiceField(required=False)
    payment = forms.ChoiceField(
        label=_("Payment"),
        choices=PAYMENT_CHOICES,
        initial=PAYMENT_COD,
        widget=forms.RadioSelect,
        help_text=_("If you pick the order up, cash on delivery becomes cash at pick-up."),
        error_messages={"required": _("Choose how you pay.")},
    )
    idempotency_key = forms.CharField(max_length=64, widget=forms.HiddenInput)

    commune_picker = ("province", "commune")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # A new key each time the form is shown: a double tap sends the same key twice.
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def clean(self):
        cleaned = super().clean()
        delivery = cleaned.get("delivery")
        payment = cleaned.get("payment")
        if delivery == self.DELIVERY_SHIP:
            if not (cleaned.get("address") or "").strip():
                self.add_error(
                    "address", _("Write the house number and street, or the hamlet or village.")
                )
            if (
                "commune" not in self.errors
                and "province" not in self.errors
                and cleaned.get("commune") is None
            ):
                self.add_error("commune", _("Choose the province, then your commune or ward."))
            if payment == self.PAYMENT_CASH:
                self.add_error(
                    "payment",
                    _("Cash at pick-up is only for orders you pick up. Choose another way to pay."),
                )
        elif delivery == self.DELIVERY_PICKUP and payment == self.PAYMENT_COD:
            # Picking up, she pays in cash at the cooperative: the same cash, at the counter
            # (the form says so; a small script ticks it as she chooses pick-up).
            cleaned["payment"] = self.PAYMENT_CASH
        return cleaned


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Order code"),
        max_length=20,
        help_text=_("For example HB-7K3Q2"),
        error_messages={"required": _("Write the order code, for example HB-7K3Q2.")},
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    phone = PhoneField(help_text=_("The phone number given with the order."))

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).upper()


class ReviewForm(forms.Form):
    RATING_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]

    product = forms.CharField(max_length=12, widget=forms.HiddenInput)
    product_rating = forms.TypedChoiceField(
        label=_("How good is the product?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose from 1 to 5 stars.")},
    )
    seller_rating = forms.TypedChoiceField(
        label=_("How good was the seller?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose from 1 to 5 stars.")},
    )
    text = forms.CharField(
        label=_("A few words (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
