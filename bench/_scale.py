"""The worker of `bench/scale.py`, run as `python -m bench._scale` with `DATABASE_URL` set to
the bench's own PostgreSQL database (dropped and made again here).

Prints `FIGURE name value unit` lines on stdout; notes go to stderr. The SQL is built from
constants and model metadata only (no outside input).
"""
# ruff: noqa: S608

import os
import statistics
import sys
import time

import dj_database_url
import psycopg
from psycopg import sql

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
REPEAT = int(os.environ.get("BENCH_SCALE_REPEAT", "7"))
ROUNDS = int(os.environ.get("BENCH_SCALE_ROUNDS", "3"))
PRODUCTS = max(int(100_000 * SCALE), 50)
ORGANISATIONS = max(int(2_000 * SCALE), 5)
ORDERS = max(int(1_000_000 * SCALE), 100)
SEARCH = "mien dong"


def note(message: str) -> None:
    print(f"# scale: {message}", file=sys.stderr, flush=True)


def recreate_database() -> None:
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        name = sql.Identifier(config["NAME"])
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def copy_rows(model, count: int, overrides: dict[str, str], where: str = "TRUE") -> None:
    """Insert `count` rows into `model`'s table, each a copy of one existing row (cycling over
    those matching `where`) with `overrides` (column → SQL over `b`, the model row, and `g`,
    1…count). One statement on the server."""
    from django.db import connection

    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    exprs = [overrides.get(c, f'b."{c}"') for c in columns]
    statement = f"""
        WITH base AS (
            SELECT *, row_number() OVER (ORDER BY id) - 1 AS rn,
                   count(*) OVER () AS n FROM "{table}" WHERE {where}
        )
        INSERT INTO "{table}" ({", ".join(f'"{c}"' for c in columns)})
        SELECT {", ".join(exprs)}
        FROM generate_series(1, {count}) AS g
        JOIN base AS b ON b.rn = g % (SELECT max(n) FROM base)
    """
    with connection.cursor() as cursor:
        cursor.execute(statement)


