import pytest
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import (
    CertificateFactory,
    LotFactory,
    OrganisationFactory,
    ProductFactory,
)

from .builders import BA_DINH, GIA_NGHIA, image_for, product_in

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [p.name for p in response.context["products"]]


def test_home_shows_featured_products_cooperatives_and_provinces(client):
    org = OrganisationFactory(name="HTX Miến Dong Na Rì")
    ProductFactory(organisation=org, name="Miến dong đặc biệt", is_featured=True)
    ProductFactory(organisation=org, name="Bản nháp", status=Product.Status.DRAFT)

    response = client.get(reverse("storefront:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert names(response) == ["Miến dong đặc biệt"]
    assert "HTX Miến Dong Na Rì" in html
    assert [(p.short_name, p.product_count) for p in response.context["provinces"]] == [
        ("Thái Nguyên", 1)
    ]
    assert f"{reverse('storefront:products')}?former=6" in html  # Bắc Kạn (former)
    assert "Bản nháp" not in html


def test_language_switch_to_english_sticks_in_a_cookie(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response.cookies["hoaban_language"].value == "en"
    html = client.get(reverse("storefront:home")).content.decode()
    assert '<html lang="en">' in html
    assert "Featured products" in html
    assert 'name="language" value="vi" lang="vi">' in html and "Tiếng Việt" in html


def test_home_is_vietnamese_by_default(client):
    html = client.get(reverse("storefront:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Sản phẩm nổi bật" in html
    assert 'name="language" value="en" lang="en">' in html and "English" in html  # the switch


def test_search_ignores_accents_and_case_and_needs_every_word(client):
    ProductFactory(name="Miến dong Na Rì")
    ProductFactory(name="Mật ong rừng")

    response = client.get(reverse("storefront:products"), {"q": "MIEN dong"})
    assert names(response) == ["Miến dong Na Rì"]
    response = client.get(reverse("storefront:products"), {"q": "dong rung"})
    assert names(response) == []


def test_search_by_former_province_name_finds_products_there(client):
    product_in(2155, name="Miến dong Na Rì")  # Xã Na Rì, formerly Bắc Kạn
    product_in(GIA_NGHIA, name="Cà phê Gia Nghĩa")

    response = client.get(reverse("storefront:products"), {"q": "Bắc Kạn"})

    assert names(response) == ["Miến dong Na Rì"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "19"}, ["Miến dong"]),
        ({"province": "68"}, ["Cà phê"]),
        ({"former": "6"}, ["Miến dong"]),
        ({"province": "f67"}, ["Cà phê"]),
        ({"province": "999"}, ["Cà phê", "Miến dong", "Thổ cẩm"]),  # invalid: ignored
    ],
)
def test_filter_by_current_or_former_province(client, params, expected):
    product_in(2155, name="Miến dong")
    product_in(GIA_NGHIA, name="Cà phê")
    product_in(BA_DINH, name="Thổ cẩm")

    response = client.get(reverse("storefront:products"), params)

    assert names(response) == expected


def test_category_filter_includes_child_categories(client):
    from hoaban.catalog.tests.factories import category

    ProductFactory(name="Miến dong", category=category("gao-mien"))
    ProductFactory(name="Chè Shan tuyết", category=category("che"))

    assert names(client.get("/products/", {"category": "thuc-pham"})) == ["Miến dong"]
    assert names(client.get("/products/", {"category": "do-uong"})) == ["Chè Shan tuyết"]


def test_ethnic_group_and_ocop_filters(client):
    from hoaban.accounts.models import EthnicGroup

    tay = EthnicGroup.objects.get(code="02")
    ProductFactory(name="Ba sao", ocop_stars=3, ethnic_group=tay)
    ProductFactory(name="Bốn sao", ocop_stars=4)
    ProductFactory(name="Năm sao", ocop_stars=5, ethnic_group=tay)

    assert names(client.get("/products/", {"ocop": "4"})) == ["Bốn sao", "Năm sao"]
    assert names(client.get("/products/", {"ethnic_group": "02"})) == ["Ba sao", "Năm sao"]
    assert names(client.get("/products/", {"ethnic_group": "02", "ocop": "4"})) == ["Năm sao"]


def test_list_shows_only_published_products_of_active_sellers(client):
    ProductFactory(name="Đang bán")
    ProductFactory(name="Nháp", status=Product.Status.DRAFT)
    ProductFactory(name="Lưu trữ", status=Product.Status.ARCHIVED)
    ProductFactory(name="Người bán nghỉ", organisation=OrganisationFactory(is_active=False))

    assert names(client.get("/products/")) == ["Đang bán"]


def test_list_paginates_by_24(client):
    ProductFactory.create_batch(25)

    first = client.get("/products/")
    second = client.get("/products/", {"page": 2})

    assert len(first.context["products"]) == 24
    assert len(second.context["products"]) == 1
    assert 'href="?page=2&amp;after=' in first.content.decode()  # by cursor: list_pages


def test_province_select_groups_former_provinces(client):
    html = client.get("/products/").content.decode()

    assert '<optgroup label="Tỉnh cũ (trước 1/7/2025)">' in html
    assert '<option value="f6">Bắc Kạn</option>' in html
    assert '<option value="19">Thái Nguyên</option>' in html


def test_card_shows_thumbnail_price_seller_and_province(client):
    product = ProductFactory(name="Miến dong", price=45_000)
    image_for(product)

    html = client.get("/products/").content.decode()

    assert 'loading="lazy"' in html and 'width="240" height="240"' in html
    assert "45.000\u00a0₫" in html
    assert product.organisation.name in html
    assert "Thái Nguyên" in html


def test_product_page_shows_origin_stock_certificates_and_lots(client):
    product = product_in(2155, name="Miến dong", stock=12, unit=Product.Unit.KG, ocop_stars=4)
    product.certificates.add(CertificateFactory(organisation=product.organisation))
    LotFactory(product=product, code="L-MD-001")

    response = client.get(reverse("storefront:product", args=[product.code]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Còn 12 kg" in html
    assert "Xã Na Rì, Thái Nguyên (trước đây: Bắc Kạn)" in html
    assert "OCOP 4 sao" in html
    assert "L-MD-001" in html


def test_unpublished_or_unknown_product_page_is_404(client):
    draft = ProductFactory(status=Product.Status.DRAFT)

    assert client.get(reverse("storefront:product", args=[draft.code])).status_code == 404
    assert client.get(reverse("storefront:product", args=["NOPE"])).status_code == 404


def test_header_offers_login_to_visitors_and_the_login_page_offers_signup(client):
    html = client.get(reverse("storefront:home")).content.decode()
    login_page = client.get(reverse("accounts:login")).content.decode()

    assert f'href="{reverse("accounts:login")}"' in html
    assert f'href="{reverse("accounts:signup")}' in login_page  # one row in the header at 360 px
    assert 'href="/manage/"' not in html
    assert 'class="skip" href="#main"' in html
    assert '<form class="search" role="search" action="/products/" method="get">' in html


def test_header_offers_manage_profile_and_logout_to_people_logged_in(client):
    from hoaban.catalog.tests.factories import UserFactory

    client.force_login(UserFactory(full_name="Hoàng Thị Mai"))

    html = client.get(reverse("storefront:home")).content.decode()

    assert '<a href="/manage/">' in html and "Quản lý" in html  # in the account menu
    assert f'href="{reverse("accounts:profile")}"' in html and "Mai" in html
    assert f'action="{reverse("accounts:logout")}"' in html
    assert f'href="{reverse("accounts:login")}"' not in html


def test_product_page_offers_the_basket_only_while_in_stock(client):
    in_stock = ProductFactory(stock=3)
    sold_out = ProductFactory(stock=0)

    html = client.get(reverse("storefront:product", args=[in_stock.code])).content.decode()
    assert f'action="{reverse("shop:cart_add")}"' in html
    html = client.get(reverse("storefront:product", args=[sold_out.code])).content.decode()
    assert f'action="{reverse("shop:cart_add")}"' not in html
    assert "Hết hàng" in html


def test_a_very_long_search_is_cut_not_ignored(client):
    ProductFactory(name="Miến dong Na Rì")
    ProductFactory(name="Mật ong rừng")

    response = client.get("/products/", {"q": "mien " + "x" * 200})

    assert response.status_code == 200
    assert names(response) == []
