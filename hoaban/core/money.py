"""Money is an integer number of đồng, written `1.250.000 ₫`."""

NBSP = "\u00a0"


def format_vnd(amount: int | None, *, nonbreaking: bool = False) -> str:
    """`1.250.000 ₫`. On a page (`nonbreaking=True`) the space before "₫" never breaks, so a
    narrow phone never leaves "₫" alone at the start of a line. Plain text that travels (SMS,
    API and error messages, validator messages kept in migrations) keeps an ordinary space."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    space = NBSP if nonbreaking else " "
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + space + "₫"
