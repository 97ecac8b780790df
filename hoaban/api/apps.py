from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hoaban.api"
    verbose_name = "API"
