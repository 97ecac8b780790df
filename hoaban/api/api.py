"""One OpenAPI-documented REST API at /api/v1/, assembled from the routers of this package.

Read-only for now; `auth.TokenAuth` (bearer tokens, `ApiToken`) protects `/me` and is ready
for the write endpoints later issues add. The docs at /api/v1/docs use ninja's bundled Swagger
UI files (ninja is an installed app): no CDN.
"""

from ninja import NinjaAPI, Swagger

from . import lots, me, organisations, places, products

# --- Issue 6 (fuzz): the error answers every operation can give, documented --------------
# so that schemathesis (api/tests/test_schemathesis.py) can fail on any undocumented status.
# Added only where an operation does not declare them itself.
_DETAIL = {
    "application/json": {
        "schema": {
            "type": "object",
            "properties": {"detail": {}, "code": {"type": "string"}},
            "required": ["detail"],
        }
    }
}
_COMMON_ERRORS = {
    "400": "Refused before any view runs (hoaban.core.edge): a NUL character in the path, "
    "query, a header or a JSON string, or a JSON body nested more than 32 levels.",
    "422": "A parameter or the body does not have the documented type or range.",
}
_PATH_ERRORS = {"404": "Nothing with this code or slug is published."}
_AUTH_ERRORS = {"401": "No valid API token (`Authorization: Bearer hb_…`)."}


def _document_errors(operation: dict) -> None:
    answers = dict(_COMMON_ERRORS)
    if any(p.get("in") == "path" for p in operation.get("parameters", [])):
        answers.update(_PATH_ERRORS)
    if operation.get("security"):
        answers.update(_AUTH_ERRORS)
    responses = operation["responses"]
    for status, description in answers.items():
        if status not in responses and int(status) not in responses:  # ninja keys are ints
            responses[status] = {"description": description, "content": _DETAIL}


class HoaBanAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                _document_errors(operation)
        return schema


# --- end of issue 6 (fuzz) -----------------------------------------------------------------

api = HoaBanAPI(
    title="Hoa Ban API",
    version="1",
    description=(
        "Hoa Ban (4M: Meet, Match, Mentor, Move): places, organisations, products, lots. "
        "Lists take `limit` (1 to 100) and `offset` (0 to 1000000) and answer "
        "`{items, count}`; `q` "
        "ignores accents and case and matches old (before 1/7/2025) and new place names."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": True}),
)
api.add_router("", places.router)
api.add_router("", organisations.router)
api.add_router("", products.router)
api.add_router("", lots.router)
api.add_router("", me.router)
api.add_router("/orders", "hoaban.commerce.api.router")  # commerce: place and track orders
