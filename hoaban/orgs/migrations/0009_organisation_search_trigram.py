"""A trigram index on the organisations' search text, on PostgreSQL only (product search
matches a word in the seller's name or place through it: catalog.search)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from hoaban.core.pg import OnPostgreSQL


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0008_certificate_kind_star_labels"),
    ]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION IF NOT EXISTS pg_trgm, on PostgreSQL only
        OnPostgreSQL(
            migrations.AddIndex(
                model_name="organisation",
                index=GinIndex(
                    fields=["search_text"],
                    opclasses=["gin_trgm_ops"],
                    name="organisation_search_trgm",
                ),
            )
        ),
    ]
