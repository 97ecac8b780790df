import pytest
from django.urls import reverse

from hoaban.accounts.models import Consent, User

from .factories import ConsentFactory, RoleFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    root = UserFactory(phone="+84900000001", is_staff=True, is_superuser=True)
    client.force_login(root)
    client.cookies["hoaban_language"] = "en"
    return client


@pytest.mark.parametrize(
    "name",
    [
        "admin:accounts_user_changelist",
        "admin:accounts_role_changelist",
        "admin:accounts_consent_changelist",
        "admin:accounts_ethnicgroup_changelist",
        "admin:places_province_changelist",
        "admin:places_formerprovince_changelist",
        "admin:places_commune_changelist",
        "admin:accounts_user_add",
    ],
)
def test_admin_pages_open(admin_client, name):
    assert admin_client.get(reverse(name)).status_code == 200


def test_admin_user_search_and_filters(admin_client):
    UserFactory(phone="+84912345678", full_name="Hoàng Thị Mai", gender="female")
    RoleFactory(kind="mentor")

    url = reverse("admin:accounts_user_changelist")
    found = admin_client.get(url, {"q": "Mai"})
    filtered = admin_client.get(url, {"gender": "female", "is_staff__exact": "0"})
    by_role = admin_client.get(url, {"roles__kind": "mentor"})

    assert found.context["cl"].result_count == 1
    assert filtered.context["cl"].result_count == 1
    assert by_role.context["cl"].result_count == 1


def test_admin_commune_search_by_name_and_code(admin_client):
    url = reverse("admin:places_commune_changelist")

    assert admin_client.get(url, {"q": "Na Rì"}).context["cl"].result_count >= 1
    assert admin_client.get(url, {"q": "2155"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"former_province__code__exact": "6"}).status_code == 200


def test_admin_adds_a_user_with_any_phone_form(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "phone": "0987 654 321",
            "full_name": "Triệu Thị Lan",
            "usable_password": "true",
            "password1": "hoa-ban-2026",
            "password2": "hoa-ban-2026",
        },
    )

    assert response.status_code == 302
    assert User.objects.filter(phone="+84987654321", full_name="Triệu Thị Lan").exists()


def test_admin_refuses_a_malformed_phone(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "phone": "12345",
            "full_name": "X",
            "usable_password": "true",
            "password1": "hoa-ban-2026",
            "password2": "hoa-ban-2026",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["phone"] == [
        "The phone number is not right. Enter a Vietnamese number, for example 0912 345 678."
    ]
    assert User.objects.count() == 1


def test_consents_are_read_only_in_admin(admin_client):
    consent = ConsentFactory()

    response = admin_client.post(
        reverse("admin:accounts_consent_change", args=[consent.pk]), {"text": "changed"}
    )

    assert response.status_code in (200, 403)
    consent.refresh_from_db()
    assert consent.text == "Consent text"
    assert Consent.objects.count() == 1


def test_admin_user_change_page_shows_roles_and_consents(admin_client):
    consent = ConsentFactory(version="2026-01")
    RoleFactory(user=consent.user, kind="agent")

    response = admin_client.get(reverse("admin:accounts_user_change", args=[consent.user.pk]))

    assert response.status_code == 200
    assert "2026-01" in response.content.decode()


def test_admin_records_a_withdrawal(admin_client):
    consent = ConsentFactory()

    response = admin_client.post(
        reverse("admin:accounts_consent_changelist"),
        {"action": "withdraw", "_selected_action": [consent.pk], "index": 0},
    )

    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_a_role_added_in_the_admin_names_the_admin_who_granted_it(admin_client):
    # given a person and the logged-in superuser
    person = UserFactory(phone="+84912000777")
    # when the admin adds a mentor role for her (trying to name someone else as grantor)
    response = admin_client.post(
        reverse("admin:accounts_role_add"),
        {
            "user": person.pk,
            "kind": "mentor",
            "since": "2026-01-05",
            "until": "",
            "granted_by": person.pk,
            "granted_by_system": "forged",
        },
    )
    # then the role is saved, granted by the admin herself, not by what was posted
    assert response.status_code == 302
    role = person.roles.get()
    assert (role.granted_by.phone, role.granted_by_system) == ("+84900000001", "")


def test_a_role_added_on_the_person_page_names_the_admin(admin_client):
    person = UserFactory(phone="+84912000778", full_name="Lộc Thị Sen")
    url = reverse("admin:accounts_user_change", args=[person.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in ("phone", "full_name", "preferred_language", "date_joined")
    }
    data.update(
        {
            "date_joined_0": person.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": person.date_joined.strftime("%H:%M:%S"),
            "is_active": "on",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-0-kind": "agent",
            "roles-0-since": "2026-01-05",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    role = person.roles.get()
    assert (role.kind, role.granted_by.phone) == ("agent", "+84900000001")
