"""The one bound of each quantity a person or a client types: forms, API schemas, services and
models all read it from here, so two forms can never disagree again (issue 6: the two stock forms
did), and no value can overflow its database column.

Columns: `PositiveIntegerField` holds up to 2**31 - 1 on PostgreSQL, `PositiveBigIntegerField`
up to 2**63 - 1. The bounds below stay far inside them, and an order's total cannot overflow:
the most lines × the most per line × the highest price + the highest shipping fee is checked
below to fit a bigint. An order total is also kept to 13 digits, the most a VietQR payload
carries (`MAX_ORDER_TOTAL_VND`, checked when the order is placed).
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .money import format_vnd

INT_MAX = 2**31 - 1  # PositiveIntegerField on PostgreSQL
BIGINT_MAX = 2**63 - 1  # PositiveBigIntegerField

MAX_PRICE_VND = 1_000_000_000  # a unit price: 1 tỷ đồng
MAX_COST_VND = 1_000_000_000_000  # an improvement's cost: 1.000 tỷ đồng
MAX_SHIPPING_FEE_VND = 100_000_000  # a shipping fee: 100 triệu đồng
MAX_STOCK = 10_000_000  # units in stock
MAX_LOT_QUANTITY = 10_000_000  # units in a lot
MAX_WEIGHT_GRAMS = 1_000_000  # the weight of one unit: 1 tonne
MAX_ORDER_LINES = 50  # different products in one order
MAX_ORDER_LINE_QUANTITY = 10_000  # units of one product in one line (absolute ceiling)
MAX_ORDER_TOTAL_VND = 9_999_999_999_999  # 13 digits: what a VietQR payload can carry
MAX_SEARCH_LENGTH = 100  # characters of a search (the search boxes' maxlength, the filter form)

assert MAX_STOCK <= INT_MAX and MAX_LOT_QUANTITY <= INT_MAX and MAX_WEIGHT_GRAMS <= INT_MAX  # noqa: S101
assert MAX_ORDER_LINES * MAX_ORDER_LINE_QUANTITY <= INT_MAX  # a merged line's quantity  # noqa: S101
assert (  # noqa: S101
    MAX_ORDER_LINES * MAX_ORDER_LINE_QUANTITY * MAX_PRICE_VND + MAX_SHIPPING_FEE_VND <= BIGINT_MAX
)
assert MAX_ORDER_LINES * MAX_ORDER_LINE_QUANTITY * MAX_WEIGHT_GRAMS <= BIGINT_MAX  # noqa: S101


def as_code(value) -> int | None:
    """A typed place or row code as an int the database can compare, else None: beyond a
    bigint it is no code at all (and SQLite's driver raised OverflowError, PostgreSQL a
    DataError, on `filter(province_id=10**30)`)."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= BIGINT_MAX else None


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


PRICE_TOO_HIGH = format_lazy(
    _("The price is too high: at most {max}. Check the number of zeros."),
    max=format_vnd(MAX_PRICE_VND),
)
COST_TOO_HIGH = format_lazy(
    _("The cost is too high: at most {max}. Check the number of zeros."),
    max=format_vnd(MAX_COST_VND),
)
SHIPPING_FEE_TOO_HIGH = format_lazy(
    _("The shipping fee is too high: at most {max}."), max=format_vnd(MAX_SHIPPING_FEE_VND)
)
STOCK_TOO_HIGH = format_lazy(
    _("The quantity in stock is too large: at most {max}."), max=_number(MAX_STOCK)
)
LOT_QUANTITY_TOO_HIGH = format_lazy(
    _("The quantity of a lot is too large: at most {max}."), max=_number(MAX_LOT_QUANTITY)
)
WEIGHT_TOO_HIGH = format_lazy(
    _("The weight is too large: at most {max} g (1 tonne)."), max=_number(MAX_WEIGHT_GRAMS)
)
ORDER_TOTAL_TOO_HIGH = format_lazy(
    _("This order comes to more than {max}. Please split it into smaller orders."),
    max=format_vnd(MAX_ORDER_TOTAL_VND),
)
