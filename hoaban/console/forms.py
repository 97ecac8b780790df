"""Forms of the console's order pages: the status filter, shipping, cancelling, payments and a
stock count.

Forms only read and check what a person typed; the rules (stock, permissions, order states)
live in the services they hand the cleaned values to.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from hoaban.catalog.forms import stock_field
from hoaban.core.bounds import MAX_ORDER_TOTAL_VND


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, status_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All orders")), *status_choices]

    def chosen_status(self) -> str:
        if self.is_valid():
            return self.cleaned_data["status"]
        return ""


class ShipForm(forms.Form):
    carrier = forms.ChoiceField(label=_("Carrier"))
    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=60,
        required=False,
        help_text=_("The code on the carrier's receipt, if there is one."),
    )

    before_payment = forms.BooleanField(
        label=_("Ship before the transfer arrives"),
        required=False,
        help_text=_("Only if you trust this buyer: if the money never comes, the goods are lost."),
    )

    def __init__(self, *args, carrier_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier"].choices = list(carrier_choices)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the order cancelled?"),
        max_length=300,
        error_messages={"required": _("Write why, so the buyer understands.")},
    )


class StockForm(forms.Form):
    product = forms.CharField(max_length=12, widget=forms.HiddenInput)
    stock = stock_field(
        error_messages={
            "invalid": _("Write the quantity in stock as a whole number, 0 or more."),
            "required": _("Write the quantity in stock as a whole number, 0 or more."),
        },
    )
    note = forms.CharField(max_length=255, required=False)


# --- payments of an order ------------------------------------------------------------------
BAD_AMOUNT = _("Write the amount in đồng as a whole number, for example 50000.")
PAYMENT_METHODS = [
    ("cash", _("Cash")),
    ("vietqr", _("Bank transfer (VietQR)")),
    ("cod", _("Cash on delivery")),
]


class PaymentAmountField(forms.IntegerField):
    """Đồng, typed with or without thousands dots (50.000 or 50000)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Amount (đồng)"))
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ORDER_TOTAL_VND)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": BAD_AMOUNT,
                "required": BAD_AMOUNT,
                "min_value": _("Enter an amount in đồng greater than 0."),
                "max_value": _("This amount is too large. Check the number and try again."),
            },
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(".", "").replace(" ", "").replace("\u00a0", "")
            if len(value) > 15:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PaymentRecordForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[("deposit", _("A deposit")), ("balance", _("The rest"))],
        widget=forms.RadioSelect,
        initial="deposit",
        error_messages={"required": _("Choose a deposit or the rest.")},
    )
    method = forms.ChoiceField(
        label=_("Paid how?"),
        choices=PAYMENT_METHODS,
        initial="cash",
        error_messages={"required": _("Choose how the money is paid.")},
    )
    amount = PaymentAmountField()


class PaymentRefundForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Given back how?"),
        choices=PAYMENT_METHODS[:2],
        initial="cash",
        error_messages={"required": _("Choose how the money is paid.")},
    )
    amount = PaymentAmountField(label=_("Amount to refund (đồng)"))
