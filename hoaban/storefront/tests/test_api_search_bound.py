"""The API's `q` has the search boxes' bound: longer is a clear 422 (Vietnamese and English),
never a slow scan for a page of text."""

import pytest

from hoaban.catalog.tests.factories import ProductFactory
from hoaban.core.bounds import MAX_SEARCH_LENGTH

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "message"),
    [("vi", "Quá dài: nhiều nhất 100 ký tự."), ("en", "Too long: at most 100 characters.")],
)
def test_a_search_longer_than_the_bound_is_a_clear_422(client, language, message):
    response = client.get("/api/v1/products", {"q": "mien " * 30}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_field" and body["errors"] == {"q": message}


def test_a_search_at_the_bound_answers(client):
    ProductFactory(name="Miến dong")
    q = "mien" + " " * (MAX_SEARCH_LENGTH - 4)
    assert len(q) == MAX_SEARCH_LENGTH
    response = client.get("/api/v1/products", {"q": q})
    assert response.status_code == 200 and response.json()["count"] == 1
