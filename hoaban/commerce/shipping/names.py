"""The carriers' names as a person reads them ("Viettel Post"), by the code a shipment records
(`Shipment.carrier`). The one list: the console's carrier choice and every page showing a
shipment read it."""

from django.utils.translation import gettext_lazy as _

CARRIER_NAMES = {
    "seller": _("The cooperative itself"),
    "pickup": _("Picked up at the cooperative"),
    "viettelpost": "Viettel Post",
    "vnpost": "VNPost",
    "ghn": "GHN (Giao Hàng Nhanh)",
    "ghtk": "GHTK (Giao Hàng Tiết Kiệm)",
    "jt": "J&T Express",
    "other": _("Another carrier"),
}


def carrier_name(code: str) -> str:
    """The carrier's display name; an unknown code is shown as it is (never an empty name)."""
    name = CARRIER_NAMES.get(code or "")
    return str(name) if name is not None else (code or "")
