"""What the order pipeline refuses, with messages in the active language (set by the caller).

Each carries its code and HTTP status (`core.errors.ServiceError`); the API's one handler and
the views' one helper turn it into an answer: `InvalidOrder` → 422 `invalid_field` naming each
field, `OutOfStock` → 409 `out_of_stock` with the shortages, `IdempotencyConflict` → 422
`idempotency_conflict`, `NotAllowed` → 403 `not_allowed`, `OrderError` (a refused status
change) → 409 `conflict`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from hoaban.core.errors import ServiceError


class OrderError(ServiceError):
    """A rule of the pipeline refused the request; `message` is for a person."""

    code = "conflict"
    status = 409

    def __init__(self, message: str, *, field: str | None = None, **kwargs):
        super().__init__(message, field=field, **kwargs)


class InvalidOrder(OrderError):
    """One or more fields are wrong. `errors` maps a field path (`lines.0.quantity`) to a
    message."""

    code = "invalid_field"
    status = 422

    def __init__(self, errors: dict[str, str], message: str | None = None):
        super().__init__(message or _("Please correct the marked fields."), errors=errors)


@dataclass(frozen=True)
class Shortage:
    product: str  # product code
    name: str
    requested: int
    available: int


class OutOfStock(OrderError):
    code = "out_of_stock"
    status = 409

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

    def extra(self) -> dict:
        return {"shortages": [shortage.__dict__ for shortage in self.shortages]}


class IdempotencyConflict(OrderError):
    code = "idempotency_conflict"
    status = 422

    def __init__(self):
        super().__init__(
            _(
                "This order key was already used for a different order. "
                "Start a new checkout to place another order."
            ),
            field="idempotency_key",
        )


class NotAllowed(OrderError):
    code = "not_allowed"
    status = 403

    def __init__(self, message: str | None = None):
        super().__init__(message or _("Only a manager of the selling organisation may do this."))


class TransferNotReceived(OrderError):
    """A bank-transfer (VietQR) order is shipped once the money is received, unless the seller
    says she ships before it (she then carries the risk)."""

    code = "transfer_not_received"
    status = 409

    def __init__(self, order_code: str):
        super().__init__(
            _(
                "The bank transfer for order %(code)s has not arrived yet. Ship it after the "
                "money is in your account, or tick “Ship before the transfer arrives”."
            )
            % {"code": order_code},
            field="before_payment",
        )
