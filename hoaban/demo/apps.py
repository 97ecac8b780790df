from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "hoaban.demo"
    verbose_name = "Demo data"
