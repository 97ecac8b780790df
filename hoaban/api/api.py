"""One OpenAPI-documented REST API at /api/v1/, assembled from each app's router.

Each app owns its router (`<app>/api.py`: places, orgs, catalog, storefront, accounts,
commerce); this package keeps only the NinjaAPI instance, `auth.TokenAuth` (bearer tokens,
`ApiToken`, which protect `/me` and are ready for the write endpoints later issues add),
`pagination`, the error answers (`errors`) and this assembly. The docs at /api/v1/docs use
ninja's bundled Swagger UI files (ninja is an installed app): no CDN.
"""

from ninja import NinjaAPI, Swagger

from .errors import install_error_handlers

api = NinjaAPI(
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
install_error_handlers(api)  # every error: {"code", "message", "errors"} (errors.py)
api.add_router("", "hoaban.places.api.router")  # provinces, communes
api.add_router("", "hoaban.orgs.api.router")  # organisations
api.add_router("", "hoaban.storefront.api.router")  # the marketplace's products
api.add_router("", "hoaban.catalog.api.router")  # lots: traceability
api.add_router("", "hoaban.accounts.api.router")  # me
api.add_router("/orders", "hoaban.commerce.api.router")  # commerce: place and track orders
