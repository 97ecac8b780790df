"""Error pages in the layout and language of the visitor; 503 on a database outage; JSON
under /api/ (hoaban.core.error_pages)."""

import json
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from hoaban.catalog.tests.factories import ProductFactory
from hoaban.core.error_pages import csrf_failure

pytestmark = [pytest.mark.django_db, pytest.mark.urls("hoaban.core.tests.error_urls")]

HOME_LINK = '<a class="btn" href="/">'


@pytest.fixture
def visitor(settings):
    """A browser whose errors come back as pages (not raised into the test)."""
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    return client


def in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def with_a_basket(client):
    """A session in the database: the cart context processor would read it on every page."""
    product = ProductFactory()
    client.post(reverse("shop:cart_add"), {"product": product.code, "quantity": "1"})
    assert client.session.session_key
    return client


def page(response) -> str:
    html = response.content.decode()
    assert '<a class="brand" href="/">' in html  # the site's layout
    assert HOME_LINK in html
    assert "Content-Security-Policy" in response.headers
    return html


# --- 404 ------------------------------------------------------------------------------


def test_a_missing_page_says_so_in_vietnamese_in_the_layout(visitor):
    response = visitor.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    html = page(response)
    assert '<html lang="vi">' in html
    assert "<title>Không tìm thấy trang · Hoa Ban</title>" in html
    assert "Chúng tôi không tìm thấy trang này." in html
    assert "Hãy tìm sản phẩm hoặc về trang chủ." in html
    assert "Về trang chủ" in html


def test_a_missing_page_speaks_english_to_whoever_chose_it(visitor, settings):
    response = in_english(visitor, settings).get("/no-such-page/")

    assert response.status_code == 404
    html = page(response)
    assert '<html lang="en">' in html
    assert "We could not find this page." in html
    assert "Go to the home page" in html


def test_a_missing_product_is_the_same_404_page(visitor):
    response = visitor.get(reverse("storefront:product", args=["KHONG-CO"]))

    assert response.status_code == 404
    assert "Chúng tôi không tìm thấy trang này." in page(response)


# --- 403, 400, 500 --------------------------------------------------------------------


def test_a_forbidden_page_says_what_to_do_next(visitor, settings):
    response = visitor.get("/boom/forbidden/")

    assert response.status_code == 403
    html = page(response)
    assert "Bạn không được mở trang này." in html
    assert "hãy đăng nhập đúng tài khoản hoặc hỏi người quản lý hợp tác xã." in html
    english = in_english(visitor, settings).get("/boom/forbidden/").content.decode()
    assert "You may not open this page." in english


def test_a_bad_request_is_a_400_page(visitor, settings):
    response = visitor.get("/boom/suspicious/")

    assert response.status_code == 400
    assert "Chúng tôi không hiểu yêu cầu này." in page(response)
    english = in_english(visitor, settings).get("/boom/suspicious/").content.decode()
    assert "We could not understand this request." in english


def test_an_unknown_host_is_a_400_page(visitor):
    response = visitor.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "Chúng tôi không hiểu yêu cầu này." in page(response)


def test_a_server_error_page_makes_no_query_even_with_a_basket(
    visitor, settings, django_assert_num_queries
):
    with_a_basket(visitor)

    with django_assert_num_queries(0):
        response = visitor.get("/boom/broken/")

    assert response.status_code == 500
    html = page(response)
    assert "Đã có lỗi ở phía chúng tôi, không phải do bạn." in html
    assert "Vui lòng thử lại sau vài phút." in html
    english = in_english(visitor, settings).get("/boom/broken/").content.decode()
    assert "Something went wrong on our side, not yours." in english


def test_the_server_error_page_keeps_the_language_switcher_working(visitor):
    html = visitor.get("/boom/broken/").content.decode()

    assert 'name="csrfmiddlewaretoken" value="' in html


# --- CSRF failure ---------------------------------------------------------------------


