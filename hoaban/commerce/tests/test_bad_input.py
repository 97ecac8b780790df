"""Every bad input from issue 3 gets a clear message in the buyer's language (vi and en) and
leaves nothing behind: no order, no reservation, no idempotency record."""

import pytest
from django.utils import translation

from hoaban.catalog.models import Product
from hoaban.commerce.errors import IdempotencyConflict, InvalidOrder, OutOfStock
from hoaban.commerce.models import IdempotencyRecord, Order, Payment, StockReservation
from hoaban.commerce.services import BuyerInput, DeliveryInput, LineInput

from .builders import buyer, pickup, place, product, ship_to

pytestmark = pytest.mark.django_db


def nothing_left_behind() -> bool:
    return not (
        Order.objects.exists()
        or StockReservation.objects.exists()
        or IdempotencyRecord.objects.exists()
        or Payment.objects.exists()
    )


def invalid(language: str, *args, **kwargs) -> dict[str, str]:
    with translation.override(language), pytest.raises(InvalidOrder) as caught:
        place(*args, **kwargs)
    assert nothing_left_behind()
    return caught.value.errors


@pytest.mark.parametrize(
    ("quantity", "vi", "en"),
    [
        (0, "Số lượng phải từ 1 trở lên.", "The quantity must be at least 1."),
        (-2, "Số lượng phải từ 1 trở lên.", "The quantity must be at least 1."),
        ("2", "Số lượng phải là số nguyên.", "The quantity must be a whole number."),
        (1.5, "Số lượng phải là số nguyên.", "The quantity must be a whole number."),
        (10**6, "Số lượng quá lớn (tối đa 10000).", "The quantity is too large (at most 10000)."),
    ],
)
def test_bad_quantity(quantity, vi, en):
    rice = product(stock=10)
    assert invalid("vi", [(rice, quantity)]) == {"lines.0.quantity": vi}
    assert invalid("en", [(rice, quantity)]) == {"lines.0.quantity": en}


def test_quantity_beyond_stock():
    rice = product(stock=3, name="Miến dong Na Rì", code="MD05")
    for language, message in [
        ("vi", "Xin lỗi, Miến dong Na Rì (MD05) chỉ còn 3. Vui lòng giảm số lượng."),
        ("en", "Sorry, only 3 left of Miến dong Na Rì (MD05). Please lower the quantity."),
    ]:
        with translation.override(language), pytest.raises(OutOfStock) as caught:
            place([(rice, 4)])
        assert caught.value.message == message
        assert nothing_left_behind()


def test_sold_out():
    rice = product(stock=0, name="Miến dong Na Rì", code="MD05")
    with translation.override("vi"), pytest.raises(OutOfStock) as caught:
        place([(rice, 1)])
    assert caught.value.message == "Xin lỗi, Miến dong Na Rì (MD05) đã hết hàng."
    assert nothing_left_behind()


def test_unknown_product():
    product(stock=3)
    assert invalid("vi", [("ZZ99", 1)]) == {"lines.0.product": "Không có sản phẩm nào có mã ZZ99."}
    assert invalid("en", [("ZZ99", 1)]) == {
        "lines.0.product": "There is no product with the code ZZ99."
    }


@pytest.mark.parametrize("status", [Product.Status.DRAFT, Product.Status.ARCHIVED])
def test_unpublished_product(status):
    rice = product(stock=3, name="Miến dong", code="MD05", status=status)
    assert invalid("vi", [(rice, 1)]) == {"lines.0.product": "Miến dong (MD05) hiện chưa bán."}
    assert invalid("en", [(rice, 1)]) == {
        "lines.0.product": "Miến dong (MD05) is not for sale right now."
    }


@pytest.mark.parametrize("phone", ["+1 202 555 0100", "12345", "", "0912 345 67"])
def test_phone_that_is_not_vietnamese(phone):
    rice = product(stock=3)
    assert invalid("vi", [(rice, 1)], buyer=buyer(phone=phone)) == {
        "buyer.phone": "Đây không phải số điện thoại Việt Nam. Hãy viết như 0912 345 678."
    }
    assert invalid("en", [(rice, 1)], buyer=buyer(phone=phone)) == {
        "buyer.phone": "This is not a Vietnamese phone number. Write it like 0912 345 678."
    }


