"""`name_text`: a product's folded name, English name and code alone, so search reads its first
rank (every word in the name) without the long `search_text` (catalog.search).

It is the part of `search_text` before NAME_END (migration 0006 wrote that layout), copied in
one UPDATE; a row without NAME_END is folded here from its fields (written out, not imported:
migrations stay as they were). The list's index carries it (and the seller), and on PostgreSQL
a trigram index serves it when its words are rare.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import StrIndex, Substr

from hoaban.core.pg import OnPostgreSQL
from hoaban.core.text import fold_join

NAME_END = "\x1f"


def fill_name_text(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    # "<name part> \x1f <own text>": the name part ends 2 characters before NAME_END.
    end = StrIndex(F("search_text"), Value(NAME_END))
    Product.objects.filter(search_text__contains=NAME_END).update(
        name_text=Substr(F("search_text"), 1, end - 2)
    )
    for product in Product.objects.exclude(search_text__contains=NAME_END).iterator():
        product.name_text = fold_join(product.name, product.name_en, product.code)
        product.save(update_fields=["name_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0007_list_order_covers_seller"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="name_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_name_text, migrations.RunPython.noop, elidable=True),
        migrations.RemoveIndex(
            model_name="product",
            name="product_list_order",
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                models.OrderBy(models.F("is_featured"), descending=True),
                models.F("name"),
                models.F("id"),
                condition=models.Q(("status", "published")),
                include=("name_text", "organisation"),
                name="product_list_order",
            ),
        ),
        OnPostgreSQL(
            migrations.AddIndex(
                model_name="product",
                index=GinIndex(
                    fields=["name_text"],
                    opclasses=["gin_trgm_ops"],
                    name="product_name_trgm",
                ),
            )
        ),
    ]
