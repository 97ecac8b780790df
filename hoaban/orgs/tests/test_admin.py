"""The admin writes organisations, certificates and memberships through the services: the same
checks and event rows as the console, and a refusal is a message on the form, never a 500."""

import datetime

import pytest
from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone

from hoaban.catalog.models import Category, Product, ProductEvent
from hoaban.catalog.tests.factories import ProductFactory, category
from hoaban.orgs.models import Certificate, Membership, Organisation, OrganisationEvent

from .factories import ManagerFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return UserFactory(phone="+84900000009", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    client.cookies["hoaban_language"] = "en"
    return client


def _form_data(form, prefix_data: dict) -> None:
    for name, bound in form.fields.items():
        value = form[name].value()
        widget = bound.widget
        key = form.add_prefix(name)
        if isinstance(widget, MultiWidget):
            for i, part in enumerate(widget.decompress(value)):
                prefix_data[f"{key}_{i}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                prefix_data[key] = "on"
        elif isinstance(value, list | tuple):
            prefix_data[key] = [str(v) for v in value]
        elif value is None or isinstance(value, FieldFile):
            prefix_data[key] = ""
        else:
            prefix_data[key] = str(value)


def change_form_data(response) -> dict:
    """The POST an admin sends when she saves the change page as it is."""
    data: dict = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_data(formset.management_form, data)
        for form in formset.initial_forms:
            _form_data(form, data)
    return data


def test_an_admin_edit_of_an_organisation_writes_the_consoles_event(admin_client, admin_user):
    # given an organisation
    organisation = OrganisationFactory(name="HTX Cũ")
    url = reverse("admin:orgs_organisation_change", args=[organisation.pk])
    data = change_form_data(admin_client.get(url))
    # when the admin renames it and switches it off
    data.update(name="HTX Mới", contact_phone="0912 345 678")
    data.pop("is_active", None)
    response = admin_client.post(url, data)
    # then the change went through organisation_update: event rows name her, search is fresh
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.contact_phone, organisation.is_active) == (
        "HTX Mới",
        "+84912345678",
        False,
    )
    events = OrganisationEvent.objects.filter(organisation=organisation).order_by("pk")
    assert [(e.kind, e.actor, e.details["changes"]) for e in events] == [
        ("updated", admin_user, {"is_active": [True, False]}),
        (
            "updated",
            admin_user,
            {"name": ["HTX Cũ", "HTX Mới"], "contact_phone": ["+84912000111", "+84912345678"]},
        ),
    ]
    assert "htx moi" in organisation.search_text


def test_an_admin_edit_the_service_would_refuse_is_a_message_and_changes_nothing(admin_client):
    organisation = OrganisationFactory(name="HTX Cũ")
    url = reverse("admin:orgs_organisation_change", args=[organisation.pk])
    data = change_form_data(admin_client.get(url))
    data.update(name="HTX Mới", contact_phone="12345", bank_bin="97")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["contact_phone"] == [
        "This is not a Vietnamese phone number. Write it like 0912 345 678."
    ]
    organisation.refresh_from_db()
    assert organisation.name == "HTX Cũ"
    assert not OrganisationEvent.objects.filter(organisation=organisation).exists()


def test_a_certificate_added_in_the_admin_goes_through_certificate_add(admin_client, admin_user):
    organisation = OrganisationFactory()
    issued = timezone.localdate() - datetime.timedelta(days=3)
    response = admin_client.post(
        reverse("admin:orgs_certificate_add"),
        {
            "organisation": organisation.pk,
            "kind": "ocop4",
            "title": "OCOP 4 sao",
            "number": " OC-1 ",
            "issued_on": issued.isoformat(),
            "expires_on": "",
        },
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert (certificate.number, certificate.issued_on) == ("OC-1", issued)
    event = OrganisationEvent.objects.get(organisation=organisation)
    assert (event.kind, event.actor) == ("certificate", admin_user)


def test_a_certificate_from_the_future_is_refused_in_the_admin(admin_client):
    organisation = OrganisationFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = admin_client.post(
        reverse("admin:orgs_certificate_add"),
        {"organisation": organisation.pk, "kind": "ocop4", "issued_on": tomorrow.isoformat()},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["issued_on"] == [
        "The issue date cannot be in the future."
    ]
    assert Certificate.objects.count() == 0
    assert OrganisationEvent.objects.count() == 0


def test_the_admin_cannot_remove_the_last_manager_and_a_removal_is_recorded(
    admin_client, admin_user
):
    organisation = OrganisationFactory()
    only = ManagerFactory(organisation=organisation)
    url = reverse("admin:orgs_membership_delete", args=[only.pk])
    admin_client.post(url, {"post": "yes"})
    assert Membership.objects.filter(pk=only.pk).exists()
    second = ManagerFactory(organisation=organisation)
    admin_client.post(reverse("admin:orgs_membership_delete", args=[second.pk]), {"post": "yes"})
    assert not Membership.objects.filter(pk=second.pk).exists()
    event = OrganisationEvent.objects.get(organisation=organisation)
    assert (event.kind, event.actor) == ("member_removed", admin_user)


def test_an_admin_edit_of_a_product_writes_the_consoles_event(admin_client, admin_user):
    product = ProductFactory(name="Miến dong", price=45_000)
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = change_form_data(admin_client.get(url))
    data.update(price="50000")
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert Product.objects.get(pk=product.pk).price == 50_000
    event = ProductEvent.objects.get(product=product)
    assert (event.kind, event.actor, event.details["changes"]) == (
        "updated",
        admin_user,
        {"price": [45_000, 50_000]},
    )


# --- adding: through organisation_create and product_create ------------------------------


def test_an_organisation_added_in_the_admin_goes_through_organisation_create(
    admin_client, admin_user
):
    place = OrganisationFactory().commune
    url = reverse("admin:orgs_organisation_add")
    data = change_form_data(admin_client.get(url))
    data.update(
        name="HTX Chè Shan Tuyết",
        slug="htx-che-shan-tuyet",
        kind="coop",
        commune=str(place.pk),
        contact_phone="0912 345 678",
        is_active="on",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation = Organisation.objects.get(slug="htx-che-shan-tuyet")
    assert organisation.name == "HTX Chè Shan Tuyết"  # normalised by the service
    assert organisation.contact_phone == "+84912345678"
    assert "che shan tuyet" in organisation.search_text
    event = OrganisationEvent.objects.get(organisation=organisation)
    assert (event.kind, event.actor) == ("created", admin_user)


def test_an_organisation_the_service_would_refuse_is_not_added(admin_client):
    place = OrganisationFactory().commune
    url = reverse("admin:orgs_organisation_add")
    data = change_form_data(admin_client.get(url))
    data.update(name="HTX Mới", slug="htx-moi", commune=str(place.pk), contact_phone="12345")
    before = Organisation.objects.count()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "contact_phone" in response.context["adminform"].form.errors
    assert Organisation.objects.count() == before


def test_a_product_added_in_the_admin_goes_through_product_create(admin_client, admin_user):
    seller = OrganisationFactory()
    url = reverse("admin:catalog_product_add")
    data = change_form_data(admin_client.get(url))
    data.update(
        organisation=str(seller.pk),
        name="Trà   shan tuyết",
        code="TST1",
        category=str(Category.objects.filter(parent__isnull=False).first().pk),
        origin_commune=str(seller.commune.pk),
        unit="pack500g",
        price="120000",
        status="published",
    )
    data.pop("certificates", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    product = Product.objects.get(code="TST1")
    assert product.name == "Trà shan tuyết"
    assert product.search_text
    event = ProductEvent.objects.get(product=product)
    assert (event.kind, event.actor, event.details["code"]) == ("created", admin_user, "TST1")


def test_a_product_for_an_organisation_that_does_not_sell_is_refused_in_the_admin(admin_client):
    buyer = OrganisationFactory(kind=Organisation.Kind.BUYER)
    url = reverse("admin:catalog_product_add")
    data = change_form_data(admin_client.get(url))
    data.update(
        organisation=str(buyer.pk),
        name="Trà",
        code="TRA9",
        category=str(category().pk),
        origin_commune=str(buyer.commune.pk),
        unit="pack500g",
        price="-5",
    )
    data.pop("certificates", None)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["organisation"] == [
        "Only cooperatives, groups and household businesses can sell products here."
    ]
    assert "price" in errors
    assert not Product.objects.filter(code="TRA9").exists()
