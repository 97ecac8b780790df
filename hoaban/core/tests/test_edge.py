"""NUL bytes, over-deep JSON and lone surrogates are refused at the edge with a 400 and a clear
message (issue 6: PostgreSQL answered them with a 500), in the visitor's language, before any
view, session or query runs."""

import json

import pytest
from django.conf import settings

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.commerce.models import IdempotencyRecord, Order
from hoaban.core.edge import MAX_JSON_DEPTH, json_depth_exceeds, json_strings

pytestmark = pytest.mark.django_db

NUL_VI = (
    "Địa chỉ hoặc biểu mẫu có một ký tự không hợp lệ (NUL). "
    "Vui lòng gõ lại nội dung mà không có ký tự đó."
)
NUL_EN = (
    "The address or the form contains an invalid character (NUL). "
    "Please type the text again without it."
)
JSON_NUL_EN = (
    "The JSON body contains an invalid character (NUL, \\u0000). Send the text without it."
)
DEEP_EN = "The JSON body is nested too deeply (more than 32 levels). Send a flatter structure."
DEEP_VI = "Dữ liệu JSON lồng nhau quá sâu (hơn 32 tầng). Vui lòng gửi cấu trúc đơn giản hơn."


def api_error(response) -> tuple[int, dict]:
    return response.status_code, response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/products?q=mi%00en",
        "/api/v1/products?category=%00",
        "/api/v1/products/MD%0005",
        "/api/v1/products/MD05/lots?offset=0&x%00=1",
        "/api/v1/organisations?q=%00",
        "/api/v1/provinces?q=%00",
        "/api/v1/lots/L-%00",
        "/api/v1/orders/HB-%00?phone=0912345678",
        "/api/v1/orders/HB-AAAAA?phone=%00",
    ],
)
def test_nul_in_an_api_path_or_query_is_a_400_in_json(client, url):
    status, body = api_error(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))

    assert status == 400
    assert body == {"code": "bad_request", "message": NUL_EN, "errors": {}}


def test_the_api_message_follows_lang_then_accept_language_then_vietnamese(client):
    assert client.get("/api/v1/products?q=%00").json()["message"] == NUL_VI
    assert client.get("/api/v1/products?q=%00&lang=en").json()["message"] == NUL_EN
    accept_vi = client.get("/api/v1/products?q=%00", HTTP_ACCEPT_LANGUAGE="vi,en;q=0.5")
    assert accept_vi.json()["message"] == NUL_VI


