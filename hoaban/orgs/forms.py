"""Forms of the manager console for organisations: they only read input; services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.core.bounds import COST_TOO_HIGH, MAX_COST_VND
from hoaban.core.formfields import english_name_field
from hoaban.places.forms import CommuneChoiceField, CommunePickerMixin, ProvinceChoiceField

from .models import Certificate, Improvement, Membership, Organisation


class OrganisationForm(CommunePickerMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    story = forms.CharField(
        label=_("Our story"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who you are, what you make and how: buyers like to read it."),
    )
    name_en = english_name_field()
    story_en = forms.CharField(
        label=_("Our story in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "en"}),
    )
    province = ProvinceChoiceField(required=True)
    commune = CommuneChoiceField(required=True)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    commune_picker = ("province", "commune")

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict:
        return {
            "name": organisation.name,
            "kind": organisation.kind,
            "story": organisation.story,
            "name_en": organisation.name_en,
            "story_en": organisation.story_en,
            "province": organisation.commune.province_id,
            "commune": organisation.commune_id,
            "address": organisation.address,
            "contact_phone": organisation.contact_phone,
        }

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("province", None)
        return data


class BankAccountForm(forms.Form):
    bank_bin = forms.CharField(
        label=_("Bank BIN"),
        max_length=6,
        required=False,
        help_text=_("6 digits, e.g. 970405 for Agribank"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{6}"}),
    )
    bank_account = forms.CharField(
        label=_("Account number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    bank_holder = forms.CharField(
        label=_("Account holder"),
        max_length=100,
        required=False,
        help_text=_("As written by the bank, e.g. HTX MIEN DONG NA RI"),
    )


class InvitationForm(forms.Form):
    """A phone and a role: nothing about the person (her name, her consent) is asked here."""

    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text=_("She receives a code by SMS or Zalo and joins when she enters it."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )
    channel = forms.ChoiceField(
        label=_("Send the code by"),
        choices=[("sms", _("SMS")), ("zalo", _("Zalo"))],
        initial="sms",
    )


class InPersonForm(forms.Form):
    """The person is here: she types her own phone and password on the manager's phone."""

    phone = forms.CharField(
        label=_("Her phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    password = forms.CharField(
        label=_("Her password (she types it herself)"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("The code you received"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        ),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Certificate.Kind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("e.g. OCOP 4★ for miến dong"),
    )
    number = forms.CharField(label=_("Number"), max_length=60, required=False)
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput)
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DateInput,
        required=False,
        help_text=_("OCOP certificates last 36 months."),
    )
    scan = forms.FileField(
        label=_("Scan or photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf"}),
        help_text=_("A PDF, or a photo (JPEG, PNG or WebP)."),
    )
    is_scan_public = forms.BooleanField(
        label=_("Anyone may download the scan"),
        required=False,
        help_text=_("Otherwise only your managers and programme officers see it."),
    )


class ImprovementForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    area = forms.ChoiceField(label=_("Area"), choices=Improvement.Area.choices)
    description = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. a solar dryer for the noodles"),
    )
    cost = forms.IntegerField(
        label=_("Cost (đồng)"),
        required=False,
        initial=0,
        min_value=0,
        max_value=MAX_COST_VND,
        error_messages={
            "min_value": _("The cost cannot be negative."),
            "max_value": COST_TOO_HIGH,
        },
    )
    supporter = forms.CharField(
        label=_("Supported by"),
        max_length=200,
        required=False,
        help_text=_("e.g. UNDP, the provincial women's union"),
    )
