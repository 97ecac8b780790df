"""Writes the demo plan into the database, creating only what is missing (natural keys)."""

import datetime
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from io import BytesIO

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from hoaban.accounts.models import Consent, EthnicGroup, Role, User
from hoaban.accounts.phone import normalize_phone
from hoaban.accounts.services import SYSTEM_DEMO, role_grant
from hoaban.catalog.image_alt import product_image_alt
from hoaban.catalog.models import Category, Lot, Product, ProductImage
from hoaban.catalog.services import product_search_text
from hoaban.core.uploads import webp_variants
from hoaban.inventory.opening import stock_open_many
from hoaban.orgs.invitations import memberships_seed
from hoaban.orgs.models import Certificate, Improvement, Membership, Organisation
from hoaban.orgs.services import organisation_search_text
from hoaban.places.models import Commune, Province

from .logins import AGENT_COMMUNES, DEMO_LOGINS, DEMO_PASSWORD, OFFICER_PROVINCES
from .organisations import BAC_KAN
from .pictures import PALETTE, logo_picture, product_picture
from .plan import TZ, PlannedOrg

FALLBACK_CONSENT_VERSION = "demo"
FALLBACK_CONSENT_TEXT = (
    "Tôi đồng ý để Hoa Ban xử lý dữ liệu cá nhân của tôi, kể cả dữ liệu nhạy cảm như dân tộc "
    "và nơi ở, theo Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15."
)

Progress = Callable[[int, str], None]


def consent_wording() -> tuple[str, str]:
    """(version, Vietnamese text) of the consent the accounts app shows, if it has one."""
    try:
        from hoaban.accounts.consent import consent_text, consent_version
    except ImportError:
        return FALLBACK_CONSENT_VERSION, FALLBACK_CONSENT_TEXT
    with translation.override("vi"):
        return consent_version(), consent_text()


