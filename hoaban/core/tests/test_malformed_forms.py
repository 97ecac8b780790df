"""A table of malformed inputs through every web form (issue 6): NUL bytes, numbers beyond the
columns (10**30, -1, 2**63), overlong strings and wrong types. Each must get a 4xx, or the form
again (200, or a redirect to a page) with a message, never a 500, and leave the database as it
was. It matters on PostgreSQL (CI runs it there too): SQLite stores what PostgreSQL refuses.

Each form also has a control row: its valid data does save, so each bad value is the only
thing wrong with what is posted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps

from hoaban.accounts.tests.factories import UserFactory
from hoaban.catalog.tests.factories import LotFactory, ProductFactory, category
from hoaban.commerce.services import (
    order_complete,
    order_confirm,
    order_deliver,
    order_pack,
    order_ship,
)
from hoaban.commerce.tests.builders import BUYER_E164, BUYER_PHONE, place, seller_with_bank
from hoaban.orgs.models import Membership
from hoaban.orgs.tests.factories import NA_RI, CertificateFactory, MembershipFactory

pytestmark = pytest.mark.django_db

THAI_NGUYEN = 19
HUGE = ["1" + "0" * 30, "-1", str(2**63)]
WRONG = ["abc", "1e5"]
NUL = ["ab\x00c"]
LONG = ["x" * 5000]
SNAPSHOT_APPS = ["accounts", "orgs", "catalog", "commerce", "api"]
# What a page shows when it refuses: a field error, an alert, a flashed error, the edge's page.
MESSAGE_MARKERS = (
    'class="errorlist',
    'class="field-error"',
    'role="alert"',
    'class="msg-error"',
    "Không đọc được yêu cầu",
)


@dataclass
class World:
    client: object
    slug: str
    product: object
    lot: object
    order_code: str  # "" unless the form needs orders (placing them costs time)
    completed_code: str
    manager: object
    buyer: object


@dataclass
class Form:
    name: str
    url: Callable[[World], str]
    data: Callable[[World], dict]
    who: str  # "manager", "buyer" or "anyone"
    attacks: dict[str, list[str]] = field(default_factory=dict)
    before: Callable[[World], None] | None = None  # e.g. fill the basket
    needs_orders: bool = False


def _complete(order, user):
    for step in (order_confirm, order_pack):
        step(order=order, by=user)
    order_ship(order=order, by=user, carrier="seller")
    order_deliver(order=order, by=user)
    order_complete(order=order, by=user)


def make_world(client, *, orders: bool) -> World:
    seller = seller_with_bank(slug="htx-na-ri")
    manager = MembershipFactory(organisation=seller, role=Membership.Role.MANAGER).user
    member = MembershipFactory(organisation=seller)
    product = ProductFactory(organisation=seller, code="MD05", stock=50, price=45_000)
    lot = LotFactory(product=product, producers=[member])
    CertificateFactory(organisation=seller)
    buyer = UserFactory(phone="+84912000777", full_name="Lò Thị Dung")
    codes = ["", ""]
    if orders:
        order = place([(product, 1)]).orders[0]
        completed = place([(product, 1)]).orders[0]
        _complete(completed, manager)
        codes = [order.code, completed.code]
    return World(client, seller.slug, product, lot, *codes, manager, buyer)


def product_data(world: World, *, creating: bool) -> dict:
    data = {
        "name": "Mật ong Ba Bể",
        "code": "",
        "category": str(category().pk),
        "unit": "kg",
        "price": "120000",
        "weight_grams": "500",
        "description": "Mật ong rừng.",
        "story": "",
        "ethnic_group": "",
        "province": str(THAI_NGUYEN),
        "origin_commune": str(NA_RI),
    }
    if not creating:  # (no stock field: stock is counted on the products page, issue 7)
        data["code"] = world.product.code
    return data


def signup_data(world: World) -> dict:
    return {
        "phone": "0912 888 999",
        "password1": "hoa-ban-2026",
        "password2": "hoa-ban-2026",
        "full_name": "Hoàng Thị Mai",
        "email": "",
        "gender": "female",
        "birth_year": "1988",
        "ethnicity": "02",
        "preferred_language": "vi",
        "province": str(THAI_NGUYEN),
        "home_commune": str(NA_RI),
        "consent": "on",
    }


def profile_data(world: World) -> dict:
    data = signup_data(world)
    for key in ("phone", "password1", "password2", "consent"):
        data.pop(key)
    data["full_name"] = "Lò Thị Dung Mới"
    return data


def fill_basket(world: World) -> None:
    world.client.post("/cart/add/", {"product": "MD05", "quantity": "2"})


FORMS = [
    Form(
        "product create",
        lambda w: f"/manage/{w.slug}/products/new/",
        lambda w: product_data(w, creating=True),
        "manager",
        {
            "price": HUGE + WRONG + NUL,
            "weight_grams": HUGE + WRONG,
            "name": LONG + NUL,
            "code": LONG + ["ab!"],
            "category": HUGE + WRONG,
            "unit": WRONG,
            "province": HUGE + WRONG,
            "origin_commune": HUGE + WRONG,
            "description": NUL,
            "certificates": HUGE + WRONG,
        },
    ),
    Form(
        "product edit",
        lambda w: f"/manage/{w.slug}/products/MD05/",
        lambda w: product_data(w, creating=False),
        "manager",
        {"price": HUGE + WRONG, "weight_grams": HUGE, "name": LONG + NUL, "story": NUL},
    ),
    Form(
        "product stock",
        lambda w: f"/manage/{w.slug}/products/MD05/stock/",
        lambda w: {"stock": "40"},
        "manager",
        {"stock": HUGE + WRONG + NUL},
    ),
    Form(
        "shop stock",
        lambda w: f"/manage/{w.slug}/stock/",
        lambda w: {"product": "MD05", "stock": "40"},
        "manager",
        {"stock": HUGE + WRONG + NUL, "product": NUL},
    ),
    Form(
        "lot",
        lambda w: f"/manage/{w.slug}/lots/",
        lambda w: {
            "product": str(w.product.pk),
            "produced_on": "2026-01-15",
            "quantity": "100",
            "notes": "",
        },
        "manager",
        {
            "quantity": HUGE + WRONG + NUL,
            "product": HUGE + WRONG,
            "produced_on": ["2026-13-45", "99999-01-01", "abc"] + NUL,
            "producers": HUGE + WRONG,
            "notes": NUL,
        },
    ),
    Form(
        "certificate",
        lambda w: f"/manage/{w.slug}/records/",
        lambda w: {
            "certificate-kind": "vietgap",
            "certificate-title": "VietGAP",
            "certificate-number": "VG-1",
            "certificate-issued_on": "2026-01-10",
            "certificate-expires_on": "2028-01-10",
        },
        "manager",
        {
            "certificate-kind": WRONG + NUL,
            "certificate-title": LONG + NUL,
            "certificate-number": LONG,
            "certificate-issued_on": ["2026-02-30", "abc", "-1"] + NUL,
            "certificate-expires_on": ["99999-12-31"] + HUGE,
        },
    ),
    Form(
        "improvement",
        lambda w: f"/manage/{w.slug}/records/",
        lambda w: {
            "improvement-date": "2026-01-10",
            "improvement-area": "packaging",
            "improvement-description": "Bao bì giấy mới",
            "improvement-cost": "2000000",
            "improvement-supporter": "UNDP",
        },
        "manager",
        {
            "improvement-cost": HUGE + WRONG + NUL,
            "improvement-date": ["abc", "0000-01-01"],
            "improvement-area": WRONG,
            "improvement-description": NUL,
            "improvement-supporter": LONG + NUL,
        },
    ),
    Form(
        "organisation",
        lambda w: f"/manage/{w.slug}/edit/",
        lambda w: {
            "name": "HTX Na Rì Mới",
            "kind": "coop",
            "story": "Chị em người Tày.",
            "province": str(THAI_NGUYEN),
            "commune": str(NA_RI),
            "address": "Thôn Nà Lạn",
            "contact_phone": "0912 000 111",
        },
        "manager",
        {
            "name": LONG + NUL,
            "kind": WRONG,
            "province": HUGE + WRONG,
            "commune": HUGE + WRONG,
            "address": LONG + NUL,
            "contact_phone": LONG + NUL,
            "story": NUL,
        },
    ),
    Form(
        "bank account",
        lambda w: f"/manage/{w.slug}/bank/",
        lambda w: {
            "bank_bin": "970422",
            "bank_account": "0123456789",
            "bank_holder": "HTX NA RI MOI",
        },
        "manager",
        {
            "bank_bin": ["abcdef", "1" * 7] + NUL,
            "bank_account": LONG + NUL,
            "bank_holder": LONG + NUL,
        },
    ),
    Form(
        "cart add",
        lambda w: "/cart/add/",
        lambda w: {"product": "MD05", "quantity": "2"},
        "anyone",
        {"quantity": HUGE + WRONG + NUL, "product": LONG + NUL + HUGE},
    ),
    Form(
        "checkout",
        lambda w: "/checkout/",
        lambda w: {
            "name": "Nguyễn Thị Lan",
            "phone": BUYER_PHONE,
            "delivery": "ship",
            "address": "Thôn Nà Lạn",
            "province": str(THAI_NGUYEN),
            "commune": str(NA_RI),
            "payment": "cod",
            "idempotency_key": "checkout-table-1",
        },
        "anyone",
        {
            "name": LONG + NUL,
            "phone": LONG + WRONG + NUL,
            "delivery": WRONG,
            "address": LONG + NUL,
            "province": HUGE + WRONG,
            "commune": HUGE + WRONG,
            "payment": WRONG,
            "idempotency_key": LONG + NUL,
        },
        before=fill_basket,
    ),
    Form(
        "track",
        lambda w: "/track/",
        lambda w: {"code": w.order_code, "phone": BUYER_PHONE},
        "anyone",
        {"code": LONG + NUL + HUGE, "phone": LONG + WRONG + NUL + HUGE},
        needs_orders=True,
    ),
    Form(
        "review",
        lambda w: "/track/review/",
        lambda w: {
            "code": w.completed_code,
            "phone": BUYER_E164,
            "product": "MD05",
            "product_rating": "5",
            "seller_rating": "4",
            "text": "Miến dai, ngon.",
        },
        "anyone",
        {
            "product_rating": HUGE + WRONG + ["0", "6"],
            "seller_rating": HUGE + WRONG,
            "text": LONG + NUL,
            "product": LONG + NUL,
            "code": NUL,
        },
        needs_orders=True,
    ),
    Form(
        "signup",
        lambda w: "/accounts/signup/",
        signup_data,
        "anyone",
        {
            "phone": LONG + WRONG + NUL,
            "full_name": LONG + NUL,
            "email": LONG + ["not-an-email"],
            "birth_year": HUGE + WRONG + ["1899", "3000"],
            "ethnicity": HUGE + WRONG,
            "province": HUGE + WRONG,
            "home_commune": HUGE + WRONG,
            "gender": WRONG,
            "password1": NUL,
        },
    ),
    Form(
        "profile",
        lambda w: "/accounts/profile/",
        profile_data,
        "buyer",
        {
            "full_name": LONG + NUL,
            "birth_year": HUGE + WRONG,
            "home_commune": HUGE + WRONG,
            "preferred_language": WRONG,
        },
    ),
    Form(
        "login",
        lambda w: "/accounts/login/",
        lambda w: {"username": "0912 000 777", "password": "hoaban-test"},
        "anyone",
        {"username": LONG + WRONG + NUL + HUGE, "password": LONG + NUL},
    ),
]


def snapshot() -> dict:
    """Every row of the project's own tables (places are reference data, never written)."""
    rows = {}
    for label in SNAPSHOT_APPS:
        for model in apps.get_app_config(label).get_models():
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
    return rows


