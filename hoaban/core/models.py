"""Abstract models shared by several apps."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChangeEvent(models.Model):
    """Who changed something and when: the row a person reads when asking "who did this?".

    Concrete events add the thing changed (a foreign key) and a `kind` with their own choices.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]
