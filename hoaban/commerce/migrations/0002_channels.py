"""The four sales channels are fixed: create them here so every database has them."""

from django.db import migrations

CHANNELS = [
    ("eco", "Marketplace (eCo)"),
    ("eso", "Social selling (eSo)"),
    ("offline", "Phone, SMS, market and agents"),
    ("b2b", "Business deals"),
]


def create_channels(apps, schema_editor):
    Channel = apps.get_model("commerce", "Channel")
    for code, name in CHANNELS:
        Channel.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("commerce", "0001_initial")]

    operations = [migrations.RunPython(create_channels, migrations.RunPython.noop)]
