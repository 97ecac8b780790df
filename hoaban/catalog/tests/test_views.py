import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from hoaban.catalog.models import Lot, Product, ProductImage
from hoaban.catalog.tests.factories import LotFactory, ProductFactory, category
from hoaban.orgs.tests.factories import (
    CertificateFactory,
    ManagerFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def manager():
    return ManagerFactory()


@pytest.fixture
def logged_in(client, manager):
    client.force_login(manager.user)
    return client


def manage_url(name: str, manager, **kwargs) -> str:
    return reverse(f"console:{name}", kwargs={"slug": manager.organisation.slug, **kwargs})


# --- lot trace page ---------------------------------------------------------------------


def test_trace_page_shows_the_lot_and_only_consenting_first_names(client):
    product = ProductFactory(name="Miến dong Na Rì", code="MD05")
    organisation = product.organisation
    agreed = MembershipFactory(
        organisation=organisation,
        user=UserFactory(full_name="Hoàng Thị Mai"),
        show_name_publicly=True,
    )
    refused = MembershipFactory(
        organisation=organisation,
        user=UserFactory(full_name="Nông Thị Xuyến"),
        show_name_publicly=False,
    )
    certificate = CertificateFactory(organisation=organisation, kind="ocop4", number="OCOP-77")
    product.certificates.add(certificate)
    lot = LotFactory(product=product, code="L-ABC234", quantity=120, producers=[agreed, refused])

    response = client.get(reverse("catalog:lot_trace", kwargs={"code": "L-ABC234"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Miến dong Na Rì" in html
    assert organisation.name in html
    assert "Mai" in html
    assert "Hoàng Thị" not in html  # first names only
    assert "Xuyến" not in html
    assert "Nông" not in html
    assert lot.produced_on.strftime("%d/%m/%Y") in html
    assert "120" in html
    assert "OCOP-77" in html
    assert "(trước đây: Bắc Kạn)" in html
    assert '<svg role="img" aria-label="Mã QR của lô L-ABC234' in html
    assert "<title>Mã QR của lô L-ABC234" in html
    assert "<?xml" not in html
    assert 'href="/p/MD05/"' in html


def test_trace_page_of_an_unknown_lot_or_a_draft_product_is_404(client):
    LotFactory(code="L-DRAFT1", product=ProductFactory(status=Product.Status.DRAFT))

    assert client.get("/lot/L-NOPE99/").status_code == 404
    assert client.get("/lot/L-DRAFT1/").status_code == 404


def test_trace_page_query_count_is_fixed(client, django_assert_num_queries):
    product = ProductFactory()
    members = MembershipFactory.create_batch(4, organisation=product.organisation)
    LotFactory(code="L-QQQ222", product=product, producers=members)

    # lot joined with product, seller and places + producers + certificates + images
    with django_assert_num_queries(4):
        client.get("/lot/L-QQQ222/")


def test_qr_svg_for_printing_encodes_the_trace_page(client):
    LotFactory(code="L-PRT345")

    response = client.get(reverse("catalog:lot_qr", kwargs={"code": "L-PRT345"}))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content.decode()
    assert body.startswith("<?xml")
    assert "<title>" in body


# --- manager console: products ----------------------------------------------------------


def test_products_page_lists_my_products_with_a_fixed_query_count(
    logged_in, manager, django_assert_num_queries
):
    ProductFactory.create_batch(3, organisation=manager.organisation)
    url = manage_url("products", manager)
    logged_in.get(url)  # warm the session

    ProductFactory.create_batch(3, organisation=manager.organisation)
    # session + user + organisation + permission checks (2) + products + images + the orders
    # waiting (the tab row's count)
    with django_assert_num_queries(8):
        response = logged_in.get(url)

    assert response.content.decode().count('class="thumb') == 6


def test_product_create_with_a_negative_price_shows_the_message_and_creates_nothing(
    logged_in, manager
):
    response = logged_in.post(
        manage_url("product_create", manager),
        {
            "name": "Miến dong",
            "category": str(category().pk),
            "unit": "kg",
            "price": "-45.000",
            "stock": "3",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Giá không được âm. Hãy ghi từ 0 đồng trở lên." in html
    assert "Không lưu được gì." in html
    assert Product.objects.count() == 0


def test_product_create_reads_prices_written_with_dots_and_suggests_a_code(logged_in, manager):

    response = logged_in.post(
        manage_url("product_create", manager),
        {
            "name": "Mật ong bạc hà",
            "category": str(category("mat-ong").pk),
            "unit": "bottle",
            "price": "250.000 đ",
            "stock": "12",
        },
    )

    product = Product.objects.get()
    assert response.status_code == 302
    # Stock is not a field of the product form: it is counted (a recount) on the list.
    assert (product.code, product.price, product.stock) == ("MO01", 250_000, 0)
    assert product.organisation == manager.organisation


def test_product_edit_stock_and_publish(logged_in, manager):
    product = ProductFactory(organisation=manager.organisation, status="draft", stock=1)

    edit = logged_in.get(manage_url("product_edit", manager, code=product.code))
    recount = reverse(
        "console:product_stock",
        kwargs={"slug": manager.organisation.slug, "code": product.code},
    )
    stock = logged_in.post(recount, {"stock": "40"})
    bad = logged_in.post(recount, {"stock": "-1"})
    publish = logged_in.post(
        manage_url("product_status", manager, code=product.code), {"status": "published"}
    )

    product.refresh_from_db()
    assert edit.status_code == 200
    assert (stock.status_code, bad.status_code, publish.status_code) == (302, 302, 302)
    assert (product.stock, product.status) == (40, "published")


def test_another_organisations_product_is_not_found_in_my_console(logged_in, manager):
    theirs = ProductFactory()

    response = logged_in.get(manage_url("product_edit", manager, code=theirs.code))

    assert response.status_code == 404


def test_uploading_something_that_is_not_a_photo_shows_the_message(logged_in, manager):
    product = ProductFactory(organisation=manager.organisation)

    response = logged_in.post(
        manage_url("product_images", manager, code=product.code),
        {"upload": SimpleUploadedFile("anh.jpg", b"not an image at all"), "alt": ""},
    )

    assert response.status_code == 200
    assert "Tệp này không phải là ảnh." in response.content.decode()
    assert ProductImage.objects.count() == 0


def test_uploading_a_photo_and_removing_it(logged_in, manager):
    product = ProductFactory(organisation=manager.organisation)
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), (10, 120, 10)).save(buffer, format="JPEG")

    uploaded = logged_in.post(
        manage_url("product_images", manager, code=product.code),
        {"upload": SimpleUploadedFile("anh.jpg", buffer.getvalue()), "alt": "Gói miến"},
    )
    image = ProductImage.objects.get()
    page = logged_in.get(manage_url("product_images", manager, code=product.code))
    removed = logged_in.post(
        manage_url("product_image_remove", manager, code=product.code, pk=image.pk)
    )

    assert (uploaded.status_code, removed.status_code) == (302, 302)
    assert image.thumbnail.url in page.content.decode()
    assert ProductImage.objects.count() == 0


# --- manager console: lots --------------------------------------------------------------


def test_lot_form_records_a_lot_with_producers(logged_in, manager):
    product = ProductFactory(organisation=manager.organisation)
    member = MembershipFactory(organisation=manager.organisation)

    response = logged_in.post(
        manage_url("lots", manager),
        {
            "product": str(product.pk),
            "produced_on": "2026-01-15",
            "quantity": "80",
            "producers": [str(member.pk)],
        },
    )

    lot = Lot.objects.get()
    assert response.status_code == 302
    assert list(lot.producers.all()) == [member]
    assert lot.code in logged_in.get(manage_url("lots", manager)).content.decode()


def test_lot_form_for_another_organisations_product_is_refused(logged_in, manager):
    theirs = ProductFactory()

    response = logged_in.post(
        manage_url("lots", manager),
        {"product": str(theirs.pk), "produced_on": "2026-01-15", "quantity": "10"},
    )

    assert response.status_code == 200
    assert "Sản phẩm này thuộc tổ chức khác" in response.content.decode()
    assert Lot.objects.count() == 0


def test_lot_form_with_a_negative_quantity_is_refused(logged_in, manager):
    product = ProductFactory(organisation=manager.organisation)

    response = logged_in.post(
        manage_url("lots", manager),
        {"product": str(product.pk), "produced_on": "2026-01-15", "quantity": "-4"},
    )

    assert "Số lượng phải lớn hơn 0." in response.content.decode()
    assert Lot.objects.count() == 0


def test_product_edit_links_certificates_and_leaves_the_stock_alone(logged_in, manager):
    product = ProductFactory(organisation=manager.organisation, stock=9, code="MD05")
    certificate = CertificateFactory(organisation=manager.organisation, kind="ocop4")
    url = manage_url("product_edit", manager, code=product.code)

    page = logged_in.get(url)
    response = logged_in.post(
        url,
        {
            "name": "Miến dong loại 1",
            "code": "MD05",
            "category": str(product.category_id),
            "unit": "kg",
            "price": "60000",
            "stock": "0",  # not a field of the edit form: ignored
            "province": "19",
            "origin_commune": str(product.origin_commune_id),
            "certificates": [str(certificate.pk)],
        },
    )

    assert 'name="stock"' not in page.content.decode()
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.name, product.price, product.stock, product.ocop_stars) == (
        "Miến dong loại 1",
        60_000,
        9,
        4,
    )


def test_every_catalogue_and_organisation_admin_page_opens(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    lot = LotFactory(producers=[MembershipFactory()])
    client.force_login(admin)

    for model in ("category", "product", "productimage", "lot"):
        assert client.get(f"/admin/catalog/{model}/?q=mien").status_code == 200
    for model in ("organisation", "membership", "certificate", "improvement"):
        assert client.get(f"/admin/orgs/{model}/?q=htx").status_code == 200
    assert client.get(f"/admin/catalog/product/{lot.product.pk}/change/").status_code == 200
    organisation = lot.product.organisation
    assert client.get(f"/admin/orgs/organisation/{organisation.pk}/change/").status_code == 200
