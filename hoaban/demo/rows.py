"""The rows a demo plan holds (plan.py draws them, loader.py writes them), and the places it
draws from."""

import datetime
from dataclasses import dataclass, field

from .organisations import OrgSpec


@dataclass
class PlannedMember:
    phone: str  # E.164
    full_name: str
    gender: str
    birth_year: int
    ethnicity: str
    home_commune: int
    since: datetime.date
    joined: datetime.datetime
    is_manager: bool = False
    show_name_publicly: bool = True


@dataclass
class PlannedCertificate:
    kind: str
    title: str
    number: str
    issued_on: datetime.date
    expires_on: datetime.date
    product_codes: list[str] = field(default_factory=list)


@dataclass
class PlannedLot:
    code: str
    produced_on: datetime.date
    quantity: int
    producer_phones: list[str]
    notes: str


@dataclass
class PlannedProduct:
    code: str
    name: str
    description: str
    story: str
    category: str
    ethnic_group: str | None
    origin_commune: int
    unit: str
    price: int
    weight_grams: int
    stock: int
    status: str
    is_featured: bool
    created_at: datetime.datetime
    lots: list[PlannedLot] = field(default_factory=list)
    name_en: str = ""
    description_en: str = ""
    story_en: str = ""
    ocop_stars: int = 0  # as drawn; the loader recomputes it from the certificates valid today


@dataclass
class PlannedImprovement:
    date: datetime.date
    area: str
    description: str
    cost: int
    supporter: str


@dataclass
class PlannedOrg:
    spec: OrgSpec
    commune: int
    story: str
    address: str
    bank_bin: str
    bank_account: str
    bank_holder: str
    created_at: datetime.datetime
    contact: str = ""  # for organisations without members of their own
    name_en: str = ""
    story_en: str = ""
    members: list[PlannedMember] = field(default_factory=list)
    products: list[PlannedProduct] = field(default_factory=list)
    certificates: list[PlannedCertificate] = field(default_factory=list)
    improvements: list[PlannedImprovement] = field(default_factory=list)

    @property
    def contact_phone(self) -> str:
        managers = [m.phone for m in self.members if m.is_manager]
        return managers[0] if managers else self.contact


@dataclass
class Places:
    """What the plan needs to know about real communes (loaded from the database)."""

    by_name: dict[tuple[int, str], int]  # (former province code, commune name) → commune code
    neighbours: dict[int, list[int]]  # former province code → its commune codes, sorted
    labels: dict[int, tuple[str, str, str]]  # commune code → (name, province, former province)
