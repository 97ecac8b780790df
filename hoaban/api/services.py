"""Writes for the API app: creating and revoking tokens."""

import hashlib
import secrets

from django.db import transaction

from .models import ApiToken

KEY_PREFIX = "hb_"


def api_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the token and the key, which is never shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[: len(KEY_PREFIX) + 5], key_hash=api_key_hash(key)
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    token.is_active = False
    token.save(update_fields=["is_active"])
    return token
