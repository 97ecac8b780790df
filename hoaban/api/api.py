"""One OpenAPI-documented REST API at /api/v1/, assembled from the routers of this package.

Read-only for now; `auth.TokenAuth` (bearer tokens, `ApiToken`) protects `/me` and is ready
for the write endpoints later issues add. The docs at /api/v1/docs use ninja's bundled Swagger
UI files (ninja is an installed app): no CDN.
"""

from ninja import NinjaAPI, Swagger

from . import lots, me, organisations, places, products
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
install_error_handlers(api)  # every error: {"detail", "code"} (errors.py)
api.add_router("", places.router)
api.add_router("", organisations.router)
api.add_router("", products.router)
api.add_router("", lots.router)
api.add_router("", me.router)
api.add_router("/orders", "hoaban.commerce.api.router")  # commerce: place and track orders
