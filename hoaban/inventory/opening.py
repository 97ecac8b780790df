"""The first stock of many new products at once (the demo loader), in a fixed number of
queries: a store per organisation, a Stock row and a receipt movement per product, and
`Product.stock` set to match. Part of the inventory's writes (see `inventory.services`)."""

from django.db import transaction
from django.utils import timezone

from hoaban.catalog.models import Product

from .models import Location, Stock, StockMovement
from .services.ledger import K, _actor, _lock_products, _quantity


@transaction.atomic
def stock_open_many(*, quantities: dict[int, int], by=None, note: str = "") -> int:
    """Receive the first stock of many new products at once (the demo loader), in a fixed
    number of queries. Products that already have a ledger are left alone. Returns how many."""
    wanted = {pk: _quantity(q, field="quantity", allow_zero=True) for pk, q in quantities.items()}
    products = _lock_products(wanted)
    started = set(
        Stock.objects.filter(product_id__in=products).values_list("product_id", flat=True)
    )
    fresh = [p for p in products.values() if p.pk not in started and wanted[p.pk] > 0]
    if not fresh:
        return 0
    organisations = sorted({p.organisation_id for p in fresh})
    Location.objects.bulk_create(
        [Location(organisation_id=o, kind=Location.Kind.STORE) for o in organisations],
        ignore_conflicts=True,
    )
    stores = dict(
        Location.objects.filter(
            organisation_id__in=organisations, kind=Location.Kind.STORE
        ).values_list("organisation_id", "pk")
    )
    now = timezone.now()
    Stock.objects.bulk_create(
        [
            Stock(product_id=p.pk, location_id=stores[p.organisation_id], quantity=wanted[p.pk])
            for p in fresh
        ],
        batch_size=500,
    )
    StockMovement.objects.bulk_create(
        [
            StockMovement(
                product_id=p.pk,
                location_id=stores[p.organisation_id],
                kind=K.RECEIPT,
                quantity=wanted[p.pk],
                balance=wanted[p.pk],
                actor=_actor(by),
                at=now,
                note=str(note)[:255],
            )
            for p in fresh
        ],
        batch_size=500,
    )
    for p in fresh:
        p.stock = wanted[p.pk]
    Product.objects.bulk_update(fresh, ["stock"], batch_size=500)
    return len(fresh)
