from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommerceConfig(AppConfig):
    name = "hoaban.commerce"
    verbose_name = _("Commerce")
