"""A province → commune picker for any form; works with htmx and without JavaScript.

Use it in a form (plain or model form) like this::

    from hoaban.places.forms import CommuneChoiceField, CommunePickerMixin, ProvinceChoiceField

    class OrganisationForm(CommunePickerMixin, forms.ModelForm):
        province = ProvinceChoiceField(required=False)   # not a model field
        commune = CommuneChoiceField(required=True)      # the model's FK to Commune

        commune_picker = ("province", "commune")         # (province field, commune field)

        class Meta:
            model = Organisation
            fields = ["name", "province", "commune"]

How it behaves:

* The province `<select>` carries `hx-get="/places/communes/"`, `hx-trigger="change"` and
  `hx-target` pointing at the commune `<select>`; the view `places:communes` answers with the
  `<option>` elements of that province's communes, sorted by name. The widget's template
  loads the vendored `hoaban/htmx.min.js` itself, so only pages with a picker carry it.
* Without JavaScript, a `<noscript>` "Show communes" button (name `_communes`) submits the form.
  A view may call `wants_communes(request)` and, if true, re-render the form unbound with
  `initial=picker_initial(request.POST)` so no errors are shown; otherwise the normal submit
  shows "choose your commune" on the commune field and the list is filled with the province's
  communes (the form always renders the communes of the province in its data or initial).
* The commune field's options are only those of the chosen province (never all 3,321).
  On an instance with a commune, the province is preselected.
* Validation: a commune must lie in the chosen province; choosing a province means choosing a
  commune too (even when the pair is optional); a commune given without a province is accepted
  and the province is taken from it. `cleaned_data[<commune field>]` is a `Commune` or None.

`CommuneField` is an alias of `CommuneChoiceField`.
"""

from django import forms
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hoaban.core.bounds import as_code

from .models import Commune, Province
from .queries import communes_of, province_choices

REFRESH_FIELD = "_communes"


class ProvinceSelect(forms.Select):
    """The province `<select>`; loads the communes into `commune_id` on change (htmx)."""

    template_name = "places/widgets/province_select.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self.commune_id = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["hx-get"] = reverse("places:communes")
        widget_attrs["hx-trigger"] = "change"
        if self.commune_id:
            widget_attrs["hx-target"] = f"#{self.commune_id}"
            widget_attrs["aria-controls"] = self.commune_id
        widget_attrs["hx-swap"] = "innerHTML"
        widget_attrs.setdefault("autocomplete", "address-level1")
        context["widget"]["refresh_name"] = REFRESH_FIELD
        return context


class CommuneSelect(forms.Select):
    def __init__(self, attrs=None, choices=()):
        attrs = {"autocomplete": "address-level2", **(attrs or {})}
        super().__init__(attrs, choices)


class ProvinceChoiceField(forms.TypedChoiceField):
    """One of the 34 provinces, by code; cleans to a `Province` (or None)."""

    widget = ProvinceSelect

    def __init__(self, *, required: bool = False, label=None, **kwargs):
        super().__init__(
            choices=self._choices_with_blank,
            coerce=int,
            empty_value=None,
            required=required,
            label=label if label is not None else _("Province or city"),
            **kwargs,
        )

    @staticmethod
    def _choices_with_blank() -> list[tuple[object, str]]:
        return [("", _("Choose a province")), *province_choices()]

    def clean(self, value):
        code = super().clean(value)
        if code is None:
            return None
        return Province.objects.get(code=code)


class CommuneChoiceField(forms.ModelChoiceField):
    """A commune or ward of the province chosen in the same form (see CommunePickerMixin)."""

    widget = CommuneSelect
    default_error_messages = {
        "invalid_choice": _("Choose a commune of the chosen province from the list."),
    }

    def __init__(self, *, required: bool = False, label=None, **kwargs):
        kwargs.setdefault("empty_label", _("Choose a commune or ward"))
        super().__init__(
            queryset=Commune.objects.select_related("province"),
            required=required,
            label=label if label is not None else _("Commune or ward"),
            **kwargs,
        )


CommuneField = CommuneChoiceField


def wants_communes(request: HttpRequest) -> bool:
    """True when the no-JavaScript "Show communes" button submitted the form."""
    return request.method == "POST" and REFRESH_FIELD in request.POST


def picker_initial(data: QueryDict, *, drop: tuple[str, ...] = ("password",)) -> dict:
    """The submitted values as `initial` for an unbound re-render (passwords left out)."""
    return {
        key: value
        for key, value in data.items()
        if key != "csrfmiddlewaretoken" and key != REFRESH_FIELD and not key.startswith(drop)
    }


class CommunePickerMixin:
    """Wires a ProvinceChoiceField and a CommuneChoiceField together (see module docstring)."""

    commune_picker: tuple[str, str] = ("province", "commune")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province_name, commune_name = self.commune_picker
        province_field = self.fields[province_name]
        commune_field = self.fields[commune_name]
        province_field.widget.commune_id = self[commune_name].auto_id or ""
        code = self._picker_province_code()
        if code is not None and not self.is_bound:
            self.initial.setdefault(province_name, code)
        if code is not None:
            commune_field.queryset = Commune.objects.select_related("province").filter(
                province_id=code
            )
        blank = [("", commune_field.empty_label)]
        commune_field.widget.choices = blank + [(c.code, c.name) for c in communes_of(code)]

    def _picker_province_code(self) -> int | None:
        province_name, commune_name = self.commune_picker
        if self.is_bound:
            raw = self.data.get(self.add_prefix(province_name))
            if not raw:
                raw = _province_of_commune(self.data.get(self.add_prefix(commune_name)))
        else:
            raw = self.initial.get(province_name) or self.fields[province_name].initial
            if not raw:
                commune = self.initial.get(commune_name) or self.fields[commune_name].initial
                raw = _province_of_commune(commune)
        if isinstance(raw, Province):
            return raw.code
        return as_code(raw)

    def clean(self):
        cleaned = super().clean()
        province_name, commune_name = self.commune_picker
        province = cleaned.get(province_name)
        commune = cleaned.get(commune_name)
        if commune_name in self.errors or province_name in self.errors:
            return cleaned
        if province is not None and commune is None:
            self.add_error(
                commune_name,
                _("Now choose your commune or ward from the list, or leave the province empty."),
            )
        elif commune is not None and province is None:
            cleaned[province_name] = commune.province
        return cleaned


def _province_of_commune(value) -> int | None:
    if isinstance(value, Commune):
        return value.province_id
    code = as_code(value)
    if code is None:
        return None
    return Commune.objects.filter(code=code).values_list("province_id", flat=True).first()
