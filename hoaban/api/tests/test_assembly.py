"""The API assembled from each app's router keeps its published paths and operation ids.

Clients are generated from /api/v1/openapi.json: moving a router from one app to another (as
issue 7 moved them out of hoaban/api/) must not rename anything they call.
"""

import pytest

PUBLISHED = {
    ("get", "/api/v1/provinces"): "hoaban_api_places_province_list",
    ("get", "/api/v1/provinces/{code}/communes"): "hoaban_api_places_commune_list",
    ("get", "/api/v1/organisations"): "hoaban_api_organisations_organisation_list",
    ("get", "/api/v1/organisations/{slug}"): "hoaban_api_organisations_organisation_detail",
    ("get", "/api/v1/products"): "hoaban_api_products_product_list",
    ("get", "/api/v1/products/{code}"): "hoaban_api_products_product_detail",
    ("get", "/api/v1/products/{code}/lots"): "hoaban_api_products_product_lot_list",
    ("get", "/api/v1/lots/{code}"): "hoaban_api_lots_lot_detail",
    ("get", "/api/v1/me"): "hoaban_api_me_me",
    ("post", "/api/v1/orders"): "hoaban_commerce_api_order_create",
    ("get", "/api/v1/orders/{code}"): "hoaban_commerce_api_order_track",
}


@pytest.mark.django_db
def test_every_path_keeps_its_published_operation_id(client):
    # given the schema the server publishes
    schema = client.get("/api/v1/openapi.json").json()

    # when its operations are listed
    operations = {
        (method, path): operation["operationId"]
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }

    # then they are exactly the published ones
    assert operations == PUBLISHED


@pytest.mark.django_db
def test_each_app_router_keeps_its_tag(client):
    schema = client.get("/api/v1/openapi.json").json()

    tags = {
        path: sorted({t for op in ops.values() for t in op["tags"]})
        for path, ops in schema["paths"].items()
    }

    assert tags == {
        "/api/v1/provinces": ["places"],
        "/api/v1/provinces/{code}/communes": ["places"],
        "/api/v1/organisations": ["organisations"],
        "/api/v1/organisations/{slug}": ["organisations"],
        "/api/v1/products": ["products"],
        "/api/v1/products/{code}": ["products"],
        "/api/v1/products/{code}/lots": ["products"],
        "/api/v1/lots/{code}": ["lots"],
        "/api/v1/me": ["me"],
        "/api/v1/orders": ["orders"],
        "/api/v1/orders/{code}": ["orders"],
    }
