"""The product list's search and filter form (GET): every field optional."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hoaban.accounts.models import EthnicGroup
from hoaban.catalog.models import Category
from hoaban.core.bounds import MAX_SEARCH_LENGTH
from hoaban.core.pagecache import catalog_cached
from hoaban.core.widgets import QuickSelect
from hoaban.places.models import FormerProvince, Province
from hoaban.places.queries import provinces_sorted

# Former provinces share the `province` select; their values carry this prefix (`f6`).
FORMER_PREFIX = "f"
OCOP_CHOICES = [
    ("", _("Any")),
    ("3", _("OCOP 3★ or more")),
    ("4", _("OCOP 4★ or more")),
    ("5", _("OCOP 5★")),
]


class ProductFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_SEARCH_LENGTH,  # the input's maxlength too; longer: a clear message
        error_messages={
            "max_length": _(
                "Your search is too long (%(show_value)d characters). "
                "Write at most %(limit_value)d characters: a few words are enough."
            )
        },
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    province = forms.ChoiceField(label=_("Province"), required=False, widget=QuickSelect)
    category = forms.ChoiceField(label=_("Category"), required=False, widget=QuickSelect)
    ethnic_group = forms.ChoiceField(label=_("Ethnic group"), required=False, widget=QuickSelect)
    ocop = forms.ChoiceField(
        label=_("OCOP stars"), required=False, choices=OCOP_CHOICES, widget=QuickSelect
    )

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and data.get("former") and not data.get("province"):
            # `?former=6` (links, API style) is the same as choosing `f6` in the select.
            data["province"] = f"{FORMER_PREFIX}{data['former']}"
        super().__init__(data, **kwargs)
        choices = catalog_cached(f"product-filter-choices:{get_language()}", filter_choices)
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices

    def filters(self) -> dict:
        """Keyword arguments for `catalog.queries.product_search`; invalid fields are ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        place = data.get("province") or ""
        return {
            # A search too long shows its message; it is still cut, never dropped (a list of
            # everything would answer a question nobody asked).
            "q": (data.get("q") or str(self.data.get("q") or ""))[:MAX_SEARCH_LENGTH] or None,
            "province": int(place) if place.isdigit() else None,
            "former": int(place[1:]) if place.startswith(FORMER_PREFIX) else None,
            "category": data.get("category") or None,
            "ethnic_group": data.get("ethnic_group") or None,
            "ocop": int(data["ocop"]) if data.get("ocop") else None,
        }


def filter_choices() -> dict[str, list]:
    """The choices of the province, category and ethnic group selects in the active language,
    as plain text (4 queries; the form reads them once per catalogue version:
    `catalog_cached`, bumped by the admin's category saves and by `loadreference`)."""
    english = get_language() == "en"
    return {
        "province": [
            ("", str(_("All provinces"))),
            (
                str(_("Provinces")),
                [(str(p.code), p.short_name) for p in provinces_sorted(Province.objects.all())],
            ),
            (
                str(_("Former provinces (before 1/7/2025)")),
                [
                    (f"{FORMER_PREFIX}{p.code}", p.name)
                    for p in provinces_sorted(FormerProvince.objects.all())
                ],
            ),
        ],
        "category": [("", str(_("All categories")))]
        + [
            (c.slug, ("— " if c.parent_id else "") + c.display_name("en" if english else "vi"))
            for c in Category.objects.order_by("position", "name")
        ],
        "ethnic_group": [("", str(_("All ethnic groups")))]
        + [
            (g.code, g.name_en if english and g.name_en else g.name)
            for g in EthnicGroup.objects.order_by("name")
        ],
    }
