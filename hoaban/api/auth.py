"""Bearer-token authentication for the API: `Authorization: Bearer hb_…`."""

from django.utils import timezone
from ninja.security import HttpBearer

from .models import ApiToken
from .services import api_key_hash


class TokenAuth(HttpBearer):
    """Authenticates a person by an active API token; `request.auth` is the user."""

    def authenticate(self, request, token: str):
        if not token:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=api_key_hash(token), is_active=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


token_auth = TokenAuth()