def build() -> None:
    from django.core.management import call_command
    from django.db import connection

    from hoaban.catalog.models import Product, ProductImage
    from hoaban.commerce.models import ChannelListing, Order, OrderLine, StockReservation
    from hoaban.orgs.models import Organisation

    started = time.monotonic()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("loadreference", verbosity=0)
    call_command("demo", "--small", verbosity=0)
    note(f"migrate + reference + small demo in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    first_org = Organisation.objects.order_by("-pk").values_list("pk", flat=True).first()
    copy_rows(
        Organisation,
        ORGANISATIONS,
        {
            "slug": "b.slug || '-s' || g",
            "name": "b.name || ' ' || g",
            "search_text": "b.search_text || ' ' || g",
        },
        where="kind IN ('coop', 'coop_group', 'womens_group', 'household')",
    )
    new_orgs = f"SELECT array_agg(id ORDER BY id) FROM orgs_organisation WHERE id > {first_org}"
    first_product = Product.objects.order_by("-pk").values_list("pk", flat=True).first()
    overrides = {
        "organisation_id": f"({new_orgs})[1 + g % {ORGANISATIONS}]",
        "code": "'S' || lpad(g::text, 7, '0')",
        "name": "b.name || ' ' || g",
        "search_text": "b.search_text || ' ' || g",
        "status": "CASE WHEN g % 20 = 0 THEN 'draft' ELSE 'published' END",
        "is_featured": "g % 100 = 0",
        "stock": "g % 13 * 5",
        "created_at": "now() - g * interval '1 minute'",
        "updated_at": "now()",
    }
    for field in ("name_text",):  # folded columns some versions have: follow the name
        if any(f.column == field for f in Product._meta.concrete_fields):
            overrides[field] = f"b.{field} || ' ' || g"
    copy_rows(Product, PRODUCTS, overrides, where="status = 'published'")
    with connection.cursor() as cursor:
        # One image per new product (the files of the demo's), every tenth one listed on eCo.
        image_columns = [f.column for f in ProductImage._meta.concrete_fields if not f.primary_key]
        cursor.execute(
            f"""
            INSERT INTO {ProductImage._meta.db_table} ({", ".join(image_columns)})
            SELECT {", ".join("p.id" if c == "product_id" else f"i.{c}" for c in image_columns)}
            FROM {Product._meta.db_table} p
            JOIN LATERAL (SELECT * FROM {ProductImage._meta.db_table} LIMIT 1) i ON TRUE
            WHERE p.id > {first_product}
            """,
        )
        cursor.execute(
            f"""
            INSERT INTO {ChannelListing._meta.db_table} (product_id, channel_id, price,
                is_available)
            SELECT p.id, c.id, p.price + 1000, TRUE
            FROM {Product._meta.db_table} p, commerce_channel c
            WHERE p.id > {first_product} AND p.id % 10 = 0 AND c.code = 'eco'
            """
        )
        cursor.execute("SELECT id FROM commerce_channel WHERE code = 'eco'")
        eco = cursor.fetchone()[0]
        all_communes = "SELECT array_agg(code ORDER BY code) FROM places_commune"
        cursor.execute("SELECT count(*) FROM places_commune")
        communes = cursor.fetchone()[0]
        order_values = {
            "code": "'Z' || lpad(upper(to_hex(g)), 7, '0')",
            "seller_id": f"({new_orgs})[1 + g % {ORGANISATIONS}]",
            "channel_id": str(eco),
            "source": "'web'",
            "source_ref": "''",
            "placement_id": "NULL",
            "buyer_name": "'Khách ' || g",
            "buyer_phone": "'+8490' || lpad((g % 10000000)::text, 7, '0')",
            "buyer_user_id": "NULL",
            "language": "'vi'",
            "delivery_method": "CASE WHEN g % 3 = 0 THEN 'pickup' ELSE 'ship' END",
            "address": "'Thôn ' || g % 90",
            "commune_id": (
                f"CASE WHEN g % 3 = 0 THEN NULL ELSE ({all_communes})[1 + g % {communes}] END"
            ),
            "carrier_address": "'{}'::jsonb",
            "status": (
                "(ARRAY['placed','confirmed','packed','shipped','delivered','completed',"
                "'cancelled','returned'])[1 + g % 8]"
            ),
            "subtotal": "100000",
            "shipping_fee": "0",
            "total": "100000",
            "created_at": "now() - g * interval '30 seconds'",
            "updated_at": "now() - g * interval '30 seconds'",
        }
        columns = [f.column for f in Order._meta.concrete_fields if not f.primary_key]
        missing = [c for c in columns if c not in order_values]
        if missing:
            raise SystemExit(f"bench._scale: say how to fill Order.{', '.join(missing)}")
        cursor.execute(
            f"INSERT INTO {Order._meta.db_table} ({', '.join(columns)}) "
            f"SELECT {', '.join(order_values[c] for c in columns)} "
            f"FROM generate_series(1, {ORDERS}) AS g"
        )
        cursor.execute(
            f"""
            INSERT INTO {OrderLine._meta.db_table} (order_id, product_id, product_code,
                product_name, unit_price, quantity, line_total, lot_id)
            SELECT o.id, p.id, p.code, p.name, 100000, 1, 100000, NULL
            FROM {Order._meta.db_table} o
            JOIN {Product._meta.db_table} p ON p.id = (
                SELECT array_agg(id ORDER BY id) FROM {Product._meta.db_table}
                WHERE id > {first_product}
            )[1 + o.id % {PRODUCTS}]
            """,
        )
        # A hold on one line in fifty: one in ten of those still active.
        cursor.execute(
            f"""
            INSERT INTO {StockReservation._meta.db_table} (product_id, order_line_id, quantity,
                expires_at, is_released, is_consumed, created_at)
            SELECT product_id, id, 1,
                   CASE WHEN id % 500 = 0 THEN now() + interval '1 day'
                        ELSE now() - interval '1 day' END,
                   FALSE, id % 500 <> 0 AND id % 3 = 0, now()
            FROM {OrderLine._meta.db_table} WHERE id % 50 = 0
            """
        )
        cursor.execute("VACUUM ANALYZE")
    note(
        f"bulk: {ORGANISATIONS} organisations, {PRODUCTS} products, {ORDERS} orders "
        f"in {time.monotonic() - started:.0f} s"
    )


def last_page_params(count: int) -> dict:
    """The API's deepest page: with cursors (`hoaban.api.pagination`), the cursor after the row
    before the last 20 (what following `next` reaches); without, the last offset."""
    try:
        from hoaban.api.pagination import encode_cursor
    except ImportError:
        return {"limit": 20, "offset": max(count - 20, 0)}
    from hoaban.catalog.queries import product_search

    before = product_search().order_by("name", "pk").values_list("name", "pk")[count - 21]
    return {"limit": 20, "cursor": encode_cursor(list(before))}


def web_last_page_params(count: int) -> dict:
    """The product list's last page as "Next" reaches it: with cursors
    (`hoaban.storefront.list_pages`), `after` the row before the last 24; without, by number."""
    pages = (count + 23) // 24
    try:
        from hoaban.storefront.list_pages import ORDERING, cursor_of
    except ImportError:
        return {"page": str(pages)}
    from hoaban.catalog.queries import product_search

    before = product_search().order_by(*ORDERING)[(pages - 1) * 24 - 1]
    return {"page": str(pages), "after": cursor_of(before)}


def measure() -> None:
    from django.conf import settings
    from django.test import Client

    from hoaban.catalog.queries import product_search

    client = Client()
    # A session cookie makes every page render (the whole-page cache serves only visitors
    # without one): these figures are the queries' and templates' cost, not a cache hit's.
    client.cookies[settings.SESSION_COOKIE_NAME] = "bench-scale-uncached"
    count = product_search().count()
    targets = {
        "products": ("/products/", {}),
        "products_last_page": ("/products/", web_last_page_params(count)),
        "search": ("/products/", {"q": SEARCH}),
        "home": ("/", {}),
        "api_last_page": ("/api/v1/products", last_page_params(count)),
    }
    rounds: dict[str, list[float]] = {name: [] for name in targets}
    for path, params in targets.values():  # warm up, and check each answers
        response = client.get(path, params)
        if response.status_code != 200:
            raise SystemExit(f"bench._scale: {path} {params} answered {response.status_code}")
    for _ in range(ROUNDS):
        for name, (path, params) in targets.items():
            times = []
            for _ in range(REPEAT):
                started = time.perf_counter()
                client.get(path, params)
                times.append((time.perf_counter() - started) * 1000)
            rounds[name].append(statistics.median(times))
    for name, medians in rounds.items():
        note(f"{name}: round medians {', '.join(f'{m:.1f}' for m in medians)} ms")
        print(f"FIGURE scale.{name}_100k.ms {statistics.median(medians):.2f} ms", flush=True)


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoaban.settings")
    note(f"size ×{SCALE}: {PRODUCTS} products, {ORGANISATIONS} organisations, {ORDERS} orders")
    recreate_database()
    django.setup()
    build()
    measure()


if __name__ == "__main__":
    main()
