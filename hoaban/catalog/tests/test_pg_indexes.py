"""On PostgreSQL: the trigram indexes exist, and search and the lists can use their indexes."""

import pytest
from django.db import connection

from hoaban.catalog.models import Product
from hoaban.catalog.queries import LIST_ORDER, product_search
from hoaban.catalog.search import in_name, matches
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.core.text import search_terms

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL only (DATABASE_URL=postgres://…)"
    ),
]


def indexes(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return dict(cursor.fetchall())


def test_the_trigram_and_list_indexes_exist():
    products = indexes("catalog_product")
    assert "gin_trgm_ops" in products["product_search_trgm"]
    assert "gin_trgm_ops" in indexes("orgs_organisation")["organisation_search_trgm"]
    for name in ("product_list_order", "product_home_order", "product_api_order"):
        assert "WHERE" in products[name]  # partial: published products only


def test_the_search_condition_is_served_by_the_trigram_indexes():
    """Both halves of a word's match (the product's text, its seller's) can be read from the
    trigram indexes and OR-ed (BitmapOr), instead of reading every product: what keeps
    search fast at 100,000 products (bench/scale.py). The tables here are tiny, so sequential
    scans are turned off to ask what the planner can use."""
    ProductFactory(name="Miến dong Na Rì")
    condition = Product.objects.filter(matches(search_terms("mien dong"))).values("pk")
    sql, params = condition.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        text = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on product_search_trgm" in text
    assert "Bitmap Index Scan on organisation_search_trgm" in text
    assert "BitmapOr" in text
    assert "Seq Scan on catalog_product" not in text


def explain(sql: str, params, **settings: str) -> str:
    with connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(f"SET LOCAL enable_{name} = {value}")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_name_rank_is_read_in_order_from_the_list_index_alone():
    """A search's first rank (every word in the name) in the list's order: product_list_order
    carries `name_text` and the seller, so when the words are common PostgreSQL can walk it
    and stop early without reading the table (an index-only scan); when they are rare, the
    trigram index on `name_text` finds them. (Tiny tables: plans are forced to ask what the
    planner can use.)"""
    products = indexes("catalog_product")
    assert "INCLUDE (name_text, organisation_id)" in products["product_list_order"]
    assert "gin_trgm_ops" in products["product_name_trgm"]
    ProductFactory(name="Miến dong Na Rì")
    rank0 = product_search().filter(in_name(search_terms("mien dong"))).order_by(*LIST_ORDER)
    walk = explain(*rank0.values("pk")[:25].query.sql_with_params(), bitmapscan="off", sort="off")
    words = Product.objects.filter(in_name(search_terms("mien dong"))).values("pk")
    rare = explain(*words.query.sql_with_params(), seqscan="off", bitmapscan="on")

    assert "Index Only Scan using product_list_order" in walk
    assert "Bitmap Index Scan on product_name_trgm" in rare
