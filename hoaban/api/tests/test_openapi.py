"""The OpenAPI schema documents every error an operation answers, and its constraints.

schemathesis (CI) fails on any status code an operation does not declare; these tests check
the declarations themselves and that real error answers match the declared schemas.
"""

import pytest

from hoaban.api.api import api

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema()
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
]


def resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def matches(value, schema: dict) -> bool:
    """Enough of JSON Schema for our answers: $ref, anyOf, type, required, properties, items."""
    schema = resolve(schema)
    if "anyOf" in schema:
        return any(matches(value, branch) for branch in schema["anyOf"])
    kind = schema.get("type")
    if kind == "object":
        return (
            isinstance(value, dict)
            and all(key in value for key in schema.get("required", []))
            and all(
                matches(value[key], sub)
                for key, sub in schema.get("properties", {}).items()
                if key in value
            )
        )
    if kind == "array":
        return isinstance(value, list) and all(matches(item, schema["items"]) for item in value)
    checks = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "null": lambda v: v is None,
    }
    return checks.get(kind, lambda v: True)(value)


def declared(method: str, path: str) -> dict:
    return SCHEMA["paths"]["/api/v1" + path][method.lower()]["responses"]


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=lambda x: str(x)[:40])
def test_every_operation_declares_its_error_answers_with_a_schema(method, path, operation):
    responses = {int(status): answer for status, answer in operation["responses"].items()}

    for status in (400, 422, 503):
        assert status in responses, (method, path, status)
    if "{" in path:
        assert 404 in responses, (method, path)
    if operation.get("security"):
        assert 401 in responses, (method, path)
    for status, answer in responses.items():
        if status >= 400:
            assert "schema" in answer["content"]["application/json"], (method, path, status)


def test_the_token_endpoint_declares_401():
    assert "401" in {str(status) for status in declared("GET", "/me")}


def test_the_ocop_filter_is_an_enum_of_3_4_5_and_pages_are_bounded():
    parameters = {
        p["name"]: p["schema"] for p in SCHEMA["paths"]["/api/v1/products"]["get"]["parameters"]
    }

    assert parameters["ocop"]["type"] == "integer"
    assert parameters["ocop"]["enum"] == [3, 4, 5]
    assert parameters["limit"]["minimum"] == 1
    assert parameters["limit"]["maximum"] == 100
    assert parameters["offset"]["minimum"] == 0


@pytest.mark.parametrize(
    ("method", "url", "operation_path", "status"),
    [
        ("GET", "/products/NONE", "/products/{code}", 404),
        ("GET", "/products/NONE/lots", "/products/{code}/lots", 404),
        ("GET", "/lots/L-NONE", "/lots/{code}", 404),
        ("GET", "/organisations/none", "/organisations/{slug}", 404),
        ("GET", "/provinces/999/communes", "/provinces/{code}/communes", 404),
        ("GET", "/provinces/abc/communes", "/provinces/{code}/communes", 422),
        ("GET", "/products?ocop=2", "/products", 422),
        ("GET", "/products?limit=0", "/products", 422),
        ("GET", "/organisations?kind=alien", "/organisations", 422),
        ("GET", "/me", "/me", 401),
        ("GET", "/orders/HB-NONE?phone=0912345678", "/orders/{code}", 404),
        ("POST", "/orders", "/orders", 422),
    ],
)
def test_real_error_answers_match_their_declared_schema(
    client, method, url, operation_path, status
):
    response = client.generic(method, "/api/v1" + url, "[]", content_type="application/json")

    assert response.status_code == status
    answers = declared(method, operation_path)
    schema = answers[str(status)] if str(status) in answers else answers[status]
    assert matches(response.json(), schema["content"]["application/json"]["schema"]), (
        response.json()
    )
