"""`hoaban demo`: idempotent, deterministic, and the data set the issue asks for."""

import re
import time
from io import StringIO

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone
from PIL import Image

from hoaban.accounts.models import Consent, Role, User
from hoaban.accounts.phone import normalize_phone
from hoaban.catalog.models import Lot, Product, ProductImage
from hoaban.demo.plan import demo_plan
from hoaban.demo.services import DEMO_PASSWORD, demo_logins, places_for_demo
from hoaban.orgs.models import Certificate, Improvement, Membership, Organisation

BAC_KAN, DAK_NONG = 6, 67


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "consents": Consent.objects.count(),
        "roles": Role.objects.count(),
        "certificates": Certificate.objects.count(),
        "improvements": Improvement.objects.count(),
        "products": Product.objects.count(),
        "product_certificates": Product.certificates.through.objects.count(),
        "lots": Lot.objects.count(),
        "lot_producers": Lot.producers.through.objects.count(),
        "images": ProductImage.objects.count(),
    }


def test_small_run_twice_creates_nothing_the_second_time(db):
    run_demo("--small")
    first = counts()
    snapshot = list(Product.objects.order_by("code").values_list("code", "price", "stock"))

    output = run_demo("--small")

    assert counts() == first
    assert list(Product.objects.order_by("code").values_list("code", "price", "stock")) == snapshot
    assert "nothing to add" in output
    # The small set: 6 organisations, 20 products, 30 members and the 7 demo logins.
    assert first["organisations"] == 6
    assert first["products"] == 20
    assert first["users"] == 30 + len(demo_logins())
    mien_dong = Product.objects.get(code="MD01")
    assert mien_dong.name == "Miến dong Na Rì gói 500 g"
    assert mien_dong.organisation.commune.name == "Xã Na Rì"
    assert mien_dong.is_published and mien_dong.is_featured
    assert mien_dong.lots.first().producers.exists()
    assert "mien dong" in mien_dong.search_text and "bac kan" in mien_dong.search_text
    assert "bac kan" in mien_dong.organisation.search_text


def test_demo_logins_are_printed_and_hold_their_roles(db):
    output = run_demo("--small")

    assert "Demo logins" in output and DEMO_PASSWORD in output
    for _role, phone, name, _password in demo_logins():
        assert phone in output and name in output
        assert User.objects.filter(phone=normalize_phone(phone), full_name=name).exists()
    admin = User.objects.get(phone="+84900000001")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(DEMO_PASSWORD)
    agent = Role.objects.get(kind=Role.Kind.FIELD_AGENT)
    assert "Xã Na Rì" in {c.name for c in agent.communes.all()}
    officer = Role.objects.get(kind=Role.Kind.OFFICER)
    assert sorted(officer.provinces.values_list("code", flat=True)) == [19, 68]
    assert Role.objects.filter(kind=Role.Kind.BUYER).count() == 2
    assert Role.objects.filter(kind=Role.Kind.MENTOR).count() == 1
    manager = Membership.objects.get(
        organisation__slug="htx-mien-dong-hoa-ban-na-ri", role=Membership.Role.MANAGER
    )
    assert manager.user.phone == "+84900000007"
    # Members share one hash of the demo password (Argon2 once), and each gave consent.
    members = User.objects.filter(memberships__role=Membership.Role.MEMBER).distinct()
    assert len({u.password for u in members}) == 1
    assert not User.objects.annotate(n=Count("consents")).filter(n=0).exists()
    consent = Consent.objects.first()
    assert (consent.version, consent.language) == (settings.CONSENT_VERSION, "vi")
    assert "91/2025" in consent.text  # the accounts app's consent text (Law 91/2025/QH15)
    for phone in User.objects.values_list("phone", flat=True):
        assert normalize_phone(phone) == phone


def test_products_have_small_webp_pictures_valid_codes_and_ocop_stars(db):
    run_demo("--small")

    today = timezone.localdate()
    for product in Product.objects.prefetch_related("images", "lots", "certificates"):
        assert re.fullmatch(r"[A-Z0-9-]{2,12}", product.code)
        [picture] = product.images.all()
        with default_storage.open(picture.thumbnail.name) as handle:
            image = Image.open(handle)
            assert image.format == "WEBP"
            assert max(image.size) <= 240
        assert default_storage.size(picture.thumbnail.name) < 15_000
        assert picture.medium.name.endswith(".webp")
        for lot in product.lots.all():
            assert re.fullmatch(r"L-[A-Z2-9]{6}", lot.code)
            assert lot.produced_on.year == 2026
        for certificate in product.certificates.all():
            months = (certificate.expires_on.year - certificate.issued_on.year) * 12 + (
                certificate.expires_on.month - certificate.issued_on.month
            )
            assert months in (35, 36)  # 36 months, ending the day before the anniversary
        valid = [c.ocop_stars for c in product.certificates.all() if c.is_valid_on(today)]
        assert product.ocop_stars == max(valid, default=0)


