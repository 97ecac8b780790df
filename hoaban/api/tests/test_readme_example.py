"""The README's `POST /api/v1/orders` example is a real request: its body, sent with its
headers to the demo's product and commune, answers 201 with the shape the README shows."""

import json
import re
from pathlib import Path

import pytest

from hoaban.catalog.tests.factories import OrganisationFactory, ProductFactory
from hoaban.orgs.tests.factories import commune

README = Path(__file__).resolve().parents[3] / "README.md"
pytestmark = pytest.mark.django_db


def readme_example() -> tuple[dict, str, dict]:
    text = README.read_text()
    request = re.search(
        r"curl -i -X POST http://127\.0\.0\.1:8000/api/v1/orders(.*?)```", text, re.S
    )
    assert request, "the README shows a curl example of POST /api/v1/orders"
    command = request.group(1)
    key = re.search(r"Idempotency-Key: ([^']+)'", command).group(1)
    body = json.loads(re.search(r"--data '(.*?)'\n", command, re.S).group(1))
    answer = re.search(r"HTTP/1\.1 201 Created\n.*?\n\n(.*?)```", text, re.S).group(1)
    return body, key, json.loads(answer)


def test_the_readme_order_example_places_the_order_it_shows(client):
    body, key, shown = readme_example()
    seller = OrganisationFactory(
        name="Hợp tác xã Miến dong Khuổi Mòn", slug="htx-mien-dong-khuoi-mon", commune=commune()
    )
    ProductFactory(organisation=seller, code="MD05", price=115_000, stock=50)

    response = client.post(
        "/api/v1/orders",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )

    assert response.status_code == 201
    answer = response.json()
    code = answer["orders"][0]["code"]
    assert answer == {"orders": [{**shown["orders"][0], "code": code}]}
    replay = client.post(
        "/api/v1/orders",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    tracked = client.get(f"/api/v1/orders/{code}", {"phone": "0912345678"})
    assert tracked.status_code == 200
    assert [p["kind"] for p in tracked.json()["payments"]] == ["charge"]
