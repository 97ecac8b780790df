import json

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoaban.accounts.models import User

from .factories import ConsentFactory, UserFactory

NA_RI = 2155
THAI_NGUYEN = 19


def profile_data(**changes):
    data = {
        "full_name": "Hoàng Thị Mai",
        "email": "mai@example.com",
        "gender": "female",
        "birth_year": "1990",
        "ethnicity": "09",
        "preferred_language": "en",
        "province": str(THAI_NGUYEN),
        "home_commune": str(NA_RI),
    }
    data.update(changes)
    return data


def test_profile_needs_login(client, db):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_profile_shows_the_consents_and_preselects_the_province(vi):
    user = UserFactory(home_commune_id=NA_RI)
    ConsentFactory(user=user, text="Văn bản đã đồng ý", version="2026-01")
    vi.force_login(user)

    response = vi.get(reverse("accounts:profile"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Văn bản đã đồng ý" in html
    assert f'<option value="{THAI_NGUYEN}" selected>Thái Nguyên</option>' in html
    assert f'<option value="{NA_RI}" selected>Xã Na Rì</option>' in html
    assert reverse("accounts:data_export") in html


def test_profile_edit_saves_and_switches_the_language_cookie(vi):
    user = UserFactory(phone="+84912345678", preferred_language="vi")
    vi.force_login(user)

    response = vi.post(reverse("accounts:profile"), profile_data())

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Hoàng Thị Mai"
    assert user.email == "mai@example.com"
    assert user.birth_year == 1990
    assert user.ethnicity_id == "09"
    assert user.home_commune_id == NA_RI
    assert user.preferred_language == "en"
    assert user.phone == "+84912345678"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_profile_cannot_change_the_phone(vi):
    user = UserFactory(phone="+84912345678")
    vi.force_login(user)

    vi.post(reverse("accounts:profile"), profile_data(phone="0987654321"))

    user.refresh_from_db()
    assert user.phone == "+84912345678"


def test_profile_bad_year_is_refused_and_nothing_changes(en):
    user = UserFactory(full_name="Lý Thị Hoa", birth_year=1980)
    en.force_login(user)

    response = en.post(reverse("accounts:profile"), profile_data(birth_year="1850"))

    assert response.status_code == 400
    assert response.context["form"].errors["birth_year"] == [
        "Ensure this value is greater than or equal to 1900."
    ]
    user.refresh_from_db()
    assert (user.full_name, user.birth_year) == ("Lý Thị Hoa", 1980)


def test_download_my_data(vi):
    user = UserFactory(phone="+84912345678", full_name="Hoàng Thị Mai", home_commune_id=NA_RI)
    ConsentFactory(user=user, text="Văn bản", version="2026-01", language="vi")
    vi.force_login(user)

    response = vi.get(reverse("accounts:data_export"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="hoaban-my-data.json"'
    data = json.loads(response.content)
    assert data["phone"] == "+84912345678"
    assert data["full_name"] == "Hoàng Thị Mai"
    assert data["home_commune"] == {"code": NA_RI, "name": "Xã Na Rì", "province": "Thái Nguyên"}
    assert [c["text"] for c in data["consents"]] == ["Văn bản"]
    assert User.objects.count() == 1


def test_profile_page_query_count_does_not_grow_with_consents(vi):
    user = UserFactory(home_commune_id=NA_RI)
    vi.force_login(user)
    counts = []
    for n in (2, 4):
        while user.consents.count() < n:
            ConsentFactory(user=user)
        with CaptureQueriesContext(connection) as queries:
            assert vi.get(reverse("accounts:profile")).status_code == 200
        counts.append(len(queries))

    # session + user, the commune's province, province list, communes of the province,
    # ethnic groups, consents: the same whatever the number of consents.
    assert counts[0] == counts[1]


def test_signup_page_sends_a_logged_in_person_to_the_profile(vi):
    vi.force_login(UserFactory())

    response = vi.get(reverse("accounts:signup"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
