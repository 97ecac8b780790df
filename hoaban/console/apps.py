from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    name = "hoaban.console"
    verbose_name = _("Manager's console")