def test_a_hand_made_product_with_a_demo_code_is_left_alone(db):
    from hoaban.catalog.tests.factories import ProductFactory

    mine = ProductFactory(code="MD01", name="Miến dong của tôi", stock=7)

    run_demo("--small")

    mine.refresh_from_db()
    assert (mine.name, mine.stock) == ("Miến dong của tôi", 7)
    assert not mine.lots.exists()
    assert not mine.images.exists()
    assert not mine.certificates.exists()
    assert Product.objects.filter(organisation__slug="htx-mien-dong-hoa-ban-na-ri").count() == 3


def test_the_plan_is_the_same_every_time(db):
    names = {"02": "Tày"}

    assert demo_plan(places_for_demo(), names) == demo_plan(places_for_demo(), names)


def test_full_set_matches_the_issue_and_loads_once_after_the_small_set(db):
    run_demo("--small")
    started = time.monotonic()
    run_demo()
    seconds = time.monotonic() - started
    after_both = counts()

    run_demo()

    assert counts() == after_both
    bac_kan = Organisation.objects.filter(commune__former_province_id=BAC_KAN)
    assert bac_kan.count() == 26
    assert bac_kan.filter(kind=Organisation.Kind.COOPERATIVE).count() == 26
    upgraded = bac_kan.filter(improvements__area=Improvement.Area.PRODUCTION_TECHNOLOGY)
    assert upgraded.distinct().count() == 11
    assert Organisation.objects.filter(commune__former_province_id=DAK_NONG).count() >= 10
    provinces = set(Organisation.objects.values_list("commune__province__short_name", flat=True))
    assert {"Lào Cai", "Sơn La", "Tuyên Quang", "Phú Thọ", "Quảng Ngãi", "Đà Nẵng"} <= provinces
    assert Organisation.objects.filter(kind=Organisation.Kind.BUYER).count() == 3
    assert Organisation.objects.filter(kind=Organisation.Kind.AGENCY).count() == 1
    assert not Organisation.objects.filter(contact_phone="").exists()
    sellers = Organisation.objects.filter(kind__in=Organisation.SELLING_KINDS)
    assert not sellers.filter(bank_bin="").exists()
    assert sellers.filter(bank_bin="970405").count() >= sellers.count() // 3  # mostly Agribank
    members = Membership.objects.exclude(organisation__kind__in=["buyer", "agency"])
    assert 280 <= members.count() <= 320
    assert Product.objects.count() >= 120
    assert not Product.objects.filter(images__isnull=True).exists()
    assert not ProductImage.objects.filter(thumbnail="").exists()
    assert Lot.objects.values("product").distinct().count() >= 0.8 * Product.objects.count()
    women = User.objects.filter(gender=User.Gender.FEMALE).count()
    assert women >= 0.8 * User.objects.count()
    # Every selling organisation has exactly one manager.
    selling = Organisation.objects.filter(kind__in=Organisation.SELLING_KINDS)
    manager = Q(memberships__role=Membership.Role.MANAGER)
    managers = selling.annotate(n=Count("memberships", filter=manager)).values_list("n", flat=True)
    assert set(managers) == {1}
    # The order history: the manager login's cooperative has orders in every state.
    from hoaban.commerce.models import Order

    assert Order.objects.count() >= 60
    na_ri = Order.objects.filter(seller__slug="htx-mien-dong-hoa-ban-na-ri")
    assert na_ri.values("status").distinct().count() == len(Order.Status)
    # English for the best-known products: Na Rì's and a dozen others at least.
    english = Product.objects.exclude(name_en="")
    assert english.exclude(organisation__slug="htx-mien-dong-hoa-ban-na-ri").count() >= 12
    print(f"full demo load after the small one: {seconds:.1f} s")


@pytest.mark.parametrize("phone", [phone for _r, phone, _n, _p in demo_logins()])
def test_demo_login_phones_are_valid(phone):
    assert normalize_phone(phone).startswith("+849")


def test_demo_stock_is_written_through_the_ledger_once(db):
    from hoaban.inventory.models import Stock, StockMovement

    run_demo("--small")
    movements = StockMovement.objects.count()
    run_demo("--small")

    assert StockMovement.objects.count() == movements
    stocked = Product.objects.filter(movements__isnull=False).distinct()
    assert stocked.exists()
    for product in stocked:
        # Opened by one receipt; the order history's sales and returns follow it.
        ledger = list(
            StockMovement.objects.filter(product=product)
            .order_by("at", "pk")
            .values_list("kind", "quantity", "balance")
        )
        assert ledger[0][0] == "receipt" and ledger[0][1] == ledger[0][2]
        assert [k for k, _q, _b in ledger].count("receipt") == 1
        assert Stock.objects.get(product=product).quantity == product.stock == ledger[-1][2]
