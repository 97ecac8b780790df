import datetime

import pytest
from django.utils import timezone

from hoaban.accounts.models import Role
from hoaban.catalog.models import Product
from hoaban.catalog.queries import product_search
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.core.errors import ServiceError
from hoaban.orgs import services
from hoaban.orgs.models import Certificate, Improvement, Membership, Organisation
from hoaban.orgs.tests.factories import (
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    commune,
)
from hoaban.orgs.tests.helpers import in_both_languages
from hoaban.places.models import Province

pytestmark = pytest.mark.django_db

NOT_A_MANAGER = {
    "vi": "Bạn không quản lý tổ chức này nên không thể thay đổi. "
    "Hãy nhờ người quản lý của tổ chức thêm bạn vào.",
    "en": "You do not manage this organisation, so you cannot change it. "
    "Ask one of its managers to add you.",
}


def snapshot(organisation: Organisation) -> dict:
    return Organisation.objects.filter(pk=organisation.pk).values().get()


# --- permissions --------------------------------------------------------------------------


def test_managers_and_superusers_manage_and_officers_of_the_province_only_view():
    organisation = OrganisationFactory()  # in Thái Nguyên (19)
    other = OrganisationFactory(commune=commune(24670))  # a commune elsewhere
    manager = ManagerFactory(organisation=organisation).user
    member = MembershipFactory(organisation=organisation).user
    officer = UserFactory()
    Role.objects.create(
        user=officer, kind=Role.Kind.OFFICER, granted_by_system="test"
    ).provinces.add(Province.objects.get(code=19))
    admin = UserFactory(is_superuser=True)

    assert list(services.organisations_managed_by(manager)) == [organisation]
    assert list(services.organisations_managed_by(member)) == []
    assert list(services.organisations_managed_by(officer)) == []
    assert set(services.organisations_managed_by(admin)) == {organisation, other}
    assert list(services.organisations_viewable_by(officer)) == [organisation]
    assert services.can_view(officer, organisation) and not services.can_manage(
        officer, organisation
    )
    assert not services.can_view(officer, other)


def test_a_manager_editing_another_organisation_is_refused_and_nothing_changes():
    mine = OrganisationFactory()
    theirs = OrganisationFactory(name="HTX Của Người Khác")
    manager = ManagerFactory(organisation=mine).user
    before = snapshot(theirs)

    messages = in_both_languages(
        lambda: services.organisation_update(
            organisation=theirs, by=manager, name="Đã bị đổi tên", bank_bin="970405"
        )
    )

    assert messages == NOT_A_MANAGER
    assert snapshot(theirs) == before


# --- organisations ----------------------------------------------------------------------


def test_renaming_an_organisation_refreshes_its_search_text_and_its_products_are_found_by_it():
    organisation = OrganisationFactory(name="HTX Cũ")
    manager = ManagerFactory(organisation=organisation).user
    product = ProductFactory(organisation=organisation, name="Mật ong rừng")

    services.organisation_update(organisation=organisation, by=manager, name="HTX Hoa Ban Mới")

    organisation.refresh_from_db()
    assert organisation.name == "HTX Hoa Ban Mới"
    assert "htx hoa ban moi" in organisation.search_text
    assert list(product_search(q="hoa ban moi mat ong")) == [product]
    assert list(product_search(q="htx cu")) == []


def test_organisation_update_cleans_phone_and_bank_holder():
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user

    services.organisation_update(
        organisation=organisation,
        by=manager,
        contact_phone="0987 654 321",
        bank_bin="970405",
        bank_account="1234 5678 9012",
        bank_holder="  htx  mien dong ",
    )

    organisation.refresh_from_db()
    assert organisation.contact_phone == "+84987654321"
    assert organisation.bank_account == "123456789012"
    assert organisation.bank_holder == "HTX MIEN DONG"
    assert organisation.can_receive_transfers


@pytest.mark.parametrize("bank_bin", ["97040", "9704055", "97O405"])
def test_a_bank_bin_that_is_not_six_digits_is_refused(bank_bin):
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user
    before = snapshot(organisation)

    messages = in_both_languages(
        lambda: services.organisation_update(
            organisation=organisation, by=manager, bank_bin=bank_bin
        )
    )

    assert messages == {
        "vi": "Mã BIN ngân hàng gồm đúng 6 chữ số, ví dụ 970405 là Agribank.",
        "en": "The bank BIN has exactly 6 digits, e.g. 970405 for Agribank.",
    }
    assert snapshot(organisation) == before


