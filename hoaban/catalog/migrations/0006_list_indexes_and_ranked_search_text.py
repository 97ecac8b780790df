"""List orderings indexed; search text laid out for ranking; trigram index on PostgreSQL.

`search_text` becomes: folded name and code, NAME_END, then category, ethnic group, places and
description (catalog.services.product_search_text; catalog.search ranks by it). The rows are
recomputed here with the same layout (written out, not imported: migrations stay as they were).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from hoaban.core.pg import OnPostgreSQL
from hoaban.core.text import fold_join

NAME_END = "\x1f"


def recompute_search_text(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    products = Product.objects.select_related(
        "category",
        "ethnic_group",
        "origin_commune__province",
        "origin_commune__former_province",
    ).order_by("pk")
    batch = []
    for product in products.iterator(chunk_size=1000):
        commune = product.origin_commune
        places = [commune.name, commune.province.name]
        if commune.former_province_id:
            places.append(commune.former_province.name)
        own = fold_join(
            product.category.name,
            product.category.name_en,
            product.ethnic_group.name if product.ethnic_group_id else "",
            *dict.fromkeys(places),
            product.description,
        )
        product.search_text = f"{fold_join(product.name, product.name_en, product.code)} {NAME_END} {own}"
        batch.append(product)
        if len(batch) >= 1000:
            Product.objects.bulk_update(batch, ["search_text"])
            batch = []
    Product.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_role_granted_by_and_until'),
        ('catalog', '0005_product_english_texts'),
        ('orgs', '0006_refuse_reserved_slugs'),
        ('places', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(recompute_search_text, migrations.RunPython.noop, elidable=True),
        TrigramExtension(),  # CREATE EXTENSION pg_trgm, on PostgreSQL only (built in)
        OnPostgreSQL(
            migrations.AddIndex(
                model_name="product",
                index=GinIndex(
                    fields=["search_text"],
                    opclasses=["gin_trgm_ops"],
                    name="product_search_trgm",
                ),
            )
        ),
        migrations.AddIndex(
            model_name='product',
            index=models.Index(models.OrderBy(models.F('is_featured'), descending=True), models.F('name'), models.F('id'), condition=models.Q(('status', 'published')), name='product_list_order'),
        ),
        migrations.AddIndex(
            model_name='product',
            index=models.Index(models.OrderBy(models.F('is_featured'), descending=True), models.OrderBy(models.F('created_at'), descending=True), models.F('id'), condition=models.Q(('status', 'published')), name='product_home_order'),
        ),
        migrations.AddIndex(
            model_name='product',
            index=models.Index(models.F('organisation'), models.F('origin_commune'), condition=models.Q(('status', 'published')), name='product_published_places'),
        ),
        migrations.AddIndex(
            model_name='product',
            index=models.Index(models.F('name'), models.F('id'), condition=models.Q(('status', 'published')), name='product_api_order'),
        ),
    ]