@pytest.mark.parametrize(
    "url", ["/products/?q=mi%00en", "/p/MD%0005/", "/lot/L-%00/", "/track/?code=%00&phone=1"]
)
def test_nul_in_a_page_address_is_a_400_page_in_the_visitors_language(client, url):
    ProductFactory(code="MD05")

    vi = client.get(url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.get(url)

    assert vi.status_code == en.status_code == 400
    assert vi["Content-Type"].startswith("text/html")
    assert NUL_VI in vi.content.decode()
    assert "Không đọc được yêu cầu" in vi.content.decode()
    assert NUL_EN in en.content.decode()
    assert en["Content-Language"] == "en"


def test_nul_in_a_form_value_changes_nothing(client):
    ProductFactory(code="MD05", stock=5)

    response = client.post("/cart/add/", {"product": "MD05", "quantity": "1\x00"})

    assert response.status_code == 400
    assert NUL_VI in response.content.decode()
    assert "cart" not in client.session


def test_nul_in_a_form_field_name_is_refused(client):
    assert client.post("/cart/add/", {"pro\x00duct": "MD05"}).status_code == 400


def test_nul_in_a_cookie_or_header_is_refused_before_the_session_query(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "abcdefgh\x00ijkl"

    response = client.get("/")

    assert response.status_code == 400
    client.cookies.pop(settings.SESSION_COOKIE_NAME)
    assert client.get("/", HTTP_AUTHORIZATION="Bearer hb_\x00").status_code == 400


def order_body(**changes) -> dict:
    body = {
        "lines": [{"product": "MD05", "quantity": 1}],
        "buyer": {"name": "Nguyễn Thị Lan", "phone": "0912 345 678"},
        "delivery": {"method": "pickup"},
        "payment": "cash",
    }
    body.update(changes)
    return body


def nested(levels: int):
    value: object = 1
    for _level in range(levels):
        value = {"a": value}
    return value


def post_order(client, raw: str):
    return client.post(
        "/api/v1/orders?lang=en",
        raw,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="edge-test-1-0123456789",
    )


@pytest.mark.parametrize(
    "body",
    [
        order_body(buyer={"name": "Lan\x00", "phone": "0912 345 678"}),
        order_body(source_ref="\x00"),
        order_body(delivery={"method": "pickup", "carrier_address": {"ward": "\x00"}}),
        order_body(**{"ke\x00y": 1}),
    ],
)
def test_nul_inside_a_json_string_is_refused_and_places_nothing(client, body):
    ProductFactory(code="MD05", stock=5)

    status, answer = api_error(post_order(client, json.dumps(body)))

    assert status == 400
    assert answer == {"code": "bad_request", "message": JSON_NUL_EN, "errors": {}}
    assert not Order.objects.exists()
    assert not IdempotencyRecord.objects.exists()
    assert Product.objects.get(code="MD05").stock == 5


def test_a_raw_nul_byte_in_a_json_body_is_refused(client):
    status, answer = api_error(post_order(client, '{"payment": "cash\x00"}'))

    assert status == 400
    assert answer["message"] == JSON_NUL_EN


def test_a_lone_surrogate_in_a_json_string_is_refused(client):
    status, answer = api_error(post_order(client, '{"buyer": {"name": "\\ud800"}}'))

    assert status == 400
    assert answer["code"] == "bad_request"
    assert "\\ud800" in answer["message"]


@pytest.mark.parametrize(
    "raw",
    [
        "[" * 100_000 + "]" * 100_000,  # a RecursionError in json.loads before
        '{"lines": ' + "[" * 5_000 + "]" * 5_000 + "}",
        json.dumps(order_body(delivery={"method": "pickup", "carrier_address": nested(40)})),
    ],
)
def test_json_nested_too_deeply_is_refused_before_parsing(client, raw):
    ProductFactory(code="MD05", stock=5)

    status, answer = api_error(post_order(client, raw))

    assert status == 400
    assert answer == {"code": "bad_request", "message": DEEP_EN, "errors": {}}
    assert not Order.objects.exists()
    assert (
        client.post(
            "/api/v1/orders", raw, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
        ).json()["message"]
        == DEEP_VI
    )


@pytest.mark.parametrize("content_type", ["text/plain", "application/octet-stream"])
def test_deep_json_under_another_content_type_is_refused_too(client, content_type):
    # The orders API reads the body as JSON whatever the Content-Type says.
    response = client.post(
        "/api/v1/orders?lang=en",
        "[" * 100_000 + "]" * 100_000,
        content_type=content_type,
        HTTP_IDEMPOTENCY_KEY="k",
    )

    assert response.status_code == 400
    assert response.json()["message"] == DEEP_EN


def test_json_nested_up_to_the_limit_still_reaches_the_view(client):
    raw = json.dumps(order_body(delivery={"method": "pickup", "carrier_address": [[[1]]]}))
    ProductFactory(code="MD05", stock=5)

    assert post_order(client, raw).status_code == 201


def test_the_depth_scan_ignores_brackets_inside_strings():
    assert json_depth_exceeds(b'{"a": "' + b"[" * 100 + b'"}') is False
    assert json_depth_exceeds(b'{"a": "\\"' + b"[" * 100 + b'"}') is False
    assert json_depth_exceeds(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH) is False
    assert json_depth_exceeds(b"[" * (MAX_JSON_DEPTH + 1)) is True


def test_json_strings_walks_keys_and_values_without_recursion():
    nested: list = []
    for _level in range(10_000):
        nested = [nested, "x"]

    assert sorted(set(json_strings({"k": ["v", {"k2": 1}]}))) == ["k", "k2", "v"]
    assert set(json_strings(nested)) == {"x"}


def test_ordinary_requests_pass_untouched(client):
    ProductFactory(code="MD05")

    assert client.get("/api/v1/products?q=mien").status_code == 200
    assert client.get("/p/MD05/").status_code == 200
    assert client.post("/cart/add/", {"product": "MD05", "quantity": "1"}).status_code == 302
