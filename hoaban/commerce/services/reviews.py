"""A buyer with a completed order rates the product and the seller, once per order line."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hoaban.accounts.phone import InvalidPhone, normalize_phone

from ..errors import InvalidOrder, NotAllowed, OrderError
from ..models import Order, OrderLine, Review


def _rating(value, field: str, errors: dict[str, str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        errors[field] = _("Choose from 1 to 5 stars.")
        return 0
    return value


def review_create(
    *,
    order_line: OrderLine,
    buyer_phone: str,
    product_rating: int,
    seller_rating: int,
    text: str = "",
) -> Review:
    """Raises NotAllowed (not the buyer), OrderError (not completed, already reviewed),
    InvalidOrder (ratings, text)."""
    errors: dict[str, str] = {}
    product_rating = _rating(product_rating, "product_rating", errors)
    seller_rating = _rating(seller_rating, "seller_rating", errors)
    text = (text or "").strip()
    if len(text) > 2000:
        errors["text"] = _("Please keep the review under 2,000 letters.")
    if errors:
        raise InvalidOrder(errors)
    order = Order.objects.select_related("seller").get(pk=order_line.order_id)
    try:
        phone = normalize_phone(buyer_phone)
    except InvalidPhone:
        phone = ""
    if phone != order.buyer_phone:
        raise NotAllowed(_("Only the buyer of this order can review it."))
    if order.status != Order.Status.COMPLETED:
        raise OrderError(_("You can review once the order is completed."))
    try:
        with transaction.atomic():
            return Review.objects.create(
                order_line=order_line,
                product_id=order_line.product_id,
                seller_id=order.seller_id,
                product_rating=product_rating,
                seller_rating=seller_rating,
                text=text,
                buyer_phone=phone,
            )
    except IntegrityError as exc:
        raise OrderError(_("You have already reviewed this product for this order.")) from exc
