from hoaban.places.models import Commune, FormerProvince, Province
from hoaban.places.services import former_province_code_for, places_load, short_province_name


def test_reference_data_has_every_province_and_commune(db):
    assert Province.objects.count() == 34
    assert Commune.objects.count() == 3321
    assert FormerProvince.objects.count() == 63
    assert not Commune.objects.filter(former_province__isnull=True).exists()


def test_na_ri_is_in_thai_nguyen_and_was_in_bac_kan(db):
    na_ri = Commune.objects.select_related("province", "former_province").get(name="Xã Na Rì")

    assert na_ri.code == 2155
    assert na_ri.province.short_name == "Thái Nguyên"
    assert na_ri.former_province.name == "Bắc Kạn"
    assert "bac kan" in na_ri.search_text


def test_dak_mil_is_in_lam_dong_and_was_in_dak_nong(db):
    dak_mil = Commune.objects.select_related("province", "former_province").get(name="Xã Đắk Mil")

    assert dak_mil.province.short_name == "Lâm Đồng"
    assert dak_mil.former_province.name == "Đắk Nông"
    assert "dak nong" in dak_mil.search_text


def test_former_provinces_point_at_their_new_province(db):
    assert FormerProvince.objects.get(name="Bắc Kạn").province_id == 19
    assert FormerProvince.objects.get(name="Đắk Nông").province_id == 68
    assert FormerProvince.objects.get(name="Bình Thuận").province_id == 68
    assert "bac kan" in Province.objects.get(code=19).search_text


def test_loading_again_changes_nothing(db):
    assert places_load() == (34, 3321)

    assert Province.objects.count() == 34
    assert Commune.objects.count() == 3321
    assert FormerProvince.objects.count() == 63


def test_former_province_code_for_picks_the_last_start_not_above_the_code():
    # Thái Nguyên since 2025: old Bắc Kạn (codes from 1840) and old Thái Nguyên (from 5431).
    former = [(1840, 6), (5431, 19)]

    assert former_province_code_for(1840, former) == 6
    assert former_province_code_for(2155, former) == 6
    assert former_province_code_for(5430, former) == 6
    assert former_province_code_for(5431, former) == 19
    assert former_province_code_for(9999, former) == 19
    # A code below every start still gets the first (defensive).
    assert former_province_code_for(1, former) == 6
    assert former_province_code_for(123, [(100, 1)]) == 1


def test_short_province_name():
    assert short_province_name("Thành phố Hà Nội") == "Hà Nội"
    assert short_province_name("Cao Bằng") == "Cao Bằng"
