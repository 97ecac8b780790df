"""core.errors.ServiceError: a code, an HTTP status, a message and per-field errors; the views'
one helper `form_error` and the API's one handler read them."""

import pytest
from django import forms
from django.utils import translation

from hoaban.commerce.errors import (
    IdempotencyConflict,
    InvalidOrder,
    NotAllowed,
    OutOfStock,
    Shortage,
)
from hoaban.core.errors import InvalidInput, NotFound, ServiceError, form_error
from hoaban.core.throttle import Throttled


@pytest.mark.parametrize(
    ("error", "code", "status"),
    [
        (ServiceError("refused"), "refused", 422),
        (ServiceError("bad name", field="name"), "invalid_field", 422),
        (InvalidInput(field="name"), "invalid_field", 422),
        (NotFound(), "not_found", 404),
        (InvalidOrder({"lines": "x"}), "invalid_field", 422),
        (OutOfStock([Shortage("MD05", "Miến", 5, 3)]), "out_of_stock", 409),
        (IdempotencyConflict(), "idempotency_conflict", 422),
        (NotAllowed(), "not_allowed", 403),
        (Throttled("wait", retry_after=30), "throttled", 429),
        (ServiceError("gone", code="gone", status=410), "gone", 410),
    ],
)
def test_every_service_error_carries_a_stable_code_and_its_status(error, code, status):
    assert (error.code, error.status) == (code, status)


def test_the_json_of_an_error_is_the_one_shape_in_the_active_language():
    with translation.override("vi"):
        body = OutOfStock([Shortage("MD05", "Miến dong", 5, 3)]).as_json()

    assert body == {
        "code": "out_of_stock",
        "message": "Xin lỗi, Miến dong (MD05) chỉ còn 3. Vui lòng giảm số lượng.",
        "errors": {},
        "shortages": [{"product": "MD05", "name": "Miến dong", "requested": 5, "available": 3}],
    }
    assert Throttled("wait", retry_after=30).as_json()["retry_after"] == 30


class CheckoutLike(forms.Form):
    name = forms.CharField()
    phone = forms.CharField()


def test_form_error_puts_each_field_on_its_field_and_the_rest_on_the_form():
    form = CheckoutLike({"name": "Lan", "phone": "x"})
    form.is_valid()

    form_error(
        form,
        InvalidOrder({"buyer.phone": "Bad phone.", "buyer.name": "Bad name.", "lines": "Empty."}),
        {"buyer.phone": "phone", "buyer.name": "name"},
    )

    assert form.errors == {
        "phone": ["Bad phone."],
        "name": ["Bad name."],
        "__all__": ["Empty."],
    }


def test_form_error_of_a_refusal_without_fields_goes_on_the_form():
    form = CheckoutLike({"name": "Lan", "phone": "x"})
    form.is_valid()

    form_error(form, NotAllowed("Only a manager may do this."))

    assert form.errors == {"__all__": ["Only a manager may do this."]}
