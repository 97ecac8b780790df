"""Load the demo data set (`hoaban demo`): fictional people and products in real communes.

Idempotent by natural keys: organisations by slug, people by phone, products by code, lots by
code, certificates by (organisation, number), improvements by (organisation, date, area).
Only what is missing is created; existing rows are never changed, so a second run changes
nothing. Passwords are hashed once (Argon2 is slow on purpose) and shared by the members.

The work is split: `plan.py` draws every row from one seeded generator (deterministic),
`loader.py` writes what is missing, `pictures.py` draws the images, `logins.py` holds the
accounts to log in with, `english.py` the English texts, `history_plan.py` and `history.py`
the order history (placed and moved through the commerce services).
"""

from collections.abc import Callable

from django.db import transaction

from hoaban.accounts.models import EthnicGroup
from hoaban.catalog.reference import reference_data_load
from hoaban.places.models import Commune

from .loader import DemoLoader, Progress
from .logins import DEMO_LOGINS, DEMO_PASSWORD, demo_logins
from .organisations import ALL_ORGS
from .plan import Places, PlannedOrg, demo_plan

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "demo_load", "demo_logins", "places_for_demo"]


def _no_progress(steps: int, label: str) -> None:
    return None


def _no_start(total: int) -> None:
    return None


def places_for_demo() -> Places:
    """The communes of the former provinces the demo organisations sit in, by name."""
    formers = {spec.former for spec in ALL_ORGS}
    communes = Commune.objects.select_related("province", "former_province").filter(
        former_province_id__in=formers
    )
    by_name, neighbours, labels = {}, {}, {}
    for commune in communes.order_by("code"):
        former = commune.former_province
        by_name[(commune.former_province_id, commune.name)] = commune.code
        neighbours.setdefault(commune.former_province_id, []).append(commune.code)
        labels[commune.code] = (commune.name, commune.province.short_name, former.name)
    missing = [spec.commune for spec in ALL_ORGS if (spec.former, spec.commune) not in by_name]
    if missing:
        raise LookupError(f"Communes not found (load the reference data first): {missing}")
    return Places(by_name=by_name, neighbours=neighbours, labels=labels)


def demo_total_steps(orgs: list[PlannedOrg]) -> int:
    """Progress steps: reference data, organisations, people, products, images, logos."""
    products = sum(len(o.products) for o in orgs)
    return 1 + len(orgs) * 2 + sum(len(o.members) for o in orgs) + products * 2


def demo_load(
    *,
    small: bool = False,
    progress: Progress = _no_progress,
    on_start: Callable[[int], None] = _no_start,
) -> dict[str, int]:
    """Create what is missing of the demo data set; return counts of what was created.

    Loads the reference data first (so it works on a fresh database). `on_start(total)` is
    called once the plan is drawn, `progress(steps, label)` as work is done (the command turns
    both into a progress bar).
    """
    reference_data_load()
    ethnic_names = dict(EthnicGroup.objects.values_list("code", "name"))
    orgs = demo_plan(places_for_demo(), ethnic_names, small=small)
    on_start(demo_total_steps(orgs))
    progress(1, "reference data")
    with transaction.atomic():
        return DemoLoader(orgs, progress).run()
