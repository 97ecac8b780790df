import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from hoaban.catalog import services
from hoaban.catalog.models import Lot, Product, ProductImage
from hoaban.catalog.tests.factories import LotFactory, ProductFactory, category
from hoaban.core.errors import ServiceError
from hoaban.orgs.tests.factories import (
    CertificateFactory,
    ManagerFactory,
    MembershipFactory,
)
from hoaban.orgs.tests.helpers import in_both_languages

pytestmark = pytest.mark.django_db


def png_upload(name="photo.png", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 60, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def manager():
    return ManagerFactory()


@pytest.fixture
def organisation(manager):
    return manager.organisation


def product_row(product: Product) -> dict:
    return Product.objects.filter(pk=product.pk).values().get()


# --- products ---------------------------------------------------------------------------


def test_product_create_suggests_a_code_from_the_initials_and_fills_search_text(
    organisation, manager
):
    ProductFactory(code="MD04")

    product = services.product_create(
        organisation=organisation,
        by=manager.user,
        name="Miến dong Na Rì",
        price=45_000,
        category=category(),
    )

    assert product.code == "MD05"
    assert product.status == Product.Status.DRAFT
    assert product.origin_commune == organisation.commune
    assert "mien dong na ri" in product.search_text
    assert "md05" in product.search_text
    assert "bac kan" in product.search_text


def test_product_code_suggestion_starts_at_01_and_is_kept_when_given(organisation, manager):
    first = services.product_create(
        organisation=organisation, by=manager.user, name="Mật ong", price=1, category=category()
    )
    given = services.product_create(
        organisation=organisation,
        by=manager.user,
        name="Mật ong rừng",
        price=1,
        category=category(),
        code=" mo-rung ",
    )

    assert first.code == "MO01"
    assert given.code == "MO-RUNG"


def test_a_negative_price_is_refused_and_nothing_is_created(organisation, manager):
    messages = in_both_languages(
        lambda: services.product_create(
            organisation=organisation,
            by=manager.user,
            name="Miến dong",
            price=-1000,
            category=category(),
        )
    )

    assert messages == {
        "vi": "Giá không được âm. Hãy ghi từ 0 đồng trở lên.",
        "en": "The price cannot be negative. Write 0 or more đồng.",
    }
    assert Product.objects.count() == 0


def test_a_negative_price_on_update_changes_nothing(organisation, manager):
    product = ProductFactory(organisation=organisation, price=45_000)
    before = product_row(product)

    with pytest.raises(ServiceError) as caught:
        services.product_update(product=product, by=manager.user, name="Khác", price=-1)

    assert caught.value.field == "price"
    assert product_row(product) == before


def test_a_code_already_taken_is_refused(organisation, manager):
    ProductFactory(code="MD01")

    with translation.override("en"), pytest.raises(ServiceError) as caught:
        services.product_create(
            organisation=organisation,
            by=manager.user,
            name="Miến",
            price=1,
            category=category(),
            code="md01",
        )

    assert str(caught.value.message) == (
        "The code MD01 is already used. Choose another or leave it empty."
    )
    assert Product.objects.count() == 1


def test_a_product_of_another_organisation_cannot_be_changed(manager):
    product = ProductFactory(price=45_000)
    before = product_row(product)

    with pytest.raises(ServiceError):
        services.product_update(product=product, by=manager.user, price=1)
    with pytest.raises(ServiceError):
        services.product_status_set(product=product, status="archived", by=manager.user)

    assert product_row(product) == before


def test_product_update_and_status(organisation, manager):
    product = ProductFactory(organisation=organisation, status=Product.Status.DRAFT)

    services.product_update(product=product, by=manager.user, name="Chè Shan tuyết", code="")
    services.product_status_set(product=product, status="published", by=manager.user)

    product.refresh_from_db()
    assert product.name == "Chè Shan tuyết"
    assert product.status == "published"
    assert "che shan tuyet" in product.search_text


# --- images -----------------------------------------------------------------------------


def test_product_image_add_stores_webp_thumbnail_and_medium(organisation, manager):
    product = ProductFactory(organisation=organisation, code="MD05")

    image = services.product_image_add(
        product=product, upload=png_upload(size=(1200, 900)), alt="Hai gói miến", by=manager.user
    )

    assert image.thumbnail.name.endswith("-240.webp")
    assert image.medium.name.endswith("-800.webp")
    assert image.image.name.startswith("products/")
    with Image.open(image.thumbnail) as thumb:
        assert thumb.format == "WEBP"
        assert max(thumb.size) == 240
    assert image.alt == "Hai gói miến"


def test_a_file_that_is_not_an_image_is_refused(organisation, manager):
    product = ProductFactory(organisation=organisation)

    messages = in_both_languages(
        lambda: services.product_image_add(
            product=product,
            upload=SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a picture"),
            alt="",
            by=manager.user,
        )
    )

    assert messages == {
        "vi": "Tệp này không phải là ảnh. Hãy chọn ảnh JPEG, PNG hoặc WebP.",
        "en": "This file is not a photo. Choose a JPEG, PNG or WebP picture.",
    }
    assert ProductImage.objects.count() == 0


def test_an_image_over_the_size_limit_is_refused(organisation, manager, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 2 * 1024 * 1024
    product = ProductFactory(organisation=organisation)
    upload = png_upload()
    upload.size = 3 * 1024 * 1024

    messages = in_both_languages(
        lambda: services.product_image_add(product=product, upload=upload, by=manager.user)
    )

    assert messages == {
        "vi": "Ảnh này quá lớn (3 MB). Tối đa là 2 MB: hãy gửi ảnh nhỏ hơn.",
        "en": "This photo is too large (3 MB). The limit is 2 MB: send a smaller photo.",
    }
    assert ProductImage.objects.count() == 0


def test_product_image_remove_deletes_the_row_and_files(
    organisation, manager, django_capture_on_commit_callbacks
):
    product = ProductFactory(organisation=organisation)
    image = services.product_image_add(product=product, upload=png_upload(), by=manager.user)
    storage, name = image.thumbnail.storage, image.thumbnail.name

    with pytest.raises(ServiceError):
        services.product_image_remove(image=image, by=ManagerFactory().user)
    with django_capture_on_commit_callbacks(execute=True):
        services.product_image_remove(image=image, by=manager.user)

    assert ProductImage.objects.count() == 0
    assert not storage.exists(name)


# --- certificates -----------------------------------------------------------------------


def test_product_certificates_set_keeps_the_highest_valid_ocop_stars(organisation, manager):
    product = ProductFactory(organisation=organisation)
    today = timezone.localdate()
    three = CertificateFactory(organisation=organisation, kind="ocop3")
    five_expired = CertificateFactory(
        organisation=organisation,
        kind="ocop5",
        issued_on=today - datetime.timedelta(days=1200),
        expires_on=today - datetime.timedelta(days=1),
    )
    vietgap = CertificateFactory(organisation=organisation, kind="vietgap")

    services.product_certificates_set(
        product=product, certificates=[three, five_expired, vietgap], by=manager.user
    )

    product.refresh_from_db()
    assert product.ocop_stars == 3
    assert set(product.certificates.all()) == {three, five_expired, vietgap}


def test_certificates_of_another_organisation_are_refused(organisation, manager):
    product = ProductFactory(organisation=organisation)

    with pytest.raises(ServiceError):
        services.product_certificates_set(
            product=product, certificates=[CertificateFactory()], by=manager.user
        )

    product.refresh_from_db()
    assert product.ocop_stars == 0
    assert product.certificates.count() == 0


# --- lots -------------------------------------------------------------------------------


def test_lot_create_makes_a_short_code_and_links_the_producers(organisation, manager):
    product = ProductFactory(organisation=organisation)
    producer = MembershipFactory(organisation=organisation)

    lot = services.lot_create(
        product=product,
        produced_on=timezone.localdate(),
        quantity=200,
        producers=[producer],
        notes=" Vụ xuân ",
        by=manager.user,
    )

    assert lot.code.startswith("L-")
    assert len(lot.code) == 8
    assert lot.code[2:].isalnum() and lot.code[2:].isupper()
    assert list(lot.producers.all()) == [producer]
    assert lot.notes == "Vụ xuân"


def test_a_lot_for_another_organisations_product_is_refused(organisation, manager):
    theirs = ProductFactory()

    messages = in_both_languages(
        lambda: services.lot_create(
            product=theirs,
            produced_on=timezone.localdate(),
            quantity=10,
            producers=[],
            notes="",
            by=manager.user,
        )
    )

    assert messages == {
        "vi": "Sản phẩm này thuộc tổ chức khác: bạn không thể thêm lô cho sản phẩm đó.",
        "en": "This product belongs to another organisation: you cannot add a lot to it.",
    }
    assert Lot.objects.count() == 0


def test_a_lot_for_another_organisation_is_refused_even_for_a_manager_of_both(
    organisation, manager
):
    theirs = ProductFactory()
    ManagerFactory(organisation=theirs.organisation, user=manager.user)

    with pytest.raises(ServiceError) as caught:
        services.lot_create(
            product=theirs,
            produced_on=timezone.localdate(),
            quantity=10,
            by=manager.user,
            organisation=organisation,
        )

    assert caught.value.field == "product"
    assert Lot.objects.count() == 0


@pytest.mark.parametrize("quantity", [0, -5])
def test_a_lot_quantity_of_zero_or_less_is_refused(organisation, manager, quantity):
    product = ProductFactory(organisation=organisation)

    messages = in_both_languages(
        lambda: services.lot_create(
            product=product, produced_on=timezone.localdate(), quantity=quantity, by=manager.user
        )
    )

    assert messages == {
        "vi": "Số lượng phải lớn hơn 0.",
        "en": "The quantity must be more than 0.",
    }
    assert Lot.objects.count() == 0


def test_producers_must_be_members_of_the_products_organisation(organisation, manager):
    product = ProductFactory(organisation=organisation)
    stranger = MembershipFactory()

    with pytest.raises(ServiceError) as caught:
        services.lot_create(
            product=product,
            produced_on=timezone.localdate(),
            quantity=5,
            producers=[stranger],
            by=manager.user,
        )

    assert caught.value.field == "producers"
    assert Lot.objects.count() == 0


def test_lot_factory_codes_do_not_clash_with_service_codes():
    lot = LotFactory()

    assert lot.code.startswith("L-T")


def test_product_changes_are_recorded_with_who_made_them(organisation, manager):
    product = services.product_create(
        organisation=organisation, by=manager.user, name="Mật ong", price=100, category=category()
    )

    services.product_update(product=product, by=manager.user, price=120, story="Mới")
    services.product_status_set(product=product, status="published", by=manager.user)
    services.lot_create(
        product=product, produced_on=timezone.localdate(), quantity=3, by=manager.user
    )

    events = list(product.events.order_by("pk").values_list("kind", "actor", "details"))
    assert [(kind, actor) for kind, actor, _ in events] == [
        ("created", manager.user.pk),
        ("updated", manager.user.pk),
        ("status", manager.user.pk),
        ("lot", manager.user.pk),
    ]
    assert events[1][2] == {"changes": {"price": [100, 120], "story": "changed"}}
    assert events[2][2] == {"old": "draft", "new": "published"}


def test_a_buying_business_cannot_list_products():
    buyer = ManagerFactory(organisation__kind="buyer")

    with pytest.raises(ServiceError):
        services.product_create(
            organisation=buyer.organisation,
            by=buyer.user,
            name="Miến",
            price=1,
            category=category(),
        )

    assert Product.objects.count() == 0


def test_a_suggested_code_taken_at_the_same_moment_is_replaced_by_the_next(
    organisation, manager, monkeypatch
):
    ProductFactory(code="MD01")
    suggestions = iter(["MD01", "MD02"])  # another manager took MD01 between check and insert
    monkeypatch.setattr(services, "product_code_suggest", lambda name: next(suggestions))

    product = services.product_create(
        organisation=organisation, by=manager.user, name="Miến dong", price=1, category=category()
    )

    assert product.code == "MD02"