def test_organisation_create_is_for_superusers_and_officers_of_the_province():
    admin = UserFactory(is_superuser=True)
    stranger = UserFactory()

    organisation = services.organisation_create(
        by=admin, name="HTX Miến Dong Na Rì", commune=commune(), contact_phone="0912345678"
    )
    with pytest.raises(ServiceError):
        services.organisation_create(by=stranger, name="HTX Khác", commune=commune())

    assert organisation.slug == "htx-mien-dong-na-ri"
    assert organisation.contact_phone == "+84912345678"
    assert "bac kan" in organisation.search_text
    assert Organisation.objects.count() == 1


# --- members ----------------------------------------------------------------------------


def test_a_manager_cannot_set_a_members_consent_to_being_named():
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user
    member = MembershipFactory(organisation=organisation, show_name_publicly=False)

    messages = in_both_languages(
        lambda: services.membership_show_name_set(membership=member, show=True, by=manager)
    )

    assert messages == {
        "vi": "Chỉ chính thành viên mới chọn được việc hiện tên mình trên trang truy xuất.",
        "en": "Only the member herself can choose whether her name shows on trace pages.",
    }
    member.refresh_from_db()
    assert member.show_name_publicly is False
    assert not organisation.events.exists()


def test_the_last_manager_cannot_be_removed_but_a_member_can():
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation)
    member = MembershipFactory(organisation=organisation)

    messages = in_both_languages(
        lambda: services.membership_remove(membership=manager, by=manager.user)
    )
    services.membership_remove(membership=member, by=manager.user)

    assert messages["en"] == "This is the last manager. Add another manager before removing her."
    assert messages["vi"] == "Đây là người quản lý cuối cùng. Hãy thêm người quản lý khác trước."
    assert list(Membership.objects.filter(organisation=organisation)) == [manager]


# --- certificates and improvements --------------------------------------------------------


def test_certificate_add_refuses_an_expiry_before_the_issue_date():
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user
    today = timezone.localdate()

    messages = in_both_languages(
        lambda: services.certificate_add(
            organisation=organisation,
            kind=Certificate.Kind.OCOP_4,
            issued_on=today - datetime.timedelta(days=10),
            expires_on=today - datetime.timedelta(days=20),
            by=manager,
        )
    )
    certificate = services.certificate_add(
        organisation=organisation, kind="vietgap", issued_on=today, by=manager, number=" VG-1 "
    )

    assert messages["en"] == "The expiry date must be after the issue date."
    assert messages["vi"] == "Ngày hết hạn phải sau ngày cấp."
    assert list(Certificate.objects.all()) == [certificate]
    assert certificate.number == "VG-1"


def test_improvement_add_records_the_log_and_refuses_a_negative_cost():
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user

    with pytest.raises(ServiceError):
        services.improvement_add(
            organisation=organisation,
            date=timezone.localdate(),
            area="technology",
            description="Máy sấy",
            cost=-1,
            by=manager,
        )
    improvement = services.improvement_add(
        organisation=organisation,
        date=timezone.localdate(),
        area=Improvement.Area.PRODUCTION_TECHNOLOGY,
        description="Máy sấy miến",
        cost=30_000_000,
        supporter="UNDP",
        by=manager,
    )

    assert list(Improvement.objects.all()) == [improvement]
    assert Product.objects.count() == 0


def test_changes_are_recorded_with_who_made_them_and_the_bank_account_apart():
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user

    services.organisation_update(
        organisation=organisation,
        by=manager,
        bank_bin="970405",
        bank_account="123456789",
        bank_holder="HTX A",
        story="Câu chuyện mới",
    )
    services.organisation_update(organisation=organisation, by=manager, bank_bin="970405")

    events = list(organisation.events.order_by("pk").values_list("kind", "actor", "details"))
    assert events == [
        (
            "bank",
            manager.pk,
            {
                "changes": {
                    "bank_bin": ["", "970405"],
                    "bank_account": ["", "123456789"],
                    "bank_holder": ["", "HTX A"],
                }
            },
        ),
        ("updated", manager.pk, {"changes": {"story": "changed"}}),
    ]


def test_a_member_sets_her_own_name_choice_but_not_another_members():
    organisation = OrganisationFactory()
    lan = MembershipFactory(organisation=organisation, show_name_publicly=False)
    hoa = MembershipFactory(organisation=organisation, show_name_publicly=False)

    services.membership_show_name_set(membership=lan, show=True, by=lan.user)
    with pytest.raises(ServiceError):
        services.membership_show_name_set(membership=hoa, show=True, by=lan.user)

    lan.refresh_from_db()
    hoa.refresh_from_db()
    assert (lan.show_name_publicly, hoa.show_name_publicly) == (True, False)
