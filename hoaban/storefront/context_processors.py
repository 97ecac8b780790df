"""Template context for every page: the number of items in the visitor's basket."""

from django.utils.functional import SimpleLazyObject

from .cart import Cart


def cart(request) -> dict:
    """`cart_count`: items in the basket, read from the session only when a template shows it."""
    session = getattr(request, "session", None)
    if session is None:
        return {"cart_count": 0}
    return {"cart_count": SimpleLazyObject(lambda: Cart(session).count)}
