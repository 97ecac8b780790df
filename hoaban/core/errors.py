"""The error a service raises when a rule refuses a write (Zulip's `JsonableError` is the model).

A `ServiceError` carries:
- `code`: stable and machine-readable (`invalid_field`, `not_allowed`, `not_found`,
  `out_of_stock`, `idempotency_conflict`, `throttled`, …): clients branch on it, never on text;
- `status`: the HTTP status the API answers with;
- `message`: a sentence a person can read (gettext or gettext_lazy: translated in the
  caller's language);
- `errors`: per-field messages, `{"lines.0.quantity": "…"}` (`field=` is the one-field form);
- `extra()`: more machine-readable data for the answer (e.g. the shortages of `out_of_stock`).

Subclasses (per app: `commerce.errors`, `core.throttle.Throttled`, …) set `code` and `status`
as class attributes. The API's one handler (`hoaban.api.errors`) answers
`{"code", "message", "errors", **extra()}`; the views' one helper (`orgs.views.form_error`)
puts the message on a form.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    code: str = "refused"  # "invalid_field" when it names fields (see __init__)
    status: int = 422
    default_message: Any = _("This request was refused.")

    def __init__(
        self,
        message=None,
        *,
        field: str | None = None,
        errors: dict[str, Any] | None = None,
        code: str | None = None,
        status: int | None = None,
    ):
        self.message = message if message is not None else self.default_message
        super().__init__(self.message)
        self.field = field
        self.errors: dict[str, Any] = dict(errors or {})
        if field and field not in self.errors:
            self.errors[field] = self.message
        if code is not None:
            self.code = code
        elif self.errors and type(self).code == ServiceError.code:
            self.code = "invalid_field"
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return str(self.message)

    def extra(self) -> dict[str, Any]:
        """Machine-readable data added to the API answer (nothing by default)."""
        return {}

    def as_json(self) -> dict[str, Any]:
        """`{"code", "message", "errors", **extra()}`, texts translated in the active language."""
        return {
            "code": self.code,
            "message": str(self.message),
            "errors": {path: str(text) for path, text in self.errors.items()},
            **self.extra(),
        }


class InvalidInput(ServiceError):
    """A value is wrong; `errors` names each field."""

    code = "invalid_field"
    status = 422
    default_message = _("Please correct the marked fields.")


class NotAllowed(ServiceError):
    code = "not_allowed"
    status = 403
    default_message = _("You may not do this.")


class NotFound(ServiceError):
    code = "not_found"
    status = 404
    default_message = _("Nothing was found.")


class Conflict(ServiceError):
    """The request is well formed but the state of things refuses it."""

    code = "conflict"
    status = 409


def form_error(form, error: ServiceError, fields: dict[str, str] | None = None) -> None:
    """The views' one helper: put a service's refusal on a form — each field's message on that
    field when the form has it (`fields` maps a service's field path to a form field, e.g.
    `{"buyer.phone": "phone"}`), the rest (or the message alone) on the form as a whole."""
    if not error.errors:
        form.add_error(None, str(error.message))
        return
    for path, text in error.errors.items():
        name = (fields or {}).get(path, path)
        form.add_error(name if name in form.fields else None, str(text))