@pytest.mark.parametrize("commune", [999_999, None, "abc", -1, True])
def test_commune_that_does_not_exist(commune):
    rice = product(stock=3)
    assert invalid("vi", [(rice, 1)], delivery=ship_to(commune=commune)) == {
        "delivery.commune": "Không có xã, phường này. Vui lòng chọn trong danh sách."
    }
    assert invalid("en", [(rice, 1)], delivery=ship_to(commune=commune)) == {
        "delivery.commune": "This commune does not exist. Please choose it from the list."
    }


def test_every_wrong_field_is_named_at_once():
    rice = product(stock=3)
    errors = invalid(
        "en",
        [(rice, 0), ("", 1)],
        buyer=BuyerInput(name=" ", phone="abc"),
        delivery=DeliveryInput(method="ship", address="", commune=1),
        payment="bitcoin",
        channel="tiktok",
        source="radio",
    )
    assert sorted(errors) == [
        "buyer.name",
        "buyer.phone",
        "channel",
        "delivery.address",
        "delivery.commune",
        "lines.0.quantity",
        "lines.1.product",
        "payment",
        "source",
    ]


def test_empty_basket_and_unknown_delivery_method():
    assert invalid("en", [], delivery=DeliveryInput(method="drone")) == {
        "lines": "The basket is empty. Add at least one product.",
        "delivery.method": "Choose delivery to an address or pick-up.",
    }


def test_payment_that_does_not_fit_the_delivery():
    rice = product(stock=3)
    assert invalid("vi", [(rice, 1)], payment="cod", delivery=pickup()) == {
        "payment": "Trả tiền khi nhận hàng chỉ dùng khi giao đến địa chỉ. "
        "Nếu nhận tại chỗ, hãy trả tiền mặt."
    }
    assert invalid("en", [(rice, 1)], payment="cash", delivery=ship_to()) == {
        "payment": "Cash at pick-up is for pick-up orders. Choose cash on delivery."
    }


def test_vietqr_needs_a_seller_with_a_bank_account():
    rice = product(stock=3)
    rice.organisation.bank_account = ""
    rice.organisation.save()
    assert invalid("en", [(rice, 1)], payment="vietqr") == {
        "payment": f"{rice.organisation.name} cannot receive bank transfers yet. "
        "Please choose another way to pay."
    }


def test_missing_idempotency_key():
    rice = product(stock=3)
    assert invalid("en", [(rice, 1)], key=" ") == {
        "idempotency_key": "A unique key for this order (up to 100 characters) is needed."
    }


def test_double_tapped_place_order_places_once():
    rice = product(stock=3)
    first = place([(rice, 1)], key="tap")
    second = place([(rice, 1)], key="tap")
    assert second.replayed
    assert second.response == first.response
    assert Order.objects.count() == StockReservation.objects.count() == 1


def test_reused_key_with_a_changed_basket():
    rice = product(stock=3)
    place([(rice, 1)], key="tap")
    for language, message in [
        (
            "vi",
            "Mã đặt hàng này đã được dùng cho một đơn khác. "
            "Hãy bắt đầu đặt hàng lại từ đầu để đặt đơn mới.",
        ),
        (
            "en",
            "This order key was already used for a different order. "
            "Start a new checkout to place another order.",
        ),
    ]:
        with translation.override(language), pytest.raises(IdempotencyConflict) as caught:
            place([(rice, 2)], key="tap")
        assert caught.value.message == message
    assert Order.objects.count() == 1


def test_line_that_is_not_a_line():
    rice = product(stock=3)
    errors = invalid("en", [(rice, 1)], buyer=buyer(name=None))
    assert errors == {"buyer.name": "Please write your name (up to 150 letters)."}
    errors = invalid("en", [(None, None)])
    assert errors == {
        "lines.0.product": "Choose a product.",
        "lines.0.quantity": "The quantity must be a whole number.",
    }
    assert LineInput  # the dataclass the pages build


def test_control_characters_never_reach_the_database():
    rice = product(stock=3)
    assert invalid("en", [("MD\x0005", 1)]) == {
        "lines.0.product": "There is no product with the code MD\x0005."
    }
    assert invalid("en", [(rice, 1)], key="k\x00") == {
        "idempotency_key": "A unique key for this order (up to 100 characters) is needed."
    }
    order = place(
        [(rice, 1)],
        buyer=buyer(name="Lan\x00 Nguyễn"),
        delivery=ship_to(address="Thôn\x00 Nà Lạn"),
        source_ref="live\x00-1",
    ).orders[0]
    assert (order.buyer_name, order.address, order.source_ref) == (
        "Lan Nguyễn",
        "Thôn Nà Lạn",
        "live-1",
    )