def shown_errors(page: str) -> str:
    """The parts of a page around its error markers, for a readable assertion message."""
    parts = [page[i : i + 300] for m in MESSAGE_MARKERS if (i := page.find(m)) >= 0]
    return "\n".join(parts) or page[-1500:]


def login(world: World, who: str) -> None:
    if who == "manager":
        world.client.force_login(world.manager)
    elif who == "buyer":
        world.client.force_login(world.buyer)


def cases():
    for form in FORMS:
        for name, values in form.attacks.items():
            for value in values:
                label = repr(value) if len(value) < 30 else f"{len(value)} chars"
                yield pytest.param(form, name, value, id=f"{form.name}:{name}={label}")


def posted(form: Form, world: World, changes: dict):
    login(world, form.who)
    if form.before:
        form.before(world)
    data = form.data(world) | changes
    return data


@pytest.mark.parametrize(("form", "field_name", "value"), list(cases()))
def test_a_malformed_value_gets_a_message_and_changes_nothing(client, form, field_name, value):
    # given the world and the form's otherwise valid data
    world = make_world(client, orders=form.needs_orders)
    data = posted(form, world, {field_name: value})
    before = snapshot()

    # when the bad value is posted
    response = client.post(form.url(world), data, follow=True)

    # then a refusal with a message, and nothing changed
    assert response.status_code < 500
    page = response.content.decode()
    assert any(marker in page for marker in MESSAGE_MARKERS), page[-1500:]
    assert snapshot() == before
    if form.who == "anyone" and form.name == "login":
        assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("form", FORMS, ids=[form.name for form in FORMS])
