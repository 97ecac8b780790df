"""Reference data for accounts: the 54 ethnic groups (idempotent load)."""

import csv
from pathlib import Path

ETHNIC_GROUPS_CSV = Path(__file__).parent / "data" / "ethnic_groups.csv"


def ethnic_groups_load() -> int:
    from .models import EthnicGroup

    with ETHNIC_GROUPS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    EthnicGroup.objects.bulk_create(
        [EthnicGroup(code=r["code"], name=r["name"], name_en=r["name_en"]) for r in rows],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "name_en"],
    )
    return len(rows)
