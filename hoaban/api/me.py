"""GET /me: who the token belongs to (the first endpoint that needs a token)."""

from ninja import Router, Schema

from .auth import token_auth
from .errors import ERRORS, UNAUTHORIZED

router = Router(tags=["me"])


class MeOut(Schema):
    phone: str
    full_name: str
    preferred_language: str


@router.get("/me", response={200: MeOut, **UNAUTHORIZED, **ERRORS}, auth=token_auth)
def me(request):
    """The person the bearer token belongs to (`Authorization: Bearer hb_…`)."""
    return request.auth
