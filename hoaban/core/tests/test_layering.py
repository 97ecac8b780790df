"""No app imports an app below it in DESIGN.md's direction of dependencies.

`core` → `places` → `accounts` → `orgs` → `catalog` → `inventory` → `commerce` → the channels
(`storefront`, `console`, `social`, `offline`, which do not import each other); `meet` and
`mentor` use up to `catalog`, `match` up to `commerce`; `impact` reads every app and no app
imports it; `api` assembles every app's router and `demo` writes through every app's services,
so both may import anything. Tests (any `tests/` folder) may import anything.

Every import counts: module-level, inside a function, under `if TYPE_CHECKING:`, relative
(`from ..catalog import x`). An app's router (`<app>/api.py`) may import the API's plumbing
(`hoaban.api.errors`, `.pagination`, `.auth`), never the assembly `hoaban.api.api`, which
imports the routers. Model relations (a `ForeignKey("catalog.Product")` names no import)
follow the same direction.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps as django_apps

PACKAGE = Path(__file__).resolve().parents[2]  # hoaban/

CHAIN = ["core", "places", "accounts", "orgs", "catalog", "inventory", "commerce"]
CHANNELS = ["storefront", "console", "social", "offline"]
ALL = "*"
# app → the apps it may import (besides itself).
ALLOWED: dict[str, set[str] | str] = {
    **{app: set(CHAIN[:i]) for i, app in enumerate(CHAIN)},
    **{channel: set(CHAIN) for channel in CHANNELS},
    "meet": set(CHAIN[: CHAIN.index("catalog") + 1]),
    "mentor": set(CHAIN[: CHAIN.index("catalog") + 1]),
    "match": set(CHAIN),
    "impact": ALL,  # reads every app (and nobody imports impact: it is in no other set)
    "api": ALL,
    "demo": ALL,
}
API_PLUMBING = {"hoaban.api.errors", "hoaban.api.pagination", "hoaban.api.auth"}


def imported_modules(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in `source`, wherever it is written."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            # `from hoaban import catalog` imports the app itself
            if name == "hoaban":
                found += [(node.lineno, f"hoaban.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, name))
    return found


def may_import(module: str, target: str) -> bool:
    """May `module` (hoaban.<app>.…) import `target`? (Outside hoaban: always.)"""
    app, other = module.split(".")[1], target.split(".")
    if other[0] != "hoaban" or len(other) < 2 or other[1] == app:
        return True
    allowed = ALLOWED.get(app, set())
    if allowed == ALL:
        return True
    is_router = module.split(".")[2:3] == ["api"]
    if is_router and any(target == m or target.startswith(m + ".") for m in API_PLUMBING):
        return True
    return other[1] in allowed


def violations_in(source: str, module: str, path: str, is_package: bool = False) -> list[str]:
    app = module.split(".")[1]
    return [
        f"{path}:{line}: {app} imports {target}, but {app} may import only "
        f"{_allowed_text(app)} (DESIGN.md, direction of dependencies)"
        for line, target in imported_modules(source, module, is_package)
        if not may_import(module, target)
    ]


def _allowed_text(app: str) -> str:
    allowed = ALLOWED.get(app, set())
    return ", ".join(app for app in CHAIN + CHANNELS if app in allowed) or "nothing of hoaban"


def app_modules():
    """(module name, path, is package) of every module of every app, tests left out."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if len(parts) < 2 or "tests" in parts:  # project modules (settings, urls), tests
            continue
        is_package = parts[-1] == "__init__"
        name = ".".join(("hoaban", *(parts[:-1] if is_package else parts)))
        yield name, path, is_package


# --- the checker finds what it must -----------------------------------------------------


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("hoaban.orgs.views", "from hoaban.catalog.queries import published_products", 1),
        ("hoaban.orgs.views", "def view():\n    from hoaban.catalog import models\n", 1),
        ("hoaban.orgs.views", "from ..catalog.models import Product", 1),
        ("hoaban.orgs.views", "from .. import catalog", 1),
        ("hoaban.orgs.views", "import hoaban.commerce.services", 1),
        (
            "hoaban.orgs.views",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from hoaban.catalog.models import Product\n",
            1,
        ),
        ("hoaban.catalog.views", "from hoaban.orgs.views import console_page", 0),
        ("hoaban.catalog.views", "from . import services\nfrom .models import Lot", 0),
        ("hoaban.storefront.views", "from hoaban.social.links import share", 1),
        ("hoaban.console.orders", "from hoaban.storefront.shop_forms import StockForm", 1),
        ("hoaban.console.orders", "from hoaban.commerce.services import order_confirm", 0),
        ("hoaban.storefront.views", "from hoaban.console.pages import console_page", 1),
        ("hoaban.commerce.services", "from hoaban.impact import indicators", 1),
        ("hoaban.demo.loader", "from hoaban.commerce.services import order_place", 0),
        ("hoaban.places.api", "from hoaban.api.errors import ERRORS", 0),
        ("hoaban.places.api", "from hoaban.api.api import api", 1),
        ("hoaban.places.services", "from hoaban.api.errors import ERRORS", 1),
    ],
)
def test_the_checker_names_every_kind_of_import_of_a_lower_app(module, source, expected):
    found = violations_in(source, module, "x.py")

    assert len(found) == expected, found


def test_a_violation_names_the_file_line_import_and_what_is_allowed():
    found = violations_in(
        "import os\n\nfrom hoaban.catalog import queries\n",
        "hoaban.orgs.views",
        "hoaban/orgs/views.py",
    )

    assert found == [
        "hoaban/orgs/views.py:3: orgs imports hoaban.catalog, but orgs may import only core, "
        "places, accounts (DESIGN.md, direction of dependencies)"
    ]


# --- the code follows it ----------------------------------------------------------------


def test_no_app_imports_an_app_below_it():
    # given every module of every app (tests left out)
    modules = list(app_modules())
    assert len(modules) > 100  # the walk found the apps

    # when their imports are checked against the direction of dependencies
    found = [
        violation
        for name, path, is_package in modules
        for violation in violations_in(
            path.read_text(), name, str(path.relative_to(PACKAGE.parent)), is_package
        )
    ]

    # then there is none
    assert found == [], "\n".join(found)


def test_every_app_has_a_place_in_the_direction():
    installed = {
        config.name.split(".")[1]
        for config in django_apps.get_app_configs()
        if config.name.startswith("hoaban.")
    }

    assert installed - set(ALLOWED) == set()


def test_model_relations_point_only_to_apps_above():
    found = [
        f"{model._meta.label}.{field.name} → {field.related_model._meta.label}"
        for model in django_apps.get_models()
        if model.__module__.startswith("hoaban.")
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created  # reverse relations: the other side is checked
        and field.related_model is not None
        and not may_import(model.__module__, field.related_model.__module__)
    ]

    assert found == [], "\n".join(found)
