"""Money is an integer number of đồng, written `1.250.000 ₫`."""


def format_vnd(amount: int | None) -> str:
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + " ₫"
