"""One OpenAPI-documented REST API at /api/v1/, assembled from each app's router."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Hoa Ban API",
    version="1",
    description="Hoa Ban (4M: Meet, Match, Mentor, Move): places, organisations, products, lots.",
    urls_namespace="api",
)
api.add_router("/orders", "hoaban.commerce.api.router")  # commerce: place and track orders
