"""The demo data set as a plan: every row decided up front from one seeded random generator.

The full plan is always drawn (so the same seed gives the same rows), then `--small` keeps a
subset of it. Rows are identified by natural keys (organisation slug, phone, product code,
lot code, certificate number) so that loading twice, or small then full, adds only what is
missing.
"""

import calendar
import datetime
import random
from zoneinfo import ZoneInfo

from hoaban.core.text import fold

from .catalogue import THEMES, Item
from .english import ORGANISATIONS, product_english
from .names import KINH, person_name, weighted_choice
from .organisations import (
    AGENCY_STORY,
    ALL_ORGS,
    BUYER_STORY,
    FICTION_NOTE,
    IMPROVEMENTS,
    KIND_WORDS,
    REGION_PEOPLES,
    SMALL_ORG_SLUGS,
    STORY_CHANGES,
    STORY_MIDDLES,
    STORY_OPENINGS,
    SUPPORTERS,
    OrgSpec,
)
from .rows import (
    Places,
    PlannedCertificate,
    PlannedImprovement,
    PlannedLot,
    PlannedMember,
    PlannedOrg,
    PlannedProduct,
)

SEED = 2019
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LOT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
PHONE_PREFIXES = ("091", "094", "097", "098", "086", "088", "032", "033", "035", "038", "039")
BANKS = (
    ("970405", 13, 60),
    ("970418", 14, 10),
    ("970415", 12, 10),
    ("970436", 13, 10),
    ("970422", 12, 10),
)  # fmt: skip  (BIN, account digits, weight) — Agribank first
SMALL_MEMBERS_PER_ORG = 6
SMALL_PRODUCTS_PER_ORG = 4
OCOP_KINDS = {3: "ocop3", 4: "ocop4", 5: "ocop5"}
# The miến dong cooperative in Na Rì is managed by the demo manager login (Hoàng Thị Mai).
MANAGED_BY_LOGIN = "htx-mien-dong-hoa-ban-na-ri"
MANAGER_GIVEN_NAME = "Mai"
COUNT_MARK = "\x00count\x00"  # where a story says how many members: filled in at the end


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _moment(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.datetime:
    day = _day(rng, start, end)
    return datetime.datetime(day.year, day.month, day.day, rng.randint(7, 20), 0, tzinfo=TZ)


def _plus_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def place_word(commune_name: str) -> str:
    """`Xã Na Rì` → `Na Rì`, `Phường Bắc Gia Nghĩa` → `Bắc Gia Nghĩa`."""
    for prefix in ("Xã ", "Phường ", "Đặc khu "):
        if commune_name.startswith(prefix):
            return commune_name[len(prefix) :]
    return commune_name


class Planner:
    def __init__(self, places: Places, ethnic_names: dict[str, str], *, seed: int = SEED):
        self.rng = random.Random(seed)
        self.places = places
        self.ethnic_names = ethnic_names
        self.phones: set[str] = set()
        self.lot_codes: set[str] = set()
        self.code_counters: dict[str, int] = {}
        self.cert_counter = 0

    # --- people -------------------------------------------------------------------------

    def phone(self) -> str:
        while True:
            local = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(10**7):07d}"
            e164 = "+84" + local[1:]
            if e164 not in self.phones:
                self.phones.add(e164)
                return e164

    def member(self, spec: OrgSpec, commune: int, founded: int) -> PlannedMember:
        rng = self.rng
        people = spec.people
        if rng.random() < 0.25:
            people = weighted_choice(rng, REGION_PEOPLES.get(spec.former, {KINH: 1}))
        gender = "female" if rng.random() < 0.88 else "male"
        home = commune
        if rng.random() < 0.3:
            home = rng.choice(self.places.neighbours[spec.former])
        return PlannedMember(
            phone=self.phone(),
            full_name=person_name(rng, people, gender),
            gender=gender,
            birth_year=rng.randint(1966, 2004),
            ethnicity=people,
            home_commune=home,
            since=_day(rng, datetime.date(founded, 1, 1), datetime.date(2025, 12, 31)),
            joined=_moment(rng, datetime.date(2025, 1, 6), datetime.date(2026, 6, 30)),
            show_name_publicly=rng.random() < 0.85,
        )

    # --- organisations ------------------------------------------------------------------

    def organisation(self, spec: OrgSpec) -> PlannedOrg:
        rng = self.rng
        commune = self.places.by_name[(spec.former, spec.commune)]
        name, province, former = self.places.labels[commune]
        founded = rng.randint(2012, 2021)
        selling = spec.kind in KIND_WORDS
        bank_bin, digits, _weight = rng.choices(BANKS, weights=[b[2] for b in BANKS], k=1)[0]
        address = f"Thôn {spec.village}, {name}" if selling else f"{spec.village}, {name}"
        org = PlannedOrg(
            spec=spec,
            commune=commune,
            story="",
            address=f"{address} (địa chỉ minh họa)",
            bank_bin=bank_bin if selling else "",
            bank_account=f"{rng.randrange(10 ** (digits - 1), 10**digits)}" if selling else "",
            bank_holder=fold(spec.name).upper().replace("HOP TAC XA", "HTX") if selling else "",
            created_at=_moment(rng, datetime.date(2025, 1, 6), datetime.date(2025, 6, 30)),
        )
        org.members = [self.member(spec, commune, founded) for _ in range(spec.members)]
        if org.members and spec.slug != MANAGED_BY_LOGIN:
            org.members[0].is_manager = True  # Na Rì's manager is the demo login
        if not selling:
            org.contact = self.phone()
            story = BUYER_STORY if spec.kind == "buyer" else AGENCY_STORY
            org.story = story.format(name=spec.name)
            return org
        products = self.products(spec, org, commune)
        org.products = products
        org.story = self.story(spec, org, founded, province, former)
        org.certificates = self.certificates(spec, products)
        org.improvements = self.improvements(spec, founded)
        return org

    def story(self, spec, org, founded, province, former) -> str:
        rng = self.rng
        rng.randint(3, 20)  # this draw once made up the count: kept, so the plan is unchanged
        values = {
            "name": spec.name,
            "year": founded,
            "village": spec.village,
            "commune": self.places.labels[org.commune][0],
            "province": province,
            "former": f" (trước đây thuộc tỉnh {former})" if former and former != province else "",
            "count": COUNT_MARK,  # the real count, written in by `demo_plan` (`_member_counts`)
            "people": self.ethnic_names.get(spec.people, "dân tộc"),
            "kind": KIND_WORDS[spec.kind],
            "main": " và ".join(THEMES[theme].noun for theme in spec.themes),
            "manager": MANAGER_GIVEN_NAME
            if spec.slug == MANAGED_BY_LOGIN
            else org.members[0].full_name.split()[-1],
        }
        parts = [rng.choice(STORY_OPENINGS), rng.choice(STORY_MIDDLES), rng.choice(STORY_CHANGES)]
        text = " ".join(p.format(**values) for p in parts if p)
        return f"{text[0].upper()}{text[1:]} {FICTION_NOTE}"

    # --- products, lots, certificates ---------------------------------------------------

    def items_for(self, spec: OrgSpec) -> list[tuple[str, Item]]:
        count = 4 if spec.members >= 8 else 3
        primary = [(spec.themes[0], item) for item in THEMES[spec.themes[0]].items]
        if len(spec.themes) > 1:
            second = THEMES[spec.themes[1]].items
            picked = primary[: count - 1] + [(spec.themes[1], self.rng.choice(second))]
        else:
            picked = primary[:count]
        return picked

    def code(self, prefix: str) -> str:
        self.code_counters[prefix] = self.code_counters.get(prefix, 0) + 1
        return f"{prefix}{self.code_counters[prefix]:02d}"

    def products(self, spec: OrgSpec, org: PlannedOrg, commune: int) -> list[PlannedProduct]:
        rng = self.rng
        place = place_word(self.places.labels[commune][0])
        people = self.ethnic_names.get(spec.people, "")
        products = []
        for theme_key, item in self.items_for(spec):
            theme = THEMES[theme_key]
            lo, hi = item.price
            first = spec.slug == MANAGED_BY_LOGIN and not products
            origin = commune
            if rng.random() < 0.15:
                origin = rng.choice(self.places.neighbours[spec.former])
            pieces = item.unit in ("piece", "box", "set", "bottle", "metre", "litre")
            story = rng.choice(theme.stories)
            name_en, description_en, story_en = product_english(
                theme_key, item.name, theme.stories.index(story), place
            )
            product = PlannedProduct(
                code=self.code(item.prefix),
                name=item.name.format(place=place),
                description=theme.description.format(place=place, people=people),
                story=story.format(place=place, people=people),
                name_en=name_en,
                description_en=description_en,
                story_en=story_en,
                category=item.category,
                ethnic_group=None if spec.people == KINH else spec.people,
                origin_commune=origin,
                unit=item.unit,
                price=rng.randrange(lo, hi + 1, 5000),
                weight_grams=item.weight,
                stock=rng.randint(5, 60) if pieces else rng.randint(40, 400),
                status="published" if first or rng.random() < 0.93 else "draft",
                is_featured=first or rng.random() < 0.12,
                created_at=_moment(rng, datetime.date(2025, 7, 1), datetime.date(2026, 9, 30)),
            )
            if rng.random() < 0.05 and not first:
                product.stock = 0  # sold out: the shop must say so
            if first or rng.random() < 0.85:
                product.lots = [
                    self.lot(org, theme.lot_note.format(place=place), pieces)
                    for _ in range(rng.randint(1, 3))
                ]
            products.append(product)
        return products

    def lot(self, org: PlannedOrg, note: str, pieces: bool) -> PlannedLot:
        rng = self.rng
        while True:
            code = "L-" + "".join(rng.choice(LOT_ALPHABET) for _ in range(6))
            if code not in self.lot_codes:
                self.lot_codes.add(code)
                break
        producers = rng.sample(org.members, k=min(len(org.members), rng.randint(1, 4)))
        return PlannedLot(
            code=code,
            produced_on=_day(rng, datetime.date(2026, 1, 5), datetime.date(2026, 11, 15)),
            quantity=rng.randint(5, 60) if pieces else rng.randint(30, 500),
            producer_phones=[m.phone for m in producers],
            notes=note,
        )

    def cert_number(self, kind: str, year: int) -> str:
        self.cert_counter += 1
        n = self.cert_counter
        if kind.startswith("ocop"):
            return f"{100 + n * 7}/QĐ-UBND-OCOP-{year}"
        if kind == "vietgap":
            return f"VietGAP-TT-{year % 100:02d}-{n:04d}"
        return f"TCVN 11041:2017-{year}-{n:04d}"

    def certificate(self, kind: str, title: str, issued: datetime.date, codes: list[str]):
        return PlannedCertificate(
            kind=kind,
            title=title,
            number=self.cert_number(kind, issued.year),
            issued_on=issued,
            expires_on=_plus_months(issued, 36) - datetime.timedelta(days=1),
            product_codes=codes,
        )

    def certificates(self, spec: OrgSpec, products: list[PlannedProduct]):
        rng = self.rng
        valid_from, valid_to = datetime.date(2024, 1, 1), datetime.date(2026, 9, 30)
        certificates = []
        # Titles say what is certified (the pages already show the kind: "OCOP 4★: …").
        for product in products:
            first = product.code == "MD01"
            if not first and rng.random() >= 0.45:
                continue
            stars = 4 if first else rng.choices((3, 4, 5), weights=(55, 38, 7), k=1)[0]
            if rng.random() < 0.12:  # an earlier rating that has lapsed
                old = _day(rng, datetime.date(2020, 3, 1), datetime.date(2022, 10, 31))
                certificates.append(self.certificate("ocop3", product.name, old, [product.code]))
            issued = _day(rng, valid_from, valid_to)
            certificates.append(
                self.certificate(OCOP_KINDS[stars], product.name, issued, [product.code])
            )
            product.ocop_stars = stars
        by_code = {p.code: p.name for p in products}
        farm = [
            p.code for p in products if p.category in ("trai-cay", "che", "thuc-pham", "gia-vi")
        ]
        if farm and rng.random() < 0.45:
            issued = _day(rng, valid_from, valid_to)
            title = ", ".join(by_code[code] for code in farm)[:200]
            certificates.append(self.certificate("vietgap", title, issued, farm))
        natural = [p.code for p in products if p.category in ("che", "mat-ong", "ca-phe")]
        if natural and rng.random() < 0.3:
            issued = _day(rng, valid_from, valid_to)
            title = ", ".join(by_code[code] for code in natural)[:200]
            certificates.append(self.certificate("organic", title, issued, natural))
        return certificates

    def improvements(self, spec: OrgSpec, founded: int) -> list[PlannedImprovement]:
        rng = self.rng
        areas = ["technology"] if spec.technology else []
        others = [a for a in IMPROVEMENTS if a != "technology"]
        areas += rng.sample(others, k=rng.randint(0, 2))
        improvements = []
        for area in areas:
            description, cost = rng.choice(IMPROVEMENTS[area])
            improvements.append(
                PlannedImprovement(
                    date=_day(
                        rng, datetime.date(max(founded, 2019), 6, 1), datetime.date(2026, 6, 30)
                    ),
                    area=area,
                    description=description,
                    cost=cost,
                    supporter=rng.choice(SUPPORTERS),
                )
            )
        return improvements


