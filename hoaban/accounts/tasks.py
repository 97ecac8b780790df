"""Housekeeping for accounts, run on the Celery beat schedule (settings.CELERY_BEAT_SCHEDULE).

None of these is needed for correctness: an expired session is refused and an expired login
failure stops counting whether or not it has been deleted. They only keep tables small.
"""

from importlib import import_module

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessLog
from celery import shared_task
from django.conf import settings
from django.utils import timezone


@shared_task(ignore_result=True)
def login_records_purge(days: int = 90) -> int:
    """Delete login failures past their cool-off and login logs older than `days`."""
    now = timezone.now()
    failures, _ = AccessAttempt.objects.filter(attempt_time__lte=now - get_cool_off()).delete()
    logs, _ = AccessLog.objects.filter(
        attempt_time__lte=now - timezone.timedelta(days=days)
    ).delete()
    return failures + logs


@shared_task(ignore_result=True)
def sessions_purge() -> None:
    """Delete expired sessions (what `manage.py clearsessions` does)."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
