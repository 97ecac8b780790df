"""The demo's order history as a plan: who buys what from whom, how, and each step's moment.

Drawn from one seeded generator over the loaded demo plan (pure: no database), so the same plan
gives the same orders. Moments are offsets back from `anchor` (the minute the demo is loaded):
orders still waiting are hours old, finished ones weeks or months old (up to HISTORY_DAYS).
`history.py` places and moves them through the services.

Every state appears: placed, confirmed, packed, shipped, delivered, completed, cancelled,
returned; the organisation the manager login runs (Na Rì) gets each of them at least once.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from .logins import DEMO_LOGINS
from .plan import MANAGED_BY_LOGIN
from .rows import PlannedOrg, PlannedProduct

HISTORY_SEED = 2025
HISTORY_DAYS = 120
KEY_PREFIX = "demo-history-"
STATES = (
    "placed",
    "confirmed",
    "packed",
    "shipped",
    "delivered",
    "completed",
    "cancelled",
    "returned",
)
# Finished orders are most of a history; a few are still on their way.
STATE_WEIGHTS = (5, 5, 5, 7, 8, 55, 10, 5)
CHANNEL_SOURCES = {
    "eco": ("web",),
    "eso": ("share_link", "livestream"),
    "offline": ("phone", "sms", "market", "agent"),
    "b2b": ("proposal",),
}
CHANNEL_WEIGHTS = {"eco": 55, "eso": 20, "offline": 15, "b2b": 10}
PIECES = ("piece", "box", "set", "bottle", "metre", "litre")
VILLAGES = ("Nà Mây", "Bản Chang", "Khuổi Mòn", "Pác Nặm", "Nà Lài", "Bản Đồn", "Tổ 3", "Tổ 7")
CANCEL_REASONS = (
    "Khách gọi điện xin hủy đơn.",
    "Không liên lạc được với khách để xác nhận.",
    "Khách đặt nhầm sản phẩm.",
)
RETURN_REASONS = (
    "Khách không nhận hàng khi giao.",
    "Gói hàng bị ướt trên đường, khách trả lại.",
    "Giao sai địa chỉ, hàng quay về hợp tác xã.",
)
CARRIERS = ("seller", "viettelpost", "vnpost", "ghtk")


@dataclass(frozen=True)
class Buyer:
    phone: str  # E.164
    name: str
    commune: int  # where her orders are delivered
    address: str
    login: bool = False  # a demo login: her eco and b2b orders are placed signed in


@dataclass
class PlannedOrder:
    key: str
    seller: str  # organisation slug
    buyer: Buyer
    lines: list[tuple[str, int]]  # (product code, quantity)
    channel: str
    source: str
    delivery: str  # "ship" or "pickup"
    payment: str  # "cod", "vietqr" or "cash"
    language: str
    state: str
    steps: list[tuple[datetime.datetime, str]] = field(default_factory=list)
    note: str = ""  # a cancellation's or a return's reason
    carrier: str = "seller"


def _hours(rng: random.Random, low: float, high: float) -> datetime.timedelta:
    return datetime.timedelta(minutes=rng.randint(int(low * 60), int(high * 60)))


def demo_buyers(plan: list[PlannedOrg]) -> list[Buyer]:
    """Demo people who buy: the two buyer logins (at their company) and the members."""
    by_slug = {o.spec.slug: o for o in plan}
    buyers = []
    for login in DEMO_LOGINS:
        org = by_slug.get(login.org_slug)
        if login.role_kind == "buyer" and org is not None:
            phone = "+84" + login.phone[1:]
            buyers.append(Buyer(phone, login.full_name, org.commune, org.address, login=True))
    rng = random.Random(HISTORY_SEED)
    for org in plan:
        for member in org.members:
            address = f"Thôn {rng.choice(VILLAGES)} (địa chỉ minh họa)"
            buyers.append(Buyer(member.phone, member.full_name, member.home_commune, address))
    return buyers


class HistoryPlanner:
    def __init__(self, plan: list[PlannedOrg], anchor: datetime.datetime):
        self.rng = random.Random(HISTORY_SEED)
        self.plan = plan
        self.anchor = anchor
        self.buyers = demo_buyers(plan)
        self.left = {p.code: p.stock for o in plan for p in o.products}  # what a plan may sell
        self.count = 0

    def orders(self) -> list[PlannedOrder]:
        small = len(self.plan) <= 10
        orders = []
        for org in self.plan:
            if not org.products or org.spec.kind not in ("coop", "coop_group", "womens_group",
                                                          "household"):  # fmt: skip
                continue
            if org.spec.slug == MANAGED_BY_LOGIN:
                states = list(STATES) + ([] if small else self.random_states(8))
            else:
                states = self.random_states(1 if small else self.rng.randint(1, 3))
            for state in states:
                order = self.order(org, state)
                if order is not None:
                    orders.append(order)
        return orders

    def random_states(self, count: int) -> list[str]:
        return self.rng.choices(STATES, weights=STATE_WEIGHTS, k=count)

    def order(self, org: PlannedOrg, state: str) -> PlannedOrder | None:
        rng = self.rng
        channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        logins = [b for b in self.buyers if b.login]
        others = [b for b in self.buyers if not b.login and b.phone not in _phones(org)]
        signed_in = channel == "b2b" or (channel == "eco" and rng.random() < 0.3)
        if logins and signed_in:
            buyer = rng.choice(logins)
        else:
            channel = "eco" if channel == "b2b" else channel
            buyer = rng.choice(others)
        pickup = channel != "b2b" and state != "returned" and rng.random() < 0.25
        if pickup and state == "shipped":
            pickup = False
        payment = "cash" if pickup else ("vietqr" if channel == "b2b" else None)
        payment = payment or rng.choices(("cod", "vietqr"), weights=(60, 40))[0]
        self.count += 1
        order = PlannedOrder(
            key=f"{KEY_PREFIX}{self.count:04d}",
            seller=org.spec.slug,
            buyer=buyer,
            lines=[],
            channel=channel,
            source=rng.choice(CHANNEL_SOURCES[channel]),
            delivery="pickup" if pickup else "ship",
            payment=payment,
            language="en" if rng.random() < 0.1 else "vi",
            state=state,
            carrier=rng.choice(CARRIERS),
        )
        steps = self.steps(order)
        placed = self.placed_at(order, steps)
        order.steps = [(placed + offset, action) for offset, action in steps]
        order.lines = self.lines(org.products, placed, b2b=channel == "b2b")
        return order if order.lines else None

    def steps(self, order: PlannedOrder) -> list[tuple[datetime.timedelta, str]]:
        """(offset from placement, action) up to the order's state, in time order."""
        rng, state = self.rng, order.state
        at = datetime.timedelta(0)
        steps = [(at, "place")]

        def then(low: float, high: float, action: str) -> None:
            nonlocal at
            at += _hours(rng, low, high)
            steps.append((at, action))

        transfer = order.payment == "vietqr"
        if state == "placed":
            if transfer and rng.random() < 0.5:
                then(0.1, 0.5, "pay")  # the transfer arrived: waiting for the seller
            return steps
        if state == "cancelled" and rng.random() < 0.5:
            order.note = "Khách đổi ý."
            then(0.3, 8, "cancel_by_buyer")
            return steps
        if transfer:
            then(0.1, 3, "pay")
        then(1, 10, "confirm")
        if state == "cancelled":
            order.note = rng.choice(CANCEL_REASONS)
            if transfer:
                then(0.5, 6, "refund")
            then(0, 0.2, "cancel")
            return steps
        if state == "confirmed":
            return steps
        then(6, 30, "pack")
        if state == "packed":
            return steps
        if order.delivery == "ship":
            then(2, 24, "ship")
            if state == "shipped":
                return steps
            if state == "returned" and rng.random() < 0.5:
                order.note = RETURN_REASONS[0]
                then(24, 96, "return_goods")
                return steps
            then(24, 96, "deliver")
        else:
            then(4, 72, "deliver")
        if state == "returned":
            order.note = rng.choice(RETURN_REASONS[1:])
            then(24, 72, "return_goods")
            if transfer or order.payment == "cod":
                then(1, 24, "refund")
            return steps
        if state == "completed":
            then(24, 120, "complete")
        return steps

    def placed_at(self, order, steps) -> datetime.datetime:
        rng, last = self.rng, steps[-1][0]
        if order.state == "placed":
            if order.payment == "vietqr" and len(steps) == 1:
                return self.anchor - _hours(rng, 0.3, 1.5)  # an unpaid transfer holds 2 hours
            return self.anchor - last - _hours(rng, 0.5, 16)
        if order.state in ("completed", "cancelled", "returned"):
            hours = last.total_seconds() / 3600
            return self.anchor - last - _hours(rng, 12, max(13, HISTORY_DAYS * 24 - hours))
        return self.anchor - last - _hours(rng, 0.5, 20)

    def lines(self, products: list[PlannedProduct], placed, *, b2b: bool):
        """One or two products listed (and with a lot made) before the order, with stock."""
        rng = self.rng
        fit = [
            p
            for p in products
            if p.status == "published"
            and p.created_at < placed
            and (not p.lots or min(lot.produced_on for lot in p.lots) < placed.date())
            and self.left[p.code] >= 10
        ]
        rng.shuffle(fit)
        lines = []
        for product in fit[: rng.choice((1, 1, 2))]:
            high = 2 if product.unit in PIECES else 4
            quantity = rng.randint(1, high) * (3 if b2b else 1)
            quantity = min(quantity, self.left[product.code] // 4)
            self.left[product.code] -= quantity
            lines.append((product.code, quantity))
        return lines


def _phones(org: PlannedOrg) -> set[str]:
    return {m.phone for m in org.members}


def history_plan(plan: list[PlannedOrg], anchor: datetime.datetime) -> list[PlannedOrder]:
    """The orders of the demo's history (deterministic for a plan and an anchor)."""
    return HistoryPlanner(plan, anchor).orders()
