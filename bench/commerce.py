"""`commerce.place_order.ms`: median time of one `order_place` call.

The basket is the common marketplace one: two products from two cooperatives, paid by VietQR,
delivered to an address — two orders, two reservations, two VietQR payloads, the events and
the after-commit notifications (eager Celery, in-memory message backend). Measured in a child
process against a fresh SQLite database in a temporary directory (migrated, reference data
loaded), so the demo database is never touched: 5 warm-up calls, then `BENCH_PLACE_CALLS`
(50) timed calls, each with its own idempotency key.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NA_RI = 2155


def note(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="hoaban-bench-") as tmp:
        env = {**os.environ, "HOABAN_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "hoaban.settings"}
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        result = subprocess.run(
            [sys.executable, "-m", "bench.commerce"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    if result.returncode != 0:
        note(f"commerce.place_order failed:\n{result.stderr[-2000:]}")
        return []
    median = float(result.stdout.strip().splitlines()[-1])
    note(f"order_place: 2 sellers, VietQR, SQLite; {result.stderr.strip()}")
    return [("commerce.place_order.ms", median, "ms")]


def measure() -> float:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from hoaban.catalog.models import Category, Product
    from hoaban.catalog.reference import reference_data_load
    from hoaban.commerce.services import BuyerInput, DeliveryInput, LineInput, order_place
    from hoaban.orgs.models import Organisation

    call_command("migrate", verbosity=0)
    reference_data_load()
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"
    category = Category.objects.order_by("pk").first()
    products = []
    for n in range(2):
        seller = Organisation.objects.create(
            slug=f"bench-htx-{n}",
            name=f"HTX Bench {n}",
            commune_id=NA_RI,
            contact_phone="+84912000111",
            bank_bin="970405",
            bank_account="1234567890123",
            bank_holder="HTX BENCH",
        )
        products.append(
            Product.objects.create(
                organisation=seller,
                code=f"BENCH{n}",
                name=f"Miến dong {n}",
                category=category,
                origin_commune_id=NA_RI,
                price=45_000,
                weight_grams=500,
                stock=1_000_000,
                status=Product.Status.PUBLISHED,
            )
        )

    def place(key: str) -> None:
        order_place(
            lines=[LineInput(product=p.code, quantity=2) for p in products],
            buyer=BuyerInput(name="Nguyễn Thị Lan", phone="0912 345 678"),
            delivery=DeliveryInput(method="ship", address="Thôn Nà Lạn", commune=NA_RI),
            payment_method="vietqr",
            channel="eco",
            idempotency_key=key,
            idempotency_scope="bench",  # one client (issue 7: keys are scoped per client)
        )

    for n in range(5):
        place(f"warm-{n}")
    timings = []
    for n in range(int(os.environ.get("BENCH_PLACE_CALLS", "50"))):
        started = time.perf_counter()
        place(f"bench-{n}")
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    print(
        f"{len(timings)} calls, median {median:.1f} ms, "
        f"p90 {statistics.quantiles(timings, n=10)[-1]:.1f} ms",
        file=sys.stderr,
    )
    return median


if __name__ == "__main__":
    print(f"{measure():.3f}")
