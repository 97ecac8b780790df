from django import forms
from django.http import QueryDict
from django.utils.translation import override

from hoaban.places.forms import (
    CommuneChoiceField,
    CommunePickerMixin,
    ProvinceChoiceField,
    picker_initial,
)
from hoaban.places.models import Commune

NA_RI = 2155
THAI_NGUYEN = 19
LAM_DONG = 68


class PlaceForm(CommunePickerMixin, forms.Form):
    province = ProvinceChoiceField()
    commune = CommuneChoiceField()


class RequiredPlaceForm(CommunePickerMixin, forms.Form):
    where = ProvinceChoiceField(required=True)
    origin = CommuneChoiceField(required=True)

    commune_picker = ("where", "origin")


def test_unbound_form_has_no_commune_options_and_points_htmx_at_the_commune_select(db):
    form = PlaceForm()

    html = str(form["province"])
    assert 'hx-get="/places/communes/"' in html
    assert 'hx-target="#id_commune"' in html
    assert 'name="_communes"' in html  # the no-JavaScript button
    assert str(form["commune"]).count("<option") == 1


def test_initial_commune_preselects_its_province_and_lists_its_communes(db):
    form = PlaceForm(initial={"commune": NA_RI})

    assert f'<option value="{THAI_NGUYEN}" selected>' in str(form["province"])
    commune_html = str(form["commune"])
    assert f'<option value="{NA_RI}" selected>Xã Na Rì</option>' in commune_html
    assert commune_html.count("<option") == 93


def test_valid_pair_cleans_to_objects(db):
    form = PlaceForm({"province": THAI_NGUYEN, "commune": NA_RI})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["province"].code == THAI_NGUYEN
    assert form.cleaned_data["commune"] == Commune.objects.get(code=NA_RI)


def test_commune_outside_the_province_is_refused(db):
    form = PlaceForm({"province": LAM_DONG, "commune": NA_RI})

    assert not form.is_valid()
    with override("en"):
        assert form.errors["commune"] == ["Choose a commune of the chosen province from the list."]
    with override("vi"):
        assert form.errors["commune"] == [
            "Hãy chọn một xã, phường của tỉnh đã chọn trong danh sách."
        ]


def test_province_alone_asks_for_the_commune_and_renders_its_list(db):
    form = PlaceForm({"province": THAI_NGUYEN, "commune": ""})

    assert not form.is_valid()
    with override("en"):
        assert form.errors["commune"] == [
            "Now choose your commune or ward from the list, or leave the province empty."
        ]
    with override("vi"):
        assert form.errors["commune"] == [
            "Bây giờ hãy chọn xã, phường trong danh sách, hoặc để trống ô tỉnh."
        ]
    assert str(form["commune"]).count("<option") == 93


def test_commune_alone_takes_its_province(db):
    form = PlaceForm({"province": "", "commune": NA_RI})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["province"].code == THAI_NGUYEN


def test_both_empty_is_fine_when_optional(db):
    form = PlaceForm({"province": "", "commune": ""})

    assert form.is_valid()
    assert form.cleaned_data["commune"] is None


def test_required_pair_with_other_field_names(db):
    empty = RequiredPlaceForm({"where": "", "origin": ""})
    good = RequiredPlaceForm({"where": THAI_NGUYEN, "origin": NA_RI})

    assert set(empty.errors) == {"where", "origin"}
    assert good.is_valid(), good.errors
    assert 'hx-target="#id_origin"' in str(good["where"])


def test_unknown_province_code_is_refused(db):
    form = PlaceForm({"province": "999", "commune": ""})

    assert not form.is_valid()
    assert "province" in form.errors


def test_picker_initial_leaves_out_passwords_and_the_button():
    data = QueryDict(
        "province=19&commune=&password1=x&password2=y&_communes=1&csrfmiddlewaretoken=t&n=a"
    )

    assert picker_initial(data) == {"province": "19", "commune": "", "n": "a"}
