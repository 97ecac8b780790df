"""Each placement gets a random token for its order-placed page (no longer the client's
idempotency key). Existing placements get one each, then the column becomes unique."""

from django.db import migrations, models

import hoaban.commerce.codes


def tokens_fill(apps, schema_editor):
    record_model = apps.get_model("commerce", "IdempotencyRecord")
    for record in record_model.objects.filter(token__isnull=True).only("pk").iterator():
        record_model.objects.filter(pk=record.pk).update(
            token=hoaban.commerce.codes.placement_token_new()
        )


class Migration(migrations.Migration):
    dependencies = [("commerce", "0002_channels")]

    operations = [
        migrations.AddField(
            model_name="idempotencyrecord",
            name="token",
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(tokens_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="idempotencyrecord",
            name="token",
            field=models.CharField(
                default=hoaban.commerce.codes.placement_token_new,
                editable=False,
                max_length=32,
                unique=True,
            ),
        ),
    ]
