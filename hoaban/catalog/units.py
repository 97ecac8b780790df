"""An amount of a product in its unit, in words a person reads: "3 gói 500 g", "3 packs of
500 g", "1 kg". Used wherever a quantity is told ("only 3 gói left")."""

from django.utils.translation import npgettext

from .models import Product

U = Product.Unit


def amount_of(quantity: int, unit: str) -> str:
    """`quantity` of `unit` (a Product.Unit value) in the active language."""
    n = int(quantity)
    texts = {
        U.KG: lambda: npgettext("amount", "%(n)s kg", "%(n)s kg", n),
        U.PACK_500G: lambda: npgettext("amount", "%(n)s pack of 500 g", "%(n)s packs of 500 g", n),
        U.PACK_1KG: lambda: npgettext("amount", "%(n)s pack of 1 kg", "%(n)s packs of 1 kg", n),
        U.PIECE: lambda: npgettext("amount", "%(n)s piece", "%(n)s pieces", n),
        U.BOX: lambda: npgettext("amount", "%(n)s box", "%(n)s boxes", n),
        U.BOTTLE: lambda: npgettext("amount", "%(n)s bottle", "%(n)s bottles", n),
        U.LITRE: lambda: npgettext("amount", "%(n)s litre", "%(n)s litres", n),
        U.METRE: lambda: npgettext("amount", "%(n)s metre", "%(n)s metres", n),
        U.SET: lambda: npgettext("amount", "%(n)s set", "%(n)s sets", n),
    }
    text = texts.get(unit)
    return text() % {"n": n} if text else str(n)
