"""The ledger's writes: each change with its movement, each bad input refused with nothing
changed (messages in Vietnamese and English)."""

import pytest

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ManagerFactory, OrganisationFactory, ProductFactory
from hoaban.core.errors import ServiceError
from hoaban.inventory import services
from hoaban.inventory.models import Location, Stock, StockMovement
from hoaban.inventory.opening import stock_open_many
from hoaban.orgs.tests.helpers import in_both_languages

pytestmark = pytest.mark.django_db


def no_holds(ids):
    return {}


def holds(n):
    return lambda ids: dict.fromkeys(ids, n)


def ledger(product):
    """(Product.stock, [(kind, change, balance)] oldest first, sum of the store's rows)."""
    product.refresh_from_db()
    moves = list(
        StockMovement.objects.filter(product=product)
        .order_by("pk")
        .values_list("kind", "quantity", "balance")
    )
    rows = sum(Stock.objects.filter(product=product).values_list("quantity", flat=True))
    return product.stock, moves, rows


@pytest.fixture
def manager():
    return ManagerFactory()


@pytest.fixture
def product(manager):
    return ProductFactory(organisation=manager.organisation, stock=0)


def test_a_receipt_adds_to_the_store_made_on_demand_with_who_and_why(product, manager):
    movement = services.stock_receive(
        product=product, quantity=12, by=manager.user, note="Mẻ tháng 12"
    )

    store = Location.objects.get(organisation=product.organisation)
    assert store.kind == Location.Kind.STORE
    assert (movement.location, movement.actor) == (store, manager.user)
    assert movement.note == "Mẻ tháng 12"
    assert ledger(product) == (12, [("receipt", 12, 12)], 12)
    assert product.stock == 12


def test_a_recount_writes_the_difference_as_an_adjustment(product, manager):
    services.stock_receive(product=product, quantity=12, by=manager.user)

    services.stock_recount(product=product, counted=9, by=manager.user, held=no_holds, note="vỡ")
    services.stock_recount(product=product, counted=9, by=manager.user, held=no_holds)

    assert ledger(product) == (9, [("receipt", 12, 12), ("recount", -3, 9), ("recount", 0, 9)], 9)


def test_stock_set_before_the_ledger_is_adopted_as_an_opening_balance(manager):
    old = ProductFactory(organisation=manager.organisation, stock=7)  # no ledger behind it

    services.stock_receive(product=old, quantity=3, by=manager.user)

    assert ledger(old) == (10, [("recount", 7, 7), ("receipt", 3, 10)], 10)
    opening = StockMovement.objects.filter(product=old).order_by("pk").first()
    assert opening.note == str(services.OPENING_NOTE)


def test_a_negative_receipt_is_refused_and_nothing_changes(product, manager):
    services.stock_receive(product=product, quantity=5, by=manager.user)

    messages = in_both_languages(
        lambda: services.stock_receive(product=product, quantity=-3, by=manager.user)
    )

    assert messages == {
        "vi": "Không thể nhập kho một số âm. Muốn bớt hàng, hãy đếm lại.",
        "en": "A receipt cannot be negative. To take goods out, count them again.",
    }
    assert ledger(product) == (5, [("receipt", 5, 5)], 5)


@pytest.mark.parametrize("bad", [0, 10_000_001, 2.5, "7", True, None])
def test_a_receipt_that_is_not_a_sensible_whole_number_is_refused(product, manager, bad):
    with pytest.raises(services.StockError):
        services.stock_receive(product=product, quantity=bad, by=manager.user)

    assert ledger(product) == (0, [], 0)


def test_a_recount_below_what_orders_hold_is_refused_and_nothing_changes(product, manager):
    services.stock_receive(product=product, quantity=10, by=manager.user)

    messages = in_both_languages(
        lambda: services.stock_recount(product=product, counted=3, by=manager.user, held=holds(4))
    )

    assert messages == {
        "vi": "3 ít hơn 4 đơn vị đang được giữ cho các đơn chưa xác nhận. "
        "Hãy đếm lại, hoặc hủy bớt các đơn đó trước.",
        "en": "3 is fewer than the 4 units held for orders not yet confirmed. "
        "Count again, or cancel some of those orders first.",
    }
    assert ledger(product) == (10, [("receipt", 10, 10)], 10)