def _save(name: str, content) -> str:
    """Save under a stable name: a file left by an earlier demo database is replaced (the
    pictures are deterministic), so names do not pile up as `md01_x7Ab2.jpg`."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, content)


def _missing(model, key: str, values: Iterable) -> set:
    values = list(values)
    existing = set(model.objects.filter(**{f"{key}__in": values}).values_list(key, flat=True))
    return set(values) - existing


class DemoLoader:
    """Writes a plan step by step; each step bulk-creates only the rows whose key is missing."""

    def __init__(self, orgs: list[PlannedOrg], progress: Progress):
        self.plan = orgs
        self.progress = progress
        self.created: dict[str, int] = {}
        self.communes = Commune.objects.select_related("province", "former_province").in_bulk(
            {o.commune for o in orgs}
            | {m.home_commune for o in orgs for m in o.members}
            | {p.origin_commune for o in orgs for p in o.products}
        )
        self.categories = {c.slug: c for c in Category.objects.all()}
        self.category_slugs = {c.pk: c.slug for c in self.categories.values()}
        self.ethnic_groups = EthnicGroup.objects.in_bulk()

    @cached_property
    def hashed_password(self) -> str:
        """Argon2 takes a good part of a second on purpose: hash the demo password once."""
        return make_password(DEMO_PASSWORD)

    def run(self) -> dict[str, int]:
        self.organisations()
        self.people()
        self.logins()
        self.improvements_and_certificates()
        self.products()
        self.lots()
        self.images()
        self.logos()
        return self.created

    # --- organisations ------------------------------------------------------------------

    def organisations(self) -> None:
        slugs = [o.spec.slug for o in self.plan]
        missing = _missing(Organisation, "slug", slugs)
        login_phones = {
            login.org_slug: normalize_phone(login.phone)
            for login in reversed(DEMO_LOGINS)
            if login.org_slug and login.org_role == "manager"
        }
        new = []
        for planned in self.plan:
            if planned.spec.slug not in missing:
                continue
            org = Organisation(
                slug=planned.spec.slug,
                kind=planned.spec.kind,
                name=planned.spec.name,
                story=planned.story,
                commune=self.communes[planned.commune],
                address=planned.address,
                contact_phone=login_phones.get(planned.spec.slug) or planned.contact_phone,
                bank_bin=planned.bank_bin,
                bank_account=planned.bank_account,
                bank_holder=planned.bank_holder,
                created_at=planned.created_at,
            )
            org.search_text = organisation_search_text(org)
            new.append(org)
        Organisation.objects.bulk_create(new)
        self.created["organisations"] = len(new)
        self.orgs = Organisation.objects.select_related(
            "commune__province", "commune__former_province"
        ).in_bulk(slugs, field_name="slug")
        self.progress(len(self.plan), "organisations")

    # --- people -------------------------------------------------------------------------

    def people(self) -> None:
        members = [m for o in self.plan for m in o.members]
        missing = _missing(User, "phone", [m.phone for m in members])
        new = [
            User(
                phone=m.phone,
                password=self.hashed_password,
                full_name=m.full_name,
                gender=m.gender,
                birth_year=m.birth_year,
                ethnicity=self.ethnic_groups[m.ethnicity],
                home_commune=self.communes[m.home_commune],
                date_joined=m.joined,
            )
            for m in members
            if m.phone in missing
        ]
        User.objects.bulk_create(new, batch_size=500)
        self.users = User.objects.in_bulk([m.phone for m in members], field_name="phone")
        self._consents([self.users[u.phone] for u in new])
        memberships_seed(
            rows=[
                {
                    "organisation": self.orgs[o.spec.slug],
                    "user": self.users[m.phone],
                    "role": Membership.Role.MANAGER if m.is_manager else Membership.Role.MEMBER,
                    "since": m.since,
                    "show_name_publicly": m.show_name_publicly,
                }
                for o in self.plan
                for m in o.members
                if m.phone in missing
            ]
        )
        self.created["members"] = len(new)
        self.memberships = {
            (ms.organisation_id, ms.user.phone): ms
            for ms in Membership.objects.select_related("user").filter(
                organisation__in=self.orgs.values()
            )
        }
        self.progress(len(members), "people")

    def _consents(self, users: list[User]) -> None:
        version, text = consent_wording()
        Consent.objects.bulk_create(
            [
                Consent(
                    user=u, version=version, text=text, language="vi", accepted_at=u.date_joined
                )
                for u in users
            ],
            batch_size=500,
        )

    def logins(self) -> None:
        """The fixed accounts to log in with (created one by one: there are only seven)."""
        created = 0
        joined = datetime.datetime(2025, 1, 6, 8, 0, tzinfo=TZ)
        for login in DEMO_LOGINS:
            phone = normalize_phone(login.phone)
            user = User.objects.filter(phone=phone).first()
            if user is None:
                home = None
                if login.home_commune:
                    home = Commune.objects.get(
                        former_province_id=login.home_commune[0], name=login.home_commune[1]
                    )
                create = (
                    User.objects.create_superuser if login.superuser else User.objects.create_user
                )
                user = create(
                    phone,
                    None,  # no hashing here: the shared hash is set just below
                    full_name=login.full_name,
                    gender=User.Gender.FEMALE,
                    ethnicity=self.ethnic_groups.get(login.ethnicity),
                    home_commune=home,
                    date_joined=joined,
                )
                user.password = self.hashed_password
                user.save(update_fields=["password"])
                self._consents([user])
                created += 1
            if login.role_kind:
                role_grant(
                    user=user,
                    kind=login.role_kind,
                    since=joined.date(),
                    communes=(
                        Commune.objects.filter(former_province_id=BAC_KAN, name__in=AGENT_COMMUNES)
                        if login.role_kind == Role.Kind.FIELD_AGENT
                        else ()
                    ),
                    provinces=(
                        Province.objects.filter(code__in=OFFICER_PROVINCES)
                        if login.role_kind == Role.Kind.OFFICER
                        else ()
                    ),
                    by=SYSTEM_DEMO,
                )
            org = self.orgs.get(login.org_slug)
            if org is not None:
                memberships_seed(
                    rows=[
                        {
                            "organisation": org,
                            "user": user,
                            "role": login.org_role,
                            "since": joined.date(),
                            "show_name_publicly": True,
                        }
                    ]
                )
        self.created["logins"] = created

    # --- improvements and certificates --------------------------------------------------

    def improvements_and_certificates(self) -> None:
        orgs = list(self.orgs.values())
        seen = set(
            Improvement.objects.filter(organisation__in=orgs).values_list(
                "organisation_id", "date", "area"
            )
        )
        improvements = [
            Improvement(
                organisation=self.orgs[o.spec.slug],
                date=i.date,
                area=i.area,
                description=i.description,
                cost=i.cost,
                supporter=i.supporter,
            )
            for o in self.plan
            for i in o.improvements
            if (self.orgs[o.spec.slug].pk, i.date, i.area) not in seen
        ]
        Improvement.objects.bulk_create(improvements)
        existing = set(
            Certificate.objects.filter(organisation__in=orgs).values_list(
                "organisation_id", "number"
            )
        )
        certificates = [
            Certificate(
                organisation=self.orgs[o.spec.slug],
                kind=c.kind,
                title=c.title,
                number=c.number,
                issued_on=c.issued_on,
                expires_on=c.expires_on,
            )
            for o in self.plan
            for c in o.certificates
            if (self.orgs[o.spec.slug].pk, c.number) not in existing
        ]
        Certificate.objects.bulk_create(certificates)
        self.created["improvements"] = len(improvements)
        self.created["certificates"] = len(certificates)
        self.certificates = {
            (c.organisation_id, c.number): c
            for c in Certificate.objects.filter(organisation__in=orgs)
        }

    # --- products and lots --------------------------------------------------------------

    def products(self) -> None:
        planned = [(o, p) for o in self.plan for p in o.products]
        missing = _missing(Product, "code", [p.code for _o, p in planned])
        new = []
        for org, p in planned:
            if p.code not in missing:
                continue
            product = Product(
                organisation=self.orgs[org.spec.slug],
                code=p.code,
                name=p.name,
                description=p.description,
                story=p.story,
                category=self.categories[p.category],
                ethnic_group=self.ethnic_groups.get(p.ethnic_group) if p.ethnic_group else None,
                origin_commune=self.communes[p.origin_commune],
                unit=p.unit,
                price=p.price,
                weight_grams=p.weight_grams,
                stock=0,  # received below through the inventory services (the ledger)
                status=p.status,
                is_featured=p.is_featured,
                created_at=p.created_at,
            )
            product.search_text = product_search_text(product)
            new.append(product)
        Product.objects.bulk_create(new, batch_size=500)
        seller = {p.code: self.orgs[o.spec.slug].pk for o, p in planned}
        # A product someone made by hand with a demo code is left alone (different seller).
        self.products_by_code = {
            code: product
            for code, product in Product.objects.in_bulk(seller, field_name="code").items()
            if product.organisation_id == seller[code]
        }
        links = [
            Product.certificates.through(
                product_id=self.products_by_code[code].pk,
                certificate_id=self.certificates[(self.orgs[o.spec.slug].pk, c.number)].pk,
            )
            for o in self.plan
            for c in o.certificates
            for code in c.product_codes
            if code in missing and code in self.products_by_code
        ]
        Product.certificates.through.objects.bulk_create(links, ignore_conflicts=True)
        stock_open_many(
            quantities={
                self.products_by_code[p.code].pk: p.stock
                for _o, p in planned
                if p.code in missing and p.code in self.products_by_code
            },
            note="Demo",
        )
        self.created["products"] = len(new)
        self.progress(len(planned), "products")

    def lots(self) -> None:
        planned = [
            (o, p, lot)
            for o in self.plan
            for p in o.products
            if p.code in self.products_by_code
            for lot in p.lots
        ]
        missing = _missing(Lot, "code", [lot.code for _o, _p, lot in planned])
        new = [
            Lot(
                code=lot.code,
                product=self.products_by_code[p.code],
                produced_on=lot.produced_on,
                quantity=lot.quantity,
                notes=lot.notes,
                created_at=datetime.datetime.combine(
                    lot.produced_on, datetime.time(17, 0), tzinfo=TZ
                ),
            )
            for _o, p, lot in planned
            if lot.code in missing
        ]
        Lot.objects.bulk_create(new, batch_size=500)
        lots = Lot.objects.in_bulk([lot.code for _o, _p, lot in planned], field_name="code")
        producers = [
            Lot.producers.through(
                lot_id=lots[lot.code].pk,
                membership_id=self.memberships[(self.orgs[o.spec.slug].pk, phone)].pk,
            )
            for o, p, lot in planned
            if lots[lot.code].product_id == self.products_by_code[p.code].pk
            for phone in lot.producer_phones
            if (self.orgs[o.spec.slug].pk, phone) in self.memberships
        ]
        Lot.producers.through.objects.bulk_create(producers, batch_size=500, ignore_conflicts=True)
        self.created["lots"] = len(new)

    # --- pictures -----------------------------------------------------------------------

    def images(self) -> None:
        products = [
            self.products_by_code[p.code]
            for o in self.plan
            for p in o.products
            if p.code in self.products_by_code
        ]
        with_image = set(
            ProductImage.objects.filter(product__in=products).values_list("product_id", flat=True)
        )
        todo = [p for p in products if p.pk not in with_image]
        workers = min(4, os.cpu_count() or 1)
        new = []
        with ThreadPoolExecutor(max_workers=workers) as pool:
            jobs = [(p.name, self.category_slugs[p.category_id], p.code) for p in todo]
            for product, files in zip(todo, pool.map(_render_product, jobs), strict=True):
                original, variants = files
                stem = product.code.lower()
                new.append(
                    ProductImage(
                        product=product,
                        image=_save(f"products/demo/{stem}.jpg", ContentFile(original)),
                        thumbnail=_save(
                            f"products/thumbs/demo/{variants['thumbnail'].name}",
                            variants["thumbnail"],
                        ),
                        medium=_save(
                            f"products/medium/demo/{variants['medium'].name}", variants["medium"]
                        ),
                        alt=product_image_alt(product, drawing=True),
                        position=0,
                    )
                )
                self.progress(1, "images")
        ProductImage.objects.bulk_create(new, batch_size=500)
        self.progress(len(products) - len(todo), "images")
        self.created["images"] = len(new)

    def logos(self) -> None:
        todo = [org for org in self.orgs.values() if not org.logo]
        colours = [palette[1] for palette in PALETTE.values()]
        for org in sorted(todo, key=lambda o: o.slug):
            colour = colours[sum(map(ord, org.slug)) % len(colours)]
            org.logo = _save(
                f"logos/demo/{org.slug}.png", ContentFile(logo_picture(org.name, colour))
            )
        Organisation.objects.bulk_update(todo, ["logo"], batch_size=200)
        self.created["logos"] = len(todo)
        self.progress(len(self.orgs), "logos")


def _render_product(job: tuple[str, str, str]) -> tuple[bytes, dict[str, ContentFile]]:
    """Pure Pillow work on plain values (no model, no query): safe in a worker thread."""
    name, category_slug, code = job
    original = product_picture(name, category_slug, seed=sum(map(ord, code)))
    return original, webp_variants(BytesIO(original), code.lower())
