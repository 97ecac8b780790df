import pytest

from hoaban.api.models import ApiToken
from hoaban.api.services import api_token_create, api_token_revoke
from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import (
    CertificateFactory,
    LotFactory,
    MembershipFactory,
    OrganisationFactory,
    ProductFactory,
    UserFactory,
)
from hoaban.orgs.models import Organisation
from hoaban.orgs.tests.factories import commune

pytestmark = pytest.mark.django_db

NA_RI = 2155  # Thái Nguyên, formerly Bắc Kạn
GIA_NGHIA = 24611  # Lâm Đồng, formerly Đắk Nông


def get(client, url, **params):
    response = client.get(f"/api/v1{url}", params)
    return response.status_code, response.json()


def org_in(code: int, **kwargs) -> Organisation:
    return OrganisationFactory(commune=commune(code), **kwargs)


# places


def test_provinces_paginate_and_search_old_names(client):
    status, body = get(client, "/provinces")
    assert status == 200
    assert body["count"] == 34
    assert len(body["items"]) == 20

    status, body = get(client, "/provinces", q="Bắc Kạn")
    assert [p["name"] for p in body["items"]] == ["Thái Nguyên"]
    assert {"code": 6, "name": "Bắc Kạn"} in body["items"][0]["former_provinces"]

    status, body = get(client, "/provinces", q="dak nong")
    assert [p["code"] for p in body["items"]] == [68]


def test_communes_of_a_province_searchable_without_accents(client):
    status, body = get(client, "/provinces/19/communes", q="na ri")

    assert status == 200
    assert [c["name"] for c in body["items"]] == ["Xã Na Rì"]
    assert body["items"][0]["former_province"] == {"code": 6, "name": "Bắc Kạn"}


def test_communes_of_an_unknown_province_is_404_with_a_message(client):
    status, body = get(client, "/provinces/999/communes")

    assert status == 404
    assert body == {"code": "not_found", "message": "Không có tỉnh nào mang mã 999.", "errors": {}}
    client.cookies["hoaban_language"] = "en"
    assert get(client, "/provinces/999/communes")[1] == {
        "code": "not_found",
        "message": "No province has the code 999.",
        "errors": {},
    }


@pytest.mark.parametrize(
    "params", [{"limit": 101}, {"limit": 0}, {"offset": -1}, {"limit": "many"}]
)
def test_bad_pagination_is_422(client, params):
    status, body = get(client, "/provinces", **params)

    assert status == 422
    assert body["code"] == "invalid_field"
    assert list(body["errors"]) in (["limit"], ["offset"])


# organisations


def test_organisations_q_finds_those_in_the_former_province(client):
    org_in(NA_RI, name="HTX Miến Dong Na Rì")
    org_in(GIA_NGHIA, name="HTX Cà Phê Gia Nghĩa")

    status, body = get(client, "/organisations", q="Bắc Kạn")

    assert status == 200
    assert body["count"] == 1
    item = body["items"][0]
    assert item["name"] == "HTX Miến Dong Na Rì"
    assert item["place"] == {
        "commune_code": NA_RI,
        "commune": "Xã Na Rì",
        "province_code": 19,
        "province": "Thái Nguyên",
        "former_province_code": 6,
        "former_province": "Bắc Kạn",
    }


def test_organisations_filter_by_province_former_and_kind(client):
    org_in(NA_RI, name="A Na Rì")
    org_in(GIA_NGHIA, name="B Gia Nghĩa", kind=Organisation.Kind.BUYER)
    org_in(NA_RI, name="C nghỉ", is_active=False)

    def names(**params):
        return [o["name"] for o in get(client, "/organisations", **params)[1]["items"]]

    assert names() == ["A Na Rì", "B Gia Nghĩa"]
    assert names(province=68) == ["B Gia Nghĩa"]
    assert names(former=6) == ["A Na Rì"]
    assert names(kind="buyer") == ["B Gia Nghĩa"]


def test_organisations_unknown_province_or_kind_is_422(client):
    status, body = get(client, "/organisations", province=999)
    assert status == 422
    assert body == {
        "code": "invalid_field",
        "message": "Không có tỉnh mã 999. Xem mã các tỉnh ở /api/v1/provinces.",
        "errors": {"province": "Không có tỉnh mã 999. Xem mã các tỉnh ở /api/v1/provinces."},
    }
    client.cookies["hoaban_language"] = "en"
    status, body = get(client, "/organisations", former=99)
    assert status == 422
    assert body == {
        "code": "invalid_field",
        "message": "Unknown former province code 99. See /api/v1/provinces for the codes.",
        "errors": {
            "former": "Unknown former province code 99. See /api/v1/provinces for the codes."
        },
    }
    status, body = get(client, "/organisations", kind="alien")
    assert status == 422
    assert body["code"] == "invalid_field"
    assert list(body["errors"]) == ["kind"]
    assert body["errors"]["kind"].startswith("Choose one of: ")


def test_organisation_detail_with_certificates_and_product_count(client):
    org = org_in(NA_RI, name="HTX Na Rì", slug="htx-na-ri")
    CertificateFactory(organisation=org, title="OCOP 4 sao")
    ProductFactory(organisation=org)
    ProductFactory(organisation=org, status=Product.Status.DRAFT)

    status, body = get(client, "/organisations/htx-na-ri")

    assert status == 200
    assert body["product_count"] == 1
    assert [(c["kind"], c["ocop_stars"]) for c in body["certificates"]] == [("ocop4", 4)]
    assert get(client, "/organisations/khong-co")[0] == 404


# products


