import pytest
from django.urls import reverse
from django.utils import translation

from hoaban.accounts.models import Role
from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.orgs.models import Invitation, Membership, Organisation
from hoaban.orgs.tests.factories import (
    CertificateFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from hoaban.places.models import Province

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


# --- public organisation page -----------------------------------------------------------


def test_organisation_page_shows_story_place_certificates_members_and_products(client):
    organisation = OrganisationFactory(name="HTX Miến Dong Hoa Ban", story="Chúng tôi làm miến.")
    MembershipFactory.create_batch(3, organisation=organisation)
    CertificateFactory(organisation=organisation, kind="ocop4")
    ProductFactory(organisation=organisation, name="Miến dong đặc biệt", code="MD05")
    ProductFactory(organisation=organisation, name="Bản nháp", status=Product.Status.DRAFT)

    response = client.get(reverse("storefront:organisation", kwargs={"slug": organisation.slug}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "HTX Miến Dong Hoa Ban" in html
    assert "Chúng tôi làm miến." in html
    assert "Xã Na Rì, Thái Nguyên (trước đây: Bắc Kạn)" in html
    assert "3 thành viên" in html
    assert "OCOP 4 sao" in html
    assert 'href="/p/MD05/"' in html
    assert "Bản nháp" not in html
    assert 'href="tel:+84912000111"' in html
    assert "0912 000 111" in html


def test_organisation_page_of_an_unknown_or_inactive_organisation_is_404(client):
    inactive = OrganisationFactory(is_active=False)

    assert client.get("/org/khong-co/").status_code == 404
    assert client.get(f"/org/{inactive.slug}/").status_code == 404


@pytest.mark.parametrize("n", [3, 6])
def test_organisation_page_query_count_does_not_grow_with_products(
    client, django_assert_num_queries, n
):
    organisation = OrganisationFactory()
    CertificateFactory(organisation=organisation)
    for product in ProductFactory.create_batch(n, organisation=organisation):
        product.images.create(image="products/x.png", thumbnail="products/thumbs/x.webp")
    url = reverse("storefront:organisation", kwargs={"slug": organisation.slug})

    # organisation (joined with place, member count) + certificates + products + images
    with django_assert_num_queries(4):
        response = client.get(url)

    assert response.content.decode().count('class="card"') == n


# --- manager console --------------------------------------------------------------------


def test_the_console_needs_a_login(client):
    organisation = OrganisationFactory()

    response = client.get(reverse("console:members", kwargs={"slug": organisation.slug}))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_manage_home_lists_only_my_organisations(client):
    mine = OrganisationFactory(name="HTX Của Tôi")
    also_mine = OrganisationFactory(name="HTX Cũng Của Tôi")
    OrganisationFactory(name="HTX Người Khác")
    manager = ManagerFactory(organisation=mine).user
    ManagerFactory(organisation=also_mine, user=manager)
    client.force_login(manager)

    html = client.get(reverse("console:home")).content.decode()

    assert "HTX Của Tôi" in html and "HTX Cũng Của Tôi" in html
    assert "HTX Người Khác" not in html


def test_manage_home_goes_straight_to_her_only_organisation(client):
    mine = OrganisationFactory(name="HTX Của Tôi")
    OrganisationFactory(name="HTX Người Khác")
    client.force_login(ManagerFactory(organisation=mine).user)

    response = client.get(reverse("console:home"))

    assert response.status_code == 302
    assert response["Location"] == f"/manage/{mine.slug}/"


def test_a_manager_editing_another_organisation_gets_a_clear_refusal_and_nothing_changes(
    client,
):
    mine = OrganisationFactory()
    theirs = OrganisationFactory(name="HTX Người Khác")
    client.force_login(ManagerFactory(organisation=mine).user)
    before = Organisation.objects.filter(pk=theirs.pk).values().get()

    response = client.post(
        reverse("console:organisation_edit", kwargs={"slug": theirs.slug}),
        {
            "name": "Đã đổi",
            "kind": "coop",
            "province": "19",
            "commune": str(theirs.commune_id),
        },
    )

    assert response.status_code == 403
    assert "Bạn không quản lý tổ chức này nên không thể thay đổi." in response.content.decode()
    assert Organisation.objects.filter(pk=theirs.pk).values().get() == before


def test_the_refusal_is_in_english_for_english_readers(client):
    theirs = OrganisationFactory()
    client.force_login(ManagerFactory().user)

    with translation.override("en"):
        client.cookies["hoaban_language"] = "en"
        response = client.post(reverse("console:bank_edit", kwargs={"slug": theirs.slug}), {})

    assert response.status_code == 403
    assert "You do not manage this organisation" in response.content.decode()


def test_an_officer_of_the_province_may_look_but_not_change(client):
    organisation = OrganisationFactory()
    officer = UserFactory()
    Role.objects.create(
        user=officer, kind=Role.Kind.OFFICER, granted_by_system="test"
    ).provinces.add(Province.objects.get(code=19))
    client.force_login(officer)
    url = reverse("console:members", kwargs={"slug": organisation.slug})

    looked = client.get(url)
    tried = client.post(url, {"phone": "0971234567", "role": "member", "channel": "sms"})

    assert looked.status_code == 200
    assert "Bạn có thể xem các trang này nhưng không thể thay đổi." in looked.content.decode()
    assert tried.status_code == 403
    assert not Invitation.objects.exists()


def test_organisation_edit_saves_story_and_commune(client):
    organisation = OrganisationFactory()
    client.force_login(ManagerFactory(organisation=organisation).user)
    url = reverse("console:organisation_edit", kwargs={"slug": organisation.slug})

    page = client.get(url)
    response = client.post(
        url,
        {
            "name": "HTX Đắk Mil",
            "kind": "coop",
            "story": "Cà phê của người M'Nông.",
            "province": "68",
            "commune": "24670",
            "contact_phone": "0987 654 321",
        },
    )

    assert page.status_code == 200
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.commune_id == 24670
    assert organisation.story == "Cà phê của người M'Nông."
    assert "dak nong" in organisation.search_text


def test_bank_form_shows_the_error_and_saves_nothing(client):
    organisation = OrganisationFactory()
    client.force_login(ManagerFactory(organisation=organisation).user)

    response = client.post(
        reverse("console:bank_edit", kwargs={"slug": organisation.slug}),
        {"bank_bin": "12ab", "bank_account": "123456", "bank_holder": "HTX"},
    )

    assert response.status_code == 200
    assert "Mã BIN ngân hàng gồm đúng 6 chữ số" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.bank_account == ""


def test_members_page_removes_a_member_and_offers_no_naming_button(client):
    organisation = OrganisationFactory()
    client.force_login(ManagerFactory(organisation=organisation).user)
    membership = MembershipFactory(
        organisation=organisation, user=UserFactory(full_name="Triệu Thị Lan")
    )
    members_url = reverse("console:members", kwargs={"slug": organisation.slug})

    page = client.get(members_url).content.decode()
    removed = client.post(
        reverse("console:member_remove", kwargs={"slug": organisation.slug, "pk": membership.pk})
    )

    assert "show-name" not in page and 'name="show"' not in page
    assert removed.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert "Triệu Thị Lan" in client.get(members_url).content.decode()  # the message


def test_members_page_with_a_bad_phone_shows_the_message(client):
    organisation = OrganisationFactory()
    client.force_login(ManagerFactory(organisation=organisation).user)

    response = client.post(
        reverse("console:members", kwargs={"slug": organisation.slug}),
        {"phone": "123", "role": "member", "channel": "sms"},
    )

    assert response.status_code == 200
    assert "Đây không phải số điện thoại Việt Nam." in response.content.decode()
    assert Membership.objects.filter(organisation=organisation).count() == 1
    assert not Invitation.objects.exists()


def test_records_page_adds_a_certificate_and_an_improvement(client):
    organisation = OrganisationFactory()
    client.force_login(ManagerFactory(organisation=organisation).user)
    url = reverse("console:records", kwargs={"slug": organisation.slug})

    certificate = client.post(
        url,
        {
            "certificate-kind": "ocop4",
            "certificate-title": "OCOP 4 sao miến dong",
            "certificate-issued_on": "2025-03-01",
            "certificate-expires_on": "2028-03-01",
        },
    )
    improvement = client.post(
        url,
        {
            "improvement-date": "2025-05-01",
            "improvement-area": "technology",
            "improvement-description": "Máy sấy năng lượng mặt trời",
            "improvement-cost": "25000000",
            "improvement-supporter": "UNDP",
        },
    )
    page = client.get(url).content.decode()

    assert (certificate.status_code, improvement.status_code) == (302, 302)
    assert organisation.certificates.get().title == "OCOP 4 sao miến dong"
    assert organisation.improvements.get().cost == 25_000_000
    assert "Máy sấy năng lượng mặt trời" in page
    assert "25.000.000\u00a0₫" in page


def test_records_page_refuses_an_expiry_before_the_issue_date(client):
    organisation = OrganisationFactory()
    client.force_login(ManagerFactory(organisation=organisation).user)

    response = client.post(
        reverse("console:records", kwargs={"slug": organisation.slug}),
        {
            "certificate-kind": "vietgap",
            "certificate-issued_on": "2025-03-01",
            "certificate-expires_on": "2024-03-01",
        },
    )

    assert response.status_code == 200
    assert "Ngày hết hạn phải sau ngày cấp." in response.content.decode()
    assert organisation.certificates.count() == 0


def test_a_member_decides_herself_whether_her_name_shows_on_trace_pages(client):
    membership = MembershipFactory(
        user=UserFactory(full_name="Triệu Thị Lan"), show_name_publicly=False
    )
    someone_else = MembershipFactory(show_name_publicly=False)
    client.force_login(membership.user)
    url = reverse("orgs:my_memberships")

    page = client.get(url)
    shown = client.post(url, {"membership": membership.pk, "show": "1"})
    forged = client.post(url, {"membership": someone_else.pk, "show": "1"})

    membership.refresh_from_db()
    someone_else.refresh_from_db()
    assert membership.organisation.name in page.content.decode()
    assert (shown.status_code, forged.status_code) == (302, 404)
    assert membership.show_name_publicly is True
    assert someone_else.show_name_publicly is False
    assert membership.organisation.events.get().actor == membership.user
