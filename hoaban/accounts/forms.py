"""Sign-up, login and profile forms. Thin: rules live in services.py."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hoaban.places.forms import CommuneChoiceField, CommunePickerMixin, ProvinceChoiceField

from .models import EthnicGroup, User
from .services import MSG_CONSENT_MISSING, MSG_PHONE_TAKEN, AccountError, phone_or_error

MSG_PASSWORDS_DIFFER = _("The two passwords are not the same. Type the same password twice.")
MSG_LOGIN_WRONG = _("The phone number or password is wrong. Check them and try again.")


def phone_input(autocomplete: str) -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "type": "tel",
            "inputmode": "tel",
            "autocomplete": autocomplete,
            "placeholder": "0912 345 678",
        }
    )


class EthnicGroupChoiceField(forms.ModelChoiceField):
    """The 54 groups, named in the active language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", _("I prefer not to say"))
        super().__init__(queryset=EthnicGroup.objects.order_by("code"), **kwargs)

    def label_from_instance(self, obj: EthnicGroup) -> str:
        return obj.name_en if (get_language() or "vi").startswith("en") else obj.name


class ProfileForm(CommunePickerMixin, forms.ModelForm):
    """One's own profile: everything except the phone number and the password."""

    province = ProvinceChoiceField(label=_("Home province or city"))
    home_commune = CommuneChoiceField(label=_("Home commune or ward"))
    ethnicity = EthnicGroupChoiceField(
        required=False,
        label=_("Ethnic group (optional)"),
        help_text=_("Sensitive personal data. You may leave it empty."),
    )
    birth_year = forms.IntegerField(
        required=False,
        label=_("Year of birth"),
        min_value=1900,
        widget=forms.NumberInput(
            attrs={"inputmode": "numeric", "autocomplete": "bday-year", "placeholder": "1990"}
        ),
    )

    commune_picker = ("province", "home_commune")

    class Meta:
        model = User
        fields = [
            "full_name",
            "email",
            "gender",
            "birth_year",
            "ethnicity",
            "preferred_language",
            "province",
            "home_commune",
        ]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "gender": forms.RadioSelect,
            "preferred_language": forms.RadioSelect,
        }
        labels = {"email": _("E-mail (optional)")}
        help_texts = {"full_name": _("As people call you, for example Hoàng Thị Mai.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["birth_year"].validators.append(MaxValueValidator(this_year))
        self.fields["birth_year"].widget.attrs["max"] = this_year
        self.fields["gender"].required = False

    def profile_data(self) -> dict:
        """Cleaned values in the shape services.user_profile_update takes."""
        data = self.cleaned_data
        return {
            "full_name": data["full_name"],
            "email": data.get("email") or "",
            "gender": data.get("gender") or "",
            "birth_year": data.get("birth_year"),
            "ethnicity": data.get("ethnicity"),
            "preferred_language": data["preferred_language"],
            "home_commune": data.get("home_commune"),
        }


class SignupForm(ProfileForm):
    """A new account: phone, password twice, the profile, and explicit consent."""

    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        help_text=_("You will log in with it. For example 0912 345 678."),
        widget=phone_input("tel"),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the text above and I agree."),
        error_messages={"required": MSG_CONSENT_MISSING},
    )

    field_order = [
        "phone",
        "password1",
        "password2",
        "full_name",
        "email",
        "gender",
        "birth_year",
        "ethnicity",
        "preferred_language",
        "province",
        "home_commune",
        "consent",
    ]

    def clean_phone(self) -> str:
        try:
            phone = phone_or_error(self.cleaned_data["phone"])
        except AccountError as exc:
            raise forms.ValidationError(exc.message, code="invalid_phone") from exc
        if User.objects.filter(phone=phone).exists():
            raise forms.ValidationError(MSG_PHONE_TAKEN, code="phone_taken")
        return phone

    def clean_password2(self) -> str:
        first = self.cleaned_data.get("password1")
        second = self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(MSG_PASSWORDS_DIFFER, code="password_mismatch")
        return second

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password and "password1" not in self.errors:
            user = User(
                phone=self.cleaned_data.get("phone", ""),
                full_name=self.cleaned_data.get("full_name", ""),
            )
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class PhoneAuthenticationForm(AuthenticationForm):
    """Login with the phone number in any common form; axes sees the E.164 number."""

    username = forms.CharField(
        label=_("Phone number"), max_length=20, widget=phone_input("username")
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": MSG_LOGIN_WRONG,
    }

    def __init__(self, request=None, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["maxlength"] = 20

    def clean_username(self) -> str:
        try:
            return phone_or_error(self.cleaned_data["username"])
        except AccountError as exc:
            raise forms.ValidationError(exc.message, code="invalid_phone") from exc
