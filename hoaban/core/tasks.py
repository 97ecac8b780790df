"""Tasks of the project itself (not of one app)."""

from celery import shared_task
from django.core.cache import cache


@shared_task(ignore_result=True)
def heartbeat(key: str) -> None:
    """Leave a mark in the cache: shows a worker takes jobs from the broker (health checks)."""
    cache.set(key, "alive", timeout=300)
