"""The product list and the API's products attacked as a malicious visitor or a flaky phone
would: cursors (`after`, `before`, the API's `cursor`) that are not ours, odd page numbers,
searches of wildcards and symbols, filters mixed with another filter's cursor, HTMX requests,
in Vietnamese and English. Every case answers (200, or 422 with a message; 400 at the edge
for a NUL), changes nothing, and never shows an unpublished product or an inactive seller's;
no attacker's value mints a cache key of its own (counts, cached pages)."""

import base64
import re
from html import unescape

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoaban.api import pagination as api_pagination
from hoaban.catalog import queries as catalog_queries
from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import OrganisationFactory, ProductFactory, category
from hoaban.core.cursors import encode_cursor
from hoaban.core.pagecache import catalog_version
from hoaban.orgs.tests.factories import ManagerFactory
from hoaban.storefront.list_pages import cursor_of

pytestmark = pytest.mark.django_db
URL = reverse("storefront:products")
API = "/api/v1/products"
LANGUAGES = ["vi", "en"]
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)", re.IGNORECASE)


def raw(json_text: str) -> str:
    """A cursor of any JSON text, as ours are written (lone surrogates kept as written)."""
    data = json_text.encode("utf-8", "surrogatepass")
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


@pytest.fixture
def shop():
    """26 rice products (4 featured), 6 teas; hidden: a draft rice product and one of an
    inactive seller, named to sort among the others."""
    rice = [
        ProductFactory(
            code=f"R{i:02d}",
            name=f"Gạo {i:02d}",
            is_featured=i < 4,
            category=category("gao-mien"),
        )
        for i in range(26)
    ]
    tea = [
        ProductFactory(code=f"C{i:02d}", name=f"Chè {i:02d}", category=category("che"))
        for i in range(6)
    ]
    hidden = [
        ProductFactory(code="HDRAFT", name="Gạo 10 nháp", status=Product.Status.DRAFT),
        ProductFactory(
            code="HGONE",
            name="Gạo 11 cũ",
            is_featured=True,
            organisation=OrganisationFactory(is_active=False),
        ),
    ]
    return {"rice": rice, "tea": tea, "hidden": hidden}


def visible_codes(shop) -> set[str]:
    return {p.code for p in shop["rice"] + shop["tea"]}


