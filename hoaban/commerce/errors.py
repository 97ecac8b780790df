"""What the order pipeline refuses, with messages in the active language (set by the caller).

Views and the API translate these into HTTP answers: `InvalidOrder` → 422 naming each field,
`OutOfStock` → 409 with the product and what is left, `IdempotencyConflict` → 422,
`NotAllowed` → 403, `OrderError` (a refused status change) → 409.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from hoaban.core.errors import ServiceError


class OrderError(ServiceError):
    """A rule of the pipeline refused the request; `message` is for a person."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message, field=field)


class InvalidOrder(OrderError):
    """One or more fields are wrong. `errors` maps a field path (`lines.0.quantity`) to a
    message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(_("Please correct the marked fields."))
        self.errors = errors


@dataclass(frozen=True)
class Shortage:
    product: str  # product code
    name: str
    requested: int
    available: int


class OutOfStock(OrderError):
    def __init__(self, shortages: list[Shortage]):
        first = shortages[0]
        if first.available == 0:
            message = _("Sorry, %(name)s (%(code)s) is out of stock.") % {
                "name": first.name,
                "code": first.product,
            }
        else:
            message = _(
                "Sorry, only %(available)d left of %(name)s (%(code)s). Please lower the quantity."
            ) % {"available": first.available, "name": first.name, "code": first.product}
        super().__init__(message)
        self.shortages = shortages


class IdempotencyConflict(OrderError):
    def __init__(self):
        super().__init__(
            _(
                "This order key was already used for a different order. "
                "Start a new checkout to place another order."
            )
        )


class NotAllowed(OrderError):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("Only a manager of the selling organisation may do this."))
