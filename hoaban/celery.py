"""Celery app. Without REDIS_URL tasks run eagerly in-process (embedded mode)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoaban.settings")

app = Celery("hoaban")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