def test_products_search_and_filters_as_on_the_web(client):
    from hoaban.catalog.tests.factories import category

    ProductFactory(organisation=org_in(NA_RI), name="Miến dong Na Rì", ocop_stars=4)
    ProductFactory(
        organisation=org_in(GIA_NGHIA), name="Cà phê M'Nông", category=category("ca-phe")
    )
    ProductFactory(name="Nháp", status=Product.Status.DRAFT)

    def names(**params):
        return [p["name"] for p in get(client, "/products", **params)[1]["items"]]

    assert names() == ["Cà phê M'Nông", "Miến dong Na Rì"]
    assert names(q="MIEN DONG") == ["Miến dong Na Rì"]
    assert names(q="Bắc Kạn") == ["Miến dong Na Rì"]
    assert names(province=68) == ["Cà phê M'Nông"]
    assert names(former=6) == ["Miến dong Na Rì"]
    assert names(category="do-uong") == ["Cà phê M'Nông"]
    assert names(ocop=3) == ["Miến dong Na Rì"]


def test_product_list_item_shape(client):
    product = ProductFactory(name="Miến dong", code="MD05", price=45_000)

    item = get(client, "/products")[1]["items"][0]

    assert item["code"] == "MD05"
    assert item["price"] == 45_000
    assert item["unit"] == "pack500g"
    assert item["seller"] == {"slug": product.organisation.slug, "name": product.organisation.name}
    assert item["category"] == {"code": "gao-mien", "name": "Gạo, miến và nông sản khô"}
    assert item["origin"]["former_province"] == "Bắc Kạn"
    assert item["thumbnail"] is None
    assert item["url"] == "http://testserver/p/MD05/"


def test_products_bad_filters_are_422(client):
    assert get(client, "/products", ocop=2) == (
        422,
        {
            "code": "invalid_field",
            "message": "Số sao OCOP phải là 3, 4 hoặc 5.",
            "errors": {"ocop": "Số sao OCOP phải là 3, 4 hoặc 5."},
        },
    )
    assert get(client, "/products", province=0)[0] == 422
    assert get(client, "/products", province="abc")[0] == 422


def test_product_detail_and_its_lots(client):
    product = ProductFactory(code="MD05")
    product.certificates.add(CertificateFactory(organisation=product.organisation))
    mai = MembershipFactory(
        organisation=product.organisation, user=UserFactory(full_name="Hoàng Thị Mai")
    )
    hidden = MembershipFactory(
        organisation=product.organisation,
        user=UserFactory(full_name="Nông Thị Lan"),
        show_name_publicly=False,
    )
    LotFactory(product=product, code="L-MD-1", producers=[mai, hidden])

    status, body = get(client, "/products/MD05")
    assert status == 200
    assert body["story"] == product.story
    assert [c["kind"] for c in body["certificates"]] == ["ocop4"]

    status, body = get(client, "/products/MD05/lots")
    assert status == 200
    assert body["count"] == 1
    assert body["items"][0]["code"] == "L-MD-1"
    assert body["items"][0]["producers"] == ["Mai"]


def test_unpublished_product_and_its_lots_are_404(client):
    ProductFactory(code="NHAP", status=Product.Status.DRAFT)

    assert get(client, "/products/NHAP") == (
        404,
        {
            "code": "not_found",
            "message": "Không có sản phẩm đang bán nào mang mã NHAP.",
            "errors": {},
        },
    )
    assert get(client, "/products/NHAP/lots")[0] == 404


# lots


def test_lot_detail_shows_product_seller_origin_and_consenting_producers(client):
    product = ProductFactory(code="MD05", name="Miến dong")
    mai = MembershipFactory(
        organisation=product.organisation, user=UserFactory(full_name="Hoàng Thị Mai")
    )
    LotFactory(product=product, code="L-MD-1", producers=[mai])

    status, body = get(client, "/lots/L-MD-1")

    assert status == 200
    assert body["product"] == {"code": "MD05", "name": "Miến dong"}
    assert body["seller"]["slug"] == product.organisation.slug
    assert body["origin"]["commune"] == "Xã Na Rì"
    assert body["producers"] == ["Mai"]
    assert get(client, "/lots/L-NONE") == (
        404,
        {"code": "not_found", "message": "Không có lô hàng nào mang mã L-NONE.", "errors": {}},
    )


def test_lot_of_a_draft_product_is_404(client):
    LotFactory(code="L-X", product=ProductFactory(status=Product.Status.DRAFT))

    assert get(client, "/lots/L-X")[0] == 404


# tokens


def test_me_needs_a_token(client):
    status, body = get(client, "/me")

    assert status == 401
    assert body == {
        "code": "unauthorized",
        "message": "Gửi mã API của bạn: Authorization: Bearer hb_…",
        "errors": {},
    }


def test_me_answers_with_the_token_owner_and_records_use(client):
    user = UserFactory(phone="+84912345678", full_name="Hoàng Thị Mai")
    token, key = api_token_create(user=user, name="Ứng dụng thử")

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
    assert response.json() == {
        "phone": "+84912345678",
        "full_name": "Hoàng Thị Mai",
        "preferred_language": "vi",
    }
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.key_hash != key and key not in token.key_hash


def test_revoked_or_wrong_token_is_refused(client):
    token, key = api_token_create(user=UserFactory(), name="cũ")
    api_token_revoke(token=token)

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer hb_wrong").status_code == 401
    assert ApiToken.objects.get().last_used_at is None


# docs


def test_docs_page_uses_local_swagger_files(client):
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert client.get("/api/v1/openapi.json").status_code == 200