def get(client, url, params=None, language="vi", **headers):
    """The response, checked to change nothing (no write, the catalogue's version kept)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    version = catalog_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {}, **headers)
    assert not [q["sql"] for q in queries.captured_queries if WRITES.match(q["sql"])]
    assert catalog_version() == version
    return response


def codes_of(response) -> list[str]:
    if response.context is None:  # from the page cache: read the cards' links
        found = re.findall(r'href="/p/([^/"]+)/"', response.content.decode())
        return list(dict.fromkeys(found))
    return [p.code for p in response.context["products"]]


def links_of(response) -> dict[str, str]:
    html = response.content.decode()
    return {
        rel: URL + unescape(href)
        for href, rel in re.findall(r'<a href="(\?[^"]*)" rel="(prev|next)"', html)
    }


DEEP = "[" * 300 + "]" * 300  # within the API's length bound
BAD_CURSORS = {
    "huge": "A" * 5000,
    "not base64": "!!!*** not a cursor ***",
    "non-ascii": "Gạo-٣-😀",
    "empty json": raw(""),
    "deep json": raw(DEEP),
    "deep in a value": raw(f"[false,{DEEP},1]"),
    "huge int": raw('[false,"Gạo 05",' + "9" * 700 + "]"),
    "huge negative int": raw('[false,"Gạo 05",-' + "9" * 700 + "]"),
    "just past bigint": raw(f'[false,"Gạo 05",{2**63}]'),
    "float id": raw('[false,"Gạo 05",5.0]'),
    "exponent": raw('[false,"Gạo 05",1e999]'),
    "NaN": raw('[false,"Gạo 05",NaN]'),
    "Infinity": raw('[false,"Gạo 05",-Infinity]'),
    "NUL in the name": raw('[false,"Gạo\\u0000",1]'),
    "lone surrogate": raw('[false,"\\ud800",1]'),
    "lone low surrogate": raw('[true,"Gạo \\udfff",1]'),
    "int for bool": raw('[1,"Gạo 05",5]'),
    "bool for int": raw('[false,"Gạo 05",true]'),
    "null name": raw("[false,null,5]"),
    "too short": raw('[false,"Gạo 05"]'),
    "too long": raw('[false,"Gạo 05",5,6]'),
    "an object": raw('{"after":[false,"Gạo 05",5]}'),
    "a string": raw('"Gạo 05"'),
    "null": raw("null"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("side", ["after", "before"])
@pytest.mark.parametrize("name", BAD_CURSORS)
def test_a_cursor_that_is_not_ours_is_read_by_number(client, shop, language, side, name):
    response = get(client, URL, {side: BAD_CURSORS[name], "page": "2"}, language)
    assert response.status_code == 200
    codes = codes_of(response)
    assert len(codes) == 8 and set(codes) <= visible_codes(shop)  # page 2 of 32, by number


PAGES = ["0", "-1", str(10**30), "1e3", "٣", "1" * 5000, "", "abc", "2.5", " 2 ", "+2", "0x2"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("with_cursor", [False, True])
@pytest.mark.parametrize("number", PAGES)
def test_any_page_number_shows_a_page(client, shop, language, with_cursor, number):
    params = {"page": number}
    if with_cursor:
        params["after"] = cursor_of(shop["rice"][5])
    response = get(client, URL, params, language)
    assert response.status_code == 200
    codes = codes_of(response)
    assert codes and set(codes) <= visible_codes(shop)
    if with_cursor:  # read from the cursor whatever the number says
        assert codes[0] == "R06"


@pytest.mark.parametrize("language", LANGUAGES)
def test_after_and_before_both_given_reads_after(client, shop, language):
    params = {"after": cursor_of(shop["rice"][5]), "before": cursor_of(shop["rice"][20])}
    response = get(client, URL, params, language)
    assert response.status_code == 200
    assert codes_of(response)[:2] == ["R06", "R07"]


def test_a_nul_anywhere_is_refused_at_the_edge_with_a_message(client, shop):
    for params in ({"page": "\x00"}, {"after": "\x00"}, {"page": "2\x00", "after": "x"}):
        response = get(client, URL, params)
        assert response.status_code == 400
        assert "NUL" in response.content.decode()


def walk(client, params, start=None) -> list[str]:
    """Every code by "Next" from the first page of `params` (or from `start`'s cursor)."""
    query = {**params, **({"after": start} if start else {})}
    response, seen = get(client, URL, query), []
    while True:
        assert response.status_code == 200
        seen += codes_of(response)
        links = links_of(response)
        if "next" not in links:
            return seen
        response = get(client, links["next"])


def test_a_cursor_from_another_filter_never_leaks_or_skips_rows(client, shop):
    tea_codes, rice_codes = {p.code for p in shop["tea"]}, {p.code for p in shop["rice"]}
    # a featured rice cursor on the tea list (no featured tea): every tea product, once
    tea = walk(client, {"category": "che"}, start=cursor_of(shop["rice"][0]))
    assert sorted(tea) == sorted(tea_codes)
    # past every tea name: the tea list's last page, nothing of the rice list
    assert set(walk(client, {"category": "che"}, start=cursor_of(shop["rice"][20]))) <= tea_codes
    # a tea cursor on the rice list: only rice, none twice, every non-featured one
    rice = walk(client, {"category": "gao-mien"}, start=cursor_of(shop["tea"][0]))
    assert set(rice) <= rice_codes and len(rice) == len(set(rice))
    assert {f"R{i:02d}" for i in range(4, 26)} <= set(rice)


@pytest.mark.parametrize("hidden", [0, 1])
@pytest.mark.parametrize("side", ["after", "before"])
def test_a_cursor_at_a_hidden_product_never_shows_hidden_products(client, shop, side, hidden):
    product = shop["hidden"][hidden]
    cursor = encode_cursor([product.is_featured, product.name, product.pk])
    for params in ({side: cursor}, {side: cursor, "category": "gao-mien"}):
        response = get(client, URL, params)
        assert response.status_code == 200
        codes = codes_of(response)
        assert codes and set(codes) <= visible_codes(shop)
    assert not {"HDRAFT", "HGONE"} & set(walk(client, {}, start=cursor))


SEARCHES = {
    "percent": "%" * 100,
    "underscore": "_" * 100,
    "backslash": "\\" * 100,
    "mixed wildcards": "%_\\" * 33,
    "emoji": "😀" * 100,
    "only spaces": " " * 100,
    "punctuation": "!?.,;:()[]{}" * 8,
    "only accents": "\u0301\u0300\u0303" * 33,  # combining marks: folded to nothing
    "quote and html": "\"'<script>alert(1)</script>",
    "too long": "g" * 101,
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("name", SEARCHES)
def test_any_search_answers_and_wildcards_match_nothing(client, shop, language, htmx, name):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    params = {"q": SEARCHES[name], "page": str(10**30)}
    response = get(client, URL, params, language, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    codes = codes_of(response)
    if name in ("percent", "underscore", "backslash", "mixed wildcards", "emoji", "punctuation"):
        assert codes == []  # a LIKE wildcard is a character like any other, not "anything"
    if name in ("only spaces", "only accents"):  # no word: the whole list, page by page
        assert codes and set(codes) <= visible_codes(shop)
    if name == "too long":
        assert ("Write at most 100" in html) or ("100 ký tự" in html)


@pytest.mark.parametrize("language, message", [("vi", "Hơn 10 sản phẩm"), ("en", "More than 10")])
def test_a_page_past_the_search_cap_shows_the_last_page_within_it(
    client, shop, monkeypatch, language, message
):
    monkeypatch.setattr(catalog_queries, "SEARCH_RESULTS_MAX", 10)
    for number in ("2", "50", str(10**30), "-1", "٣"):
        response = get(client, URL, {"q": "gao", "page": number}, language)
        assert response.status_code == 200
        assert message in unescape(response.content.decode())
        codes = codes_of(response)
        assert len(codes) == 10 and set(codes) <= {p.code for p in shop["rice"]}


@pytest.fixture
def count_names(monkeypatch):
    """The names the list counts are kept under (catalog_cached), as asked."""
    names = []

    def spy(module):
        real = module.catalog_cached

        def recorded(name, compute):
            names.append(name)
            return real(name, compute)

        monkeypatch.setattr(module, "catalog_cached", recorded)

    spy(catalog_queries)
    spy(api_pagination)
    return names


def test_invalid_filters_and_wordless_searches_mint_no_count_key(client, shop, count_names):
    plain = get(client, URL)
    assert plain.status_code == 200
    for params in (
        {"q": "!"},  # a search (a word of its own): not counted under a name
        {"q": "   "},  # no word: the list, under the list's name
        {"q": " \t  \u3000"},
        {"q": "\u0301"},
        {"q": "\u0301\u0300"},
        {"category": "khong-co-1"},
        {"category": "khong-co-2"},
        {"ethnic_group": "zz"},
        {"province": "999999"},
        {"former": "12345678901234567890"},
        {"ocop": "9"},
        {"after": cursor_of(shop["rice"][3]), "page": "7"},
    ):
        assert get(client, URL, params).status_code == 200
    assert len(set(count_names)) == 1  # the unfiltered list's, counted once
    get(client, URL, {"category": "che"})
    assert len(set(count_names)) == 2  # a valid filter: one name of its own


def test_the_api_keeps_no_count_for_unknown_codes(client, shop, count_names):
    for params in (
        {"category": "khong-co-1"},
        {"category": "khong-co-2"},
        {"ethnic_group": "zz"},
        {"category": "x" * 5000},
    ):
        response = get(client, API, params)
        assert response.status_code == 200 and response.json()["count"] == 0
    assert not [name for name in count_names if name.startswith("api-count:")]
    response = get(client, API, {"category": "che"})
    assert response.json()["count"] == 6
    assert len([name for name in count_names if name.startswith("api-count:")]) == 1


# The API's cursors are (name, id): the same attacks in its shape.
API_CURSORS = {
    **BAD_CURSORS,
    "api: lone surrogate": raw('["\\ud800",1]'),
    "api: surrogate pair half": raw('["Gạo \\udbff",1]'),
    "api: NUL": raw('["Gạo\\u0000",1]'),
    "api: huge id": raw('["Gạo 05",' + "9" * 700 + "]"),
    "api: id past bigint": raw(f'["Gạo 05",{2**63}]'),
    "api: float id": raw('["Gạo 05",5.5]'),
    "api: bool id": raw('["Gạo 05",false]'),
    "api: number for name": raw("[5,5]"),
}


@pytest.mark.parametrize("language, word", [("vi", "Con trỏ"), ("en", "cursor")])
@pytest.mark.parametrize("name", API_CURSORS)
def test_the_api_answers_a_bad_cursor_with_a_clear_422(client, shop, name, language, word):
    response = get(client, API, {"cursor": API_CURSORS[name]}, HTTP_ACCEPT_LANGUAGE=language)
    if not API_CURSORS[name]:  # an empty cursor is no cursor: the first page
        assert response.status_code == 200
        return
    if name == "huge":  # longer than the schema's bound: its own message
        assert response.status_code == 422 and "cursor" in response.json()["errors"]
        return
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_field" and word in body["errors"]["cursor"]


def test_the_page_cache_keeps_a_parameters_order_of_values(client, shop):
    first, second = cursor_of(shop["rice"][5]), cursor_of(shop["rice"][15])
    one = get(client, f"{URL}?after={first}&after={second}").content.decode()
    other = get(client, f"{URL}?after={second}&after={first}").content.decode()
    # the view reads the last value: each its own page, not the one cached for the same
    # values in the other order
    assert "/p/R16/" in one and "/p/R06/" not in one
    assert "/p/R06/" in other


def test_a_cursor_page_of_a_signed_in_visitor_or_htmx_is_never_shared(client, shop):
    manager = ManagerFactory()
    manager.user.full_name = "Nguyễn Thị Lanriêng"
    manager.user.save()
    url = f"{URL}?after={cursor_of(shop['rice'][5])}"
    client.force_login(manager.user)
    assert get(client, url).status_code == 200
    client.logout()
    get(client, url, HTTP_HX_REQUEST="true")
    assert not [key for key in cache._cache if ":page:products:" in key]  # noqa: SLF001
    anonymous = get(client.__class__(), url)
    assert anonymous.status_code == 200 and "Lanriêng" not in anonymous.content.decode()
    assert [key for key in cache._cache if ":page:products:" in key]  # noqa: SLF001


def test_a_repeated_word_searches_as_one(client, shop):
    def search(q):
        client.cookies[settings.SESSION_COOKIE_NAME] = "past-the-page-cache"
        with CaptureQueriesContext(connection) as queries:
            response = get(client, URL, {"q": q})
        return codes_of(response), [
            q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"]
        ]

    search("gạo")  # the filters' choices, once per catalogue version
    once, once_sql = search("gạo")
    many, many_sql = search("gạo " * 25)
    assert many == once and len(once) == 24
    assert many_sql == once_sql and once_sql  # the same search, not 25 conditions each


def test_a_chosen_value_is_never_echoed_into_the_selects(client, shop):
    evil = '"><script>alert(1)</script>'
    params = {"category": evil, "province": evil, "ethnic_group": evil, "ocop": evil}
    response = get(client, URL, params)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    assert len(codes_of(response)) == 24  # every filter ignored: the whole list


def test_the_apis_cursor_from_another_filter_never_leaks(client, shop):
    tea_codes = {p.code for p in shop["tea"]}
    hidden = shop["hidden"][0]
    for cursor in (encode_cursor(["A", 0]), encode_cursor([hidden.name, hidden.pk])):
        seen, url, params = [], API, {"category": "che", "cursor": cursor, "limit": 2}
        while url:
            body = get(client, url, params).json()
            seen += [item["code"] for item in body["items"]]
            url, params = body["next"], None
        assert set(seen) <= tea_codes and len(seen) == len(set(seen))
    everything = get(client, API, {"cursor": encode_cursor(["A", 0]), "limit": 100}).json()
    assert {item["code"] for item in everything["items"]} == visible_codes(shop)
