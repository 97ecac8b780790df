"""Hoa Ban: the 4M platform for ethnic-minority women's cooperatives."""

from .celery import app as celery_app

__all__ = ["celery_app"]
