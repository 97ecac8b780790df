"""Loading the official list of provinces and communes (idempotent)."""

import bisect
import csv
import json
from pathlib import Path

import vietnam_provinces
from django.db import transaction

from hoaban.core.text import fold, fold_join

FORMER_PROVINCES_CSV = Path(__file__).parent / "data" / "former_provinces.csv"


def short_province_name(name: str) -> str:
    """`Thành phố Hà Nội` → `Hà Nội`; `Cao Bằng` stays."""
    prefix = "Thành phố "
    return name[len(prefix) :] if name.startswith(prefix) else name


def read_former_provinces() -> list[dict]:
    with FORMER_PROVINCES_CSV.open(encoding="utf-8") as handle:
        rows = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(rows))


def former_province_code_for(commune_code: int, former: list[tuple[int, int]]) -> int:
    """Which former province a commune lies in.

    `former` holds (first_commune_code, former_code) for the old provinces merged into the
    commune's province, sorted. Old commune codes were given out province by province, so the
    old province is the last one whose first code is not above the commune's code.
    """
    starts = [start for start, _code in former]
    index = bisect.bisect_right(starts, commune_code) - 1
    return former[max(index, 0)][1]


@transaction.atomic
def places_load() -> tuple[int, int]:
    """Create or update the 34 provinces, 63 former provinces and 3,321 communes.

    Returns (provinces, communes) counts. Safe to run again: rows are matched by official code.
    """
    from .models import Commune, FormerProvince, Province

    data = json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text("utf-8"))
    former_rows = read_former_provinces()
    former_names: dict[int, list[str]] = {}
    for row in former_rows:
        former_names.setdefault(int(row["new_province_code"]), []).append(row["name"])

    provinces = [
        Province(
            code=p["code"],
            name=p["name"],
            short_name=short_province_name(p["name"]),
            codename=p["codename"],
            division_type=p["division_type"],
            phone_code=p.get("phone_code"),
            search_text=fold_join(p["name"], *former_names.get(p["code"], [])),
        )
        for p in data
    ]
    Province.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "name",
            "short_name",
            "codename",
            "division_type",
            "phone_code",
            "search_text",
        ],
    )

    formers = [
        FormerProvince(
            code=int(row["code"]),
            name=row["name"],
            province_id=int(row["new_province_code"]),
            first_commune_code=int(row["first_commune_code"]),
            search_text=fold(row["name"]),
        )
        for row in former_rows
    ]
    FormerProvince.objects.bulk_create(
        formers,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "province", "first_commune_code", "search_text"],
    )
    former_by_province: dict[int, list[tuple[int, int]]] = {}
    former_name = {f.code: f.name for f in formers}
    for f in formers:
        former_by_province.setdefault(f.province_id, []).append((f.first_commune_code, f.code))
    for entries in former_by_province.values():
        entries.sort()

    communes = []
    for p in data:
        province_name = short_province_name(p["name"])
        for w in p["wards"]:
            former_code = former_province_code_for(w["code"], former_by_province[p["code"]])
            communes.append(
                Commune(
                    code=w["code"],
                    name=w["name"],
                    codename=w["codename"],
                    division_type=w["division_type"],
                    province_id=p["code"],
                    former_province_id=former_code,
                    search_text=fold_join(w["name"], province_name, former_name[former_code]),
                )
            )
    Commune.objects.bulk_create(
        communes,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "name",
            "codename",
            "division_type",
            "province",
            "former_province",
            "search_text",
        ],
    )
    return len(provinces), len(communes)
