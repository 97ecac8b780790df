"""Form fields shared by the apps: typed ids kept inside what the database can compare
(issue 6), and the optional English name of a product or an organisation (issue 8)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .bounds import as_code


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField over integer primary keys: a value beyond a bigint is an
    invalid choice with the usual message, not an OverflowError (SQLite) or a DataError
    (PostgreSQL) from `pk__in`."""

    default_error_messages = {
        "invalid_pk_value": _("Choose from the list shown."),
        "invalid_choice": _("Choose from the list shown."),
    }

    def _check_values(self, value):
        for item in value or ():
            if item not in self.empty_values and as_code(item) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


def english_name_field() -> forms.CharField:
    """The optional English name a manager gives a product or her organisation."""
    return forms.CharField(
        label=_("Name in English"),
        max_length=200,
        required=False,
        help_text=_(
            "Optional: for buyers who read in English. Without it they see the Vietnamese."
        ),
    )
