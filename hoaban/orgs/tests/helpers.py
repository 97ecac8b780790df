"""Small helpers for tests of services that refuse bad input."""

from django.utils import translation


def in_both_languages(call) -> dict[str, str]:
    """Run `call` (which must raise ServiceError) in Vietnamese and in English; the messages."""
    from hoaban.core.errors import ServiceError

    messages = {}
    for language in ("vi", "en"):
        with translation.override(language):
            try:
                call()
            except ServiceError as error:
                messages[language] = str(error.message)
            else:
                raise AssertionError("no ServiceError raised")
    return messages
