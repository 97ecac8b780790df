import re

from django.urls import reverse

from hoaban.core.collation import vietnamese_key, vietnamese_sorted
from hoaban.places.models import Commune
from hoaban.places.queries import communes_of, province_choices

THAI_NGUYEN = 19


def option_names(html: str) -> list[str]:
    return re.findall(r'<option value="\d+">([^<]+)</option>', html)


def test_communes_fragment_lists_the_province_communes_sorted_by_name(client, db):
    response = client.get(reverse("places:communes"), {"province": THAI_NGUYEN})

    html = response.content.decode()
    names = option_names(html)
    assert response.status_code == 200
    assert html.startswith('<option value="">')
    assert len(names) == Commune.objects.filter(province_id=THAI_NGUYEN).count() == 92
    assert names == vietnamese_sorted(names)
    assert '<option value="2155">Xã Na Rì</option>' in html
    assert "<html" not in html


def test_communes_fragment_accepts_a_lone_parameter_of_another_name(client, db):
    response = client.get(reverse("places:communes"), {"origin_province": THAI_NGUYEN})

    assert len(option_names(response.content.decode())) == 92


def test_communes_fragment_for_an_unknown_or_missing_province_is_empty(client, db):
    for params in ({"province": "999"}, {"province": "abc"}, {}):
        response = client.get(reverse("places:communes"), params)

        assert response.status_code == 200
        assert option_names(response.content.decode()) == []


def test_communes_fragment_costs_one_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("places:communes"), {"province": THAI_NGUYEN})


def test_communes_fragment_is_get_only(client, db):
    assert client.post(reverse("places:communes"), {"province": THAI_NGUYEN}).status_code == 405


def test_province_choices(db):
    choices = province_choices()

    assert len(choices) == 34
    assert (1, "Hà Nội") in choices
    assert choices[0] == (91, "An Giang")
    names = [name for _code, name in choices]
    assert names.index("Cà Mau") < names.index("Cao Bằng") < names.index("Cần Thơ")
    assert names.index("Đà Nẵng") > names.index("Cần Thơ")  # Đ after every D (and C)
    assert names == vietnamese_sorted(names)


def test_communes_of(db):
    assert [c.name for c in communes_of(THAI_NGUYEN)][:1] == [
        sorted(
            Commune.objects.filter(province_id=THAI_NGUYEN).values_list("name", flat=True),
            key=vietnamese_key,
        )[0]
    ]
    assert communes_of(None) == []
    assert communes_of("x") == []
