"""GET /me: who the token belongs to (the first endpoint that needs a token)."""

from ninja import Router, Schema

from hoaban.api.auth import token_auth
from hoaban.api.errors import ERRORS, UNAUTHORIZED

router = Router(tags=["me"])
# Each operation_id is the one it had before this router moved out of hoaban/api/.


class MeOut(Schema):
    phone: str
    full_name: str
    preferred_language: str


@router.get(
    "/me",
    response={200: MeOut, **UNAUTHORIZED, **ERRORS},
    auth=token_auth,
    operation_id="hoaban_api_me_me",
)
def me(request):
    """The person the bearer token belongs to (`Authorization: Bearer hb_…`)."""
    return request.auth
