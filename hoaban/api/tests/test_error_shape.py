"""Every API error has one shape, `{"code", "message", "errors"}`, in the caller's language —
including the 422s django-ninja raises itself (a bound, a wrong type in the query or the path)
and the 404s of unknown paths and missing objects."""

import pytest

pytestmark = pytest.mark.django_db

VI = {}
EN = {"lang": "en"}


def error_of(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "message", "errors"}
    return body


@pytest.mark.parametrize(
    ("query", "lang", "field", "message", "summary"),
    [
        (
            {"limit": 1000},
            VI,
            "limit",
            "Quá lớn: nhiều nhất là 100.",
            "Vui lòng sửa các ô được đánh dấu.",
        ),
        (
            {"limit": 1000},
            EN,
            "limit",
            "Too large: at most 100.",
            "Please correct the marked fields.",
        ),
        ({"limit": 0}, EN, "limit", "Too small: at least 1.", "Please correct the marked fields."),
        (
            {"offset": -1},
            VI,
            "offset",
            "Quá nhỏ: ít nhất là 0.",
            "Vui lòng sửa các ô được đánh dấu.",
        ),
        (
            {"limit": "ten"},
            VI,
            "limit",
            "Hãy viết một số nguyên.",
            "Vui lòng sửa các ô được đánh dấu.",
        ),
        (
            {"limit": "ten"},
            EN,
            "limit",
            "Write a whole number.",
            "Please correct the marked fields.",
        ),
        (
            {"province": "x"},
            EN,
            "province",
            "Write a whole number.",
            "Please correct the marked fields.",
        ),
    ],
)
def test_ninjas_own_422s_name_the_field_in_the_callers_language(
    client, query, lang, field, message, summary
):
    body = error_of(client.get("/api/v1/products", {**query, **lang}), 422)

    assert body == {"code": "invalid_field", "message": summary, "errors": {field: message}}


@pytest.mark.parametrize(
    ("lang", "message"),
    [(VI, "Hãy viết một số nguyên."), (EN, "Write a whole number.")],
)
def test_a_wrong_type_in_the_path_is_a_422_naming_it(client, lang, message):
    body = error_of(client.get("/api/v1/provinces/abc/communes", lang), 422)

    assert body["code"] == "invalid_field"
    assert body["errors"] == {"code": message}


@pytest.mark.parametrize(
    "path", ["/api/v1/nope", "/api/v1/nope/deeper/", "/api/v1/products/MD05/nope"]
)
@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (VI, "Không có gì ở địa chỉ này. Xem /api/v1/docs."),
        (EN, "Nothing is at this address. See /api/v1/docs."),
    ],
)
def test_an_unknown_api_path_is_a_404_in_the_one_shape(client, path, lang, message):
    assert error_of(client.get(path, lang), 404) == {
        "code": "not_found",
        "message": message,
        "errors": {},
    }
    assert error_of(client.post(path, lang), 404)["code"] == "not_found"


def test_the_language_comes_from_accept_language_when_no_lang_is_given(client):
    body = error_of(client.get("/api/v1/nope", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8"), 404)
    assert body["message"] == "Nothing is at this address. See /api/v1/docs."
    body = error_of(client.get("/api/v1/nope", {"lang": "vi"}, HTTP_ACCEPT_LANGUAGE="en"), 404)
    assert body["message"] == "Không có gì ở địa chỉ này. Xem /api/v1/docs."


@pytest.mark.parametrize(
    ("path", "vi", "en"),
    [
        (
            "/api/v1/products/NOPE",
            "Không có sản phẩm đang bán nào mang mã NOPE.",
            "No published product has the code NOPE.",
        ),
        (
            "/api/v1/products/NOPE/lots",
            "Không có sản phẩm đang bán nào mang mã NOPE.",
            "No published product has the code NOPE.",
        ),
        (
            "/api/v1/lots/L-NOPE",
            "Không có lô hàng nào mang mã L-NOPE.",
            "No lot has the code L-NOPE.",
        ),
        (
            "/api/v1/provinces/99/communes",
            "Không có tỉnh nào mang mã 99.",
            "No province has the code 99.",
        ),
    ],
)
def test_a_missing_object_is_a_404_saying_what_is_missing(client, path, vi, en):
    assert error_of(client.get(path), 404) == {"code": "not_found", "message": vi, "errors": {}}
    assert error_of(client.get(path, EN), 404) == {"code": "not_found", "message": en, "errors": {}}


def test_a_missing_organisation_is_a_404(client):
    body = error_of(client.get("/api/v1/organisations/no-such-cooperative", EN), 404)
    assert body["code"] == "not_found"
    assert "no-such-cooperative" in body["message"]


def test_a_missing_order_is_a_404_in_both_languages(client):
    vi = error_of(client.get("/api/v1/orders/HB-ZZZZZ", {"phone": "0912345678"}), 404)
    en = error_of(client.get("/api/v1/orders/HB-ZZZZZ", {"phone": "0912345678", **EN}), 404)

    assert vi["code"] == en["code"] == "not_found"
    assert vi["message"].startswith("Không tìm thấy đơn hàng")
    assert en["message"].startswith("We found no order")
