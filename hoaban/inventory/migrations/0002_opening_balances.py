"""Move each product's stock integer into the ledger: a Stock row at its organisation's store
and an opening recount movement. `Product.stock` stays, as the total the ledger keeps."""

from django.db import migrations
from django.utils import timezone

NOTE = "Opening balance (stock before the ledger)"


def forwards(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Location = apps.get_model("inventory", "Location")
    Stock = apps.get_model("inventory", "Stock")
    StockMovement = apps.get_model("inventory", "StockMovement")
    started = set(Stock.objects.values_list("product_id", flat=True))
    rows = list(
        Product.objects.filter(stock__gt=0)
        .exclude(pk__in=started)
        .values_list("pk", "organisation_id", "stock")
        .order_by("pk")
    )
    if not rows:
        return
    organisations = sorted({o for _pk, o, _n in rows})
    Location.objects.bulk_create(
        [Location(organisation_id=o, kind="store") for o in organisations], ignore_conflicts=True
    )
    stores = dict(
        Location.objects.filter(organisation_id__in=organisations, kind="store").values_list(
            "organisation_id", "pk"
        )
    )
    now = timezone.now()
    Stock.objects.bulk_create(
        [Stock(product_id=pk, location_id=stores[o], quantity=n) for pk, o, n in rows],
        batch_size=500,
    )
    StockMovement.objects.bulk_create(
        [
            StockMovement(
                product_id=pk,
                location_id=stores[o],
                kind="recount",
                quantity=n,
                balance=n,
                at=now,
                note=NOTE,
            )
            for pk, o, n in rows
        ],
        batch_size=500,
    )


def backwards(apps, schema_editor):
    """The ledger goes; `Product.stock` already holds the totals."""
    apps.get_model("inventory", "StockMovement").objects.all().delete()
    apps.get_model("inventory", "Stock").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_stock_ledger")]

    operations = [migrations.RunPython(forwards, backwards)]
