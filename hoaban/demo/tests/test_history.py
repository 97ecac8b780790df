"""The demo's order history: placed and moved through the services, in every state, dated in
the past with a consistent ledger, deterministic and loaded once."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from hoaban.accounts.models import User
from hoaban.commerce.models import Order, OrderEvent, Payment, StockReservation
from hoaban.demo.history import SCOPE
from hoaban.demo.history_plan import HISTORY_DAYS, STATES, history_plan
from hoaban.demo.plan import MANAGED_BY_LOGIN, demo_plan
from hoaban.demo.services import places_for_demo
from hoaban.inventory.models import StockMovement
from hoaban.orgs.models import Membership

NA_RI = MANAGED_BY_LOGIN


def run_demo(*args: str) -> None:
    call_command("demo", *args, stdout=StringIO(), stderr=StringIO())


def history_counts() -> dict[str, int]:
    return {
        "orders": Order.objects.count(),
        "events": OrderEvent.objects.count(),
        "payments": Payment.objects.count(),
        "movements": StockMovement.objects.count(),
    }


def test_small_demo_has_orders_in_every_state_for_the_manager_login(db):
    run_demo("--small")

    orders = Order.objects.filter(placement__scope=SCOPE)
    assert 8 <= orders.count() <= 20  # a handful: the browser tests and the bench load it
    na_ri = orders.filter(seller__slug=NA_RI)
    assert set(na_ri.values_list("status", flat=True)) == set(STATES)
    manager = User.objects.get(phone="+84900000007")
    assert Membership.objects.filter(
        user=manager, organisation__slug=NA_RI, role=Membership.Role.MANAGER
    ).exists()
    assert set(orders.values_list("payments__method", flat=True)) == {"cod", "vietqr", "cash"}
    assert set(orders.values_list("channel__code", flat=True)) == {"eco", "eso", "offline", "b2b"}
    # The buyers are demo people, and a buyer login sees her orders in her history.
    phones = set(User.objects.values_list("phone", flat=True))
    assert set(orders.values_list("buyer_phone", flat=True)) <= phones
    assert orders.filter(buyer_user__phone="+84900000002").exists()


def test_the_history_is_moved_by_the_services_and_dated_in_the_past(db):
    run_demo("--small")
    now = timezone.now()

    for order in Order.objects.filter(placement__scope=SCOPE).prefetch_related("payments"):
        events = list(order.events.order_by("at", "pk"))
        # Every state change has its event (written by the lifecycle services), in time order.
        changes = [e for e in events if e.from_status != e.to_status or e.kind == "placed"]
        assert changes[0].kind == "placed" and changes[0].at == order.created_at
        assert changes[-1].to_status == order.status
        for before, after in zip(changes, changes[1:], strict=False):
            assert before.to_status == after.from_status
        assert now - datetime.timedelta(days=HISTORY_DAYS + 1) < order.created_at < now
        assert all(e.at < now for e in events) and order.updated_at == events[-1].at
        # Money received through the payments service: delivered and completed orders are
        # paid (cash on delivery when handed over), returned ones refunded when paid.
        if order.status in ("delivered", "completed"):
            assert order.payment_state == "paid"
            assert any(e.kind == "paid" and e.actor_id for e in events)
        if order.status in ("cancelled", "returned"):
            assert order.paid_amount == 0
        if order.status == "placed":  # a waiting order still holds its units
            assert StockReservation.objects.filter(
                order_line__order=order, expires_at__gt=now
            ).exists()


def test_a_second_demo_adds_no_order(db):
    run_demo("--small")
    first = history_counts()

    run_demo("--small")

    assert history_counts() == first
    assert first["orders"] > 0


def test_the_history_plan_is_the_same_every_time(db):
    plan = demo_plan(places_for_demo(), {"02": "Tày"})
    anchor = datetime.datetime(2026, 12, 1, 8, tzinfo=datetime.UTC)

    first = history_plan(plan, anchor)

    assert first == history_plan(demo_plan(places_for_demo(), {"02": "Tày"}), anchor)
    assert {o.state for o in first if o.seller == NA_RI} == set(STATES)
    for order in first:
        moments = [at for at, _step in order.steps]
        assert moments == sorted(moments) and moments[-1] < anchor


def test_a_story_says_as_many_members_as_the_organisation_has(db):
    import re

    from django.db.models import Count

    from hoaban.orgs.models import Organisation

    run_demo("--small")

    said = 0
    for org in Organisation.objects.annotate(n=Count("memberships")):
        for number in re.findall(r"(\d+) (?:chị em|hộ)\b", org.story):
            assert int(number) == org.n, (org.slug, org.story)
            said += 1
    assert said >= 1


def test_the_demo_has_english_for_the_manager_logins_cooperative(db):
    from hoaban.catalog.models import Product
    from hoaban.orgs.models import Organisation

    run_demo("--small")

    na_ri = Organisation.objects.get(slug=NA_RI)
    assert na_ri.name_en.startswith("Hoa Ban Arrowroot Noodle Cooperative")
    assert f"{na_ri.memberships.count()} women" in na_ri.story_en
    products = Product.objects.filter(organisation=na_ri)
    assert products.exists() and not products.filter(name_en="").exists()
    assert not products.filter(description_en="").exists()
    assert (
        Product.objects.get(code="MD01").name_en == "Arrowroot glass noodles from Na Rì, 500 g pack"
    )
    english = " ".join(
        f"{p.name_en} {p.description_en} {p.story_en}" for p in Product.objects.all()
    ).lower()
    assert "glass noodles" in english and "rice noodle" not in english