def demo_plan(places: Places, ethnic_names: dict[str, str], *, small: bool = False):
    """The organisations to load (with members, products, lots, certificates, improvements)."""
    planner = Planner(places, ethnic_names)
    orgs = [planner.organisation(spec) for spec in ALL_ORGS]
    if not small:
        return _member_counts(orgs)
    kept = [org for org in orgs if org.spec.slug in SMALL_ORG_SLUGS]
    for org in kept:
        org.members = org.members[:SMALL_MEMBERS_PER_ORG]
        org.products = org.products[:SMALL_PRODUCTS_PER_ORG]
        phones = {m.phone for m in org.members}
        codes = {p.code for p in org.products}
        for product in org.products:
            for lot in product.lots:
                lot.producer_phones = [p for p in lot.producer_phones if p in phones] or [
                    org.members[-1].phone
                ]
        for certificate in org.certificates:
            certificate.product_codes = [c for c in certificate.product_codes if c in codes]
        org.certificates = [c for c in org.certificates if c.product_codes]
    return _member_counts(kept)


def _member_counts(orgs: list[PlannedOrg]) -> list[PlannedOrg]:
    """A story says as many members as the organisation has (the manager login included)."""
    for org in orgs:
        count = len(org.members) + (1 if org.spec.slug == MANAGED_BY_LOGIN else 0)
        org.story = org.story.replace(COUNT_MARK, str(count))
        if org.spec.slug in ORGANISATIONS:
            org.name_en, story_en = ORGANISATIONS[org.spec.slug]
            org.story_en = story_en.format(count=count)
    return orgs