def test_the_tables_valid_data_is_accepted(client, form):
    # given the form's valid data (so each bad value above is the only thing wrong)
    world = make_world(client, orders=form.needs_orders)
    data = posted(form, world, {})
    before = snapshot()
    session_before = dict(client.session.items())

    # when it is posted
    response = client.post(form.url(world), data, follow=True)

    # then it is taken: a row changed, or the basket / the login / the tracked order shows
    assert response.status_code == 200
    page = response.content.decode()
    if form.name == "track":
        assert form.data(world)["code"] in page
    elif form.name == "login":
        assert client.session.get("_auth_user_id") == str(world.buyer.pk)
    elif form.name == "cart add":
        assert dict(client.session.items()) != session_before
    else:
        assert snapshot() != before, shown_errors(page)


PAGES_WITH_QUERIES = [
    "/?page={}",
    "/products/?province={}",
    "/products/?former={}",
    "/products/?page={}",
    "/products/?ocop={}",
    "/products/?category={}",
    "/products/?q={}",
    "/places/communes/?province={}",
    "/places/communes/?commune={}",
    "/org/htx-na-ri/?page={}",
    "/track/?code={}",
    "/lot/{lot}/?x={}",
    "/manage/orders/?status={}",
    "/manage/orders/?org={}",
    "/manage/orders/?page={}",
    "/manage/orders/packing/?org={}",
    "/manage/orders/stock/?org={}",
    "/manage/htx-na-ri/orders/?status={}",
    "/manage/htx-na-ri/orders/?page={}",
    "/manage/htx-na-ri/orders/packing/?x={}",
    "/manage/htx-na-ri/stock/?x={}",
    "/manage/orders/{}/",
    "/manage/htx-na-ri/products/?page={}",
    "/manage/htx-na-ri/lots/?page={}",
]


@pytest.mark.parametrize("value", HUGE + WRONG + ["9" * 5000])
def test_malformed_query_parameters_of_the_pages_never_give_a_500(client, value):
    # given the world, a manager logged in (the console pages too)
    world = make_world(client, orders=False)
    login(world, "manager")
    before = snapshot()

    # when each page is asked for with the value in its query
    statuses = {
        page: client.get(page.format(value, lot=world.lot.code)).status_code
        for page in PAGES_WITH_QUERIES
    }

    # then each answers (a page, a redirect, a 4xx), none fails, nothing changes
    assert {page: status for page, status in statuses.items() if status >= 500} == {}
    assert snapshot() == before