def test_a_form_sent_without_its_csrf_token_gets_the_expired_form_page(settings):
    client = Client(enforce_csrf_checks=True)
    product = ProductFactory()

    response = client.post(reverse("shop:cart_add"), {"product": product.code, "quantity": "1"})

    assert response.status_code == 403
    html = page(response)
    assert "Biểu mẫu đã hết hạn" in html
    assert "Hãy quay lại, tải lại trang rồi gửi lại." in html
    assert client.session.get("cart") in (None, {})  # nothing was added
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.post(reverse("shop:cart_add"), {"product": product.code, "quantity": "1"})
    assert "This form has expired" in english.content.decode()


def test_a_csrf_failure_under_the_api_is_json(rf):
    response = csrf_failure(rf.post("/api/v1/orders"), reason="CSRF cookie not set.")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "message": "Kiểm tra CSRF không đạt: hãy gửi kèm mã CSRF.",
        "code": "csrf_failed",
        "errors": {},
    }


# --- database outage → 503 ------------------------------------------------------------


def test_a_database_outage_in_a_view_is_a_503_page_without_queries(
    visitor, settings, django_assert_num_queries
):
    with_a_basket(visitor)

    with django_assert_num_queries(0):
        response = visitor.get("/boom/database/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = page(response)
    assert "Hoa Ban tạm thời không truy cập được" in html
    assert "Vui lòng thử lại sau một phút." in html
    english = in_english(visitor, settings).get("/boom/interface/")
    assert english.status_code == 503
    assert "We cannot reach our data right now." in english.content.decode()


def test_a_real_page_whose_queries_fail_answers_503(visitor):
    ProductFactory()

    with mock.patch(
        "django.db.models.query.QuerySet._fetch_all",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = visitor.get(reverse("storefront:products"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Hoa Ban tạm thời không truy cập được" in response.content.decode()


def test_a_missing_page_during_an_outage_is_a_503_not_a_500(visitor):
    # Given a basket in the session: the 404 page's cart context processor reads it
    with_a_basket(visitor)

    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.load",
        side_effect=OperationalError("the database system is shutting down"),
    ):
        response = visitor.get("/khong-co-trang-nay/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Hoa Ban tạm thời không truy cập được" in response.content.decode()


def test_an_api_call_whose_queries_fail_answers_503_json(visitor):
    with mock.patch(
        "django.db.models.query.QuerySet._fetch_all",
        side_effect=OperationalError("could not connect to server"),
    ):
        response = visitor.get("/api/v1/provinces")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "message": "Dịch vụ tạm thời không truy cập được. Vui lòng thử lại sau một phút.",
        "code": "unavailable",
        "errors": {},
    }


def test_an_unreachable_database_server_answers_503_page_and_json(tmp_path):
    # Given a PostgreSQL address where nothing listens (a subprocess: settings are per process)
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "c = Client(raise_request_exception=False)\n"
        "page = c.get('/products/')\n"
        "api = c.get('/api/v1/products')\n"
        "print(page.status_code, page['Retry-After'], api.status_code, api['Content-Type'])\n"
        "print(api.json()['code'])\n"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "HOABAN_DEMO": "1",
        "HOABAN_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "hoaban.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable",
    }

    # When
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    # Then
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["503", "30", "503", "application/json", "unavailable"]


# --- under /api/: JSON, never HTML ----------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/no-such-thing", 404, "not_found"),
        ("/api/nothing-here/", 404, "not_found"),
        ("/api/boom/forbidden/", 403, "not_allowed"),
        ("/api/boom/suspicious/", 400, "bad_request"),
        ("/api/boom/broken/", 500, "server_error"),
        ("/api/boom/database/", 503, "unavailable"),
    ],
)
def test_every_error_under_the_api_is_json_with_a_code(visitor, path, status, code):
    response = visitor.get(path)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "message", "errors"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]


def test_a_wrong_method_under_the_api_is_json_and_keeps_allow(visitor, settings):
    response = in_english(visitor, settings).delete("/api/v1/provinces")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {
        "message": "This method is not allowed here.",
        "code": "method_not_allowed",
        "errors": {},
    }


def test_api_errors_speak_the_visitors_language(visitor, settings):
    vietnamese = visitor.get("/api/v1/no-such-thing").json()["message"]
    english = in_english(visitor, settings).get("/api/v1/no-such-thing").json()["message"]

    assert vietnamese == "Không có gì ở địa chỉ này. Xem /api/v1/docs."
    assert english == "Nothing is at this address. See /api/v1/docs."
