"""The Celery beat schedule names tasks that exist, and each one runs."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from hoaban.accounts.tasks import login_records_purge, sessions_purge
from hoaban.celery import app


def test_every_scheduled_job_names_a_registered_task():
    # given the schedule in settings and the tasks Celery discovers in the apps
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    # then every entry names a registered task and has a positive period
    assert sorted(entry["task"] for entry in schedule.values()) == [
        "hoaban.accounts.tasks.login_records_purge",
        "hoaban.accounts.tasks.sessions_purge",
        "hoaban.commerce.tasks.reservations_expire",
        "hoaban.commerce.tasks.reservations_purge",
    ]
    for entry in schedule.values():
        assert entry["task"] in app.tasks
        assert entry["schedule"] > 0
    # and beat reads the same schedule from the Celery app
    assert app.conf.beat_schedule == schedule


@pytest.mark.django_db
def test_sessions_purge_deletes_only_expired_sessions():
    # given one expired and one live session
    now = timezone.now()
    Session.objects.create(
        session_key="old", session_data="", expire_date=now - datetime.timedelta(days=1)
    )
    Session.objects.create(
        session_key="new", session_data="", expire_date=now + datetime.timedelta(days=1)
    )
    # when the scheduled job runs
    sessions_purge.delay()
    # then only the live one is left
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]


@pytest.mark.django_db
def test_login_records_purge_keeps_failures_still_cooling_off():
    from axes.models import AccessAttempt, AccessLog

    # given a failure in its cool-off, one long past it, and a login log 100 days old
    now = timezone.now()
    fields = {
        "user_agent": "x",
        "ip_address": "10.0.0.1",
        "get_data": "",
        "post_data": "",
        "http_accept": "",
        "path_info": "/",
        "failures_since_start": 1,
    }
    recent = AccessAttempt.objects.create(username="+84912000001", **fields)
    old = AccessAttempt.objects.create(username="+84912000002", **fields)
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=now - datetime.timedelta(days=2))
    log = AccessLog.objects.create(
        username="+84912000001",
        user_agent="x",
        ip_address="10.0.0.1",
        http_accept="",
        path_info="/",
    )
    AccessLog.objects.filter(pk=log.pk).update(attempt_time=now - datetime.timedelta(days=100))
    # when the scheduled job runs
    login_records_purge.delay()
    # then the cooling-off failure is kept, the rest is gone
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent.pk]
    assert AccessLog.objects.count() == 0
