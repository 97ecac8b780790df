"""The error a service raises when a rule refuses a write: a message a person can read."""


class ServiceError(Exception):
    """`message` is translatable (gettext_lazy or gettext); `field` names the form field, if any."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
