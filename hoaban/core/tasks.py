"""Tasks of the project itself (not of one app)."""

from celery import shared_task
from django.core.cache import cache


@shared_task(ignore_result=True)
def heartbeat(key: str) -> None:
    """Leave a mark in the cache: shows a worker takes jobs from the broker (health checks)."""
    cache.set(key, "alive", timeout=300)


@shared_task(ignore_result=True)
def message_send(channel: str, to: str, text: str, subject: str = "") -> None:
    """Send one SMS, Zalo message or e-mail through the configured backend (after commit)."""
    from .messaging import Message, send

    send(Message(channel=channel, to=to, text=text, subject=subject))