def test_a_recount_down_to_exactly_what_orders_hold_is_allowed(product, manager):
    services.stock_receive(product=product, quantity=10, by=manager.user)

    services.stock_recount(product=product, counted=4, by=manager.user, held=holds(4))

    assert ledger(product)[0] == 4


def test_a_negative_recount_is_refused_and_nothing_changes(product, manager):
    services.stock_receive(product=product, quantity=2, by=manager.user)

    messages = in_both_languages(
        lambda: services.stock_recount(product=product, counted=-1, by=manager.user, held=no_holds)
    )

    assert messages == {
        "vi": "Số lượng không được âm. Hãy ghi từ 0 trở lên.",
        "en": "The quantity cannot be negative. Write 0 or more.",
    }
    assert ledger(product) == (2, [("receipt", 2, 2)], 2)


def test_only_a_manager_of_the_seller_may_change_its_stock(product):
    stranger = ManagerFactory()  # manages another organisation

    with pytest.raises(ServiceError):
        services.stock_receive(product=product, quantity=3, by=stranger.user)
    with pytest.raises(ServiceError):
        services.stock_recount(product=product, counted=3, by=stranger.user, held=no_holds)

    assert ledger(product) == (0, [], 0)


def test_a_transfer_moves_units_between_places_and_keeps_the_total(product, manager):
    services.stock_receive(product=product, quantity=10, by=manager.user)
    store = services.location_store(product.organisation)
    stall = Location.objects.create(organisation=product.organisation, kind="stall", name="Chợ")

    services.stock_transfer(
        product=product, source=store, destination=stall, quantity=4, by=manager.user
    )

    assert ledger(product) == (
        10,
        [("receipt", 10, 10), ("transfer", -4, 6), ("transfer", 4, 4)],
        10,
    )
    assert Stock.objects.get(product=product, location=stall).quantity == 4


def test_a_transfer_from_an_empty_place_is_refused_and_nothing_changes(product, manager):
    services.stock_receive(product=product, quantity=10, by=manager.user)
    store = services.location_store(product.organisation)
    stall = Location.objects.create(organisation=product.organisation, kind="stall", name="Chợ")
    product.name = "Miến"

    messages = in_both_languages(
        lambda: services.stock_transfer(
            product=product, source=stall, destination=store, quantity=1, by=manager.user
        )
    )

    name = Product.objects.get(pk=product.pk).name
    assert messages == {
        "vi": f"Không có {name} ở Chợ để chuyển.",
        "en": f"There is no {name} at Chợ to move.",
    }
    assert ledger(product) == (10, [("receipt", 10, 10)], 10)


def test_a_transfer_of_more_than_is_there_or_to_another_organisation_is_refused(product, manager):
    services.stock_receive(product=product, quantity=3, by=manager.user)
    store = services.location_store(product.organisation)
    stall = Location.objects.create(organisation=product.organisation, kind="stall", name="Chợ")
    theirs = services.location_store(OrganisationFactory())

    with pytest.raises(services.StockError) as too_many:
        services.stock_transfer(
            product=product, source=store, destination=stall, quantity=4, by=manager.user
        )
    with pytest.raises(services.StockError) as foreign:
        services.stock_transfer(
            product=product, source=store, destination=theirs, quantity=1, by=manager.user
        )

    assert str(too_many.value.message).startswith("Chỉ còn 3 ")
    assert foreign.value.field == "location"
    assert ledger(product) == (3, [("receipt", 3, 3)], 3)


def test_a_sale_never_takes_more_than_the_store_has(product, manager):
    services.stock_receive(product=product, quantity=2, by=manager.user)

    with pytest.raises(services.StockError) as caught:
        services.stock_sell(items=[services.Item(product.pk, 3)], by=manager.user)

    assert (caught.value.available, caught.value.product_id) == (2, product.pk)
    assert ledger(product) == (2, [("receipt", 2, 2)], 2)


def test_open_many_gives_new_products_their_first_stock_once(manager):
    a = ProductFactory(organisation=manager.organisation, stock=0)
    b = ProductFactory(organisation=manager.organisation, stock=0)

    first = stock_open_many(quantities={a.pk: 5, b.pk: 0})
    again = stock_open_many(quantities={a.pk: 5})

    assert (first, again) == (1, 0)
    assert ledger(a) == (5, [("receipt", 5, 5)], 5)
    assert ledger(b) == (0, [], 0)
