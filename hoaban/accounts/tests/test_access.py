"""accounts.access: one test per rule, each with the person who must get nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils import timezone, translation

from hoaban.accounts import access
from hoaban.accounts.models import Role
from hoaban.accounts.services import (
    SYSTEM_COMMAND,
    SYSTEM_DEMO,
    SystemActor,
    role_grant,
    role_revoke,
)
from hoaban.core.errors import ServiceError
from hoaban.orgs.models import Organisation
from hoaban.orgs.tests.factories import (
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    commune,
)
from hoaban.places.models import Commune, Province

pytestmark = pytest.mark.django_db

NA_RI = 2155  # Thái Nguyên (19)
THAI_NGUYEN, LAM_DONG = 19, 68


def today() -> datetime.date:
    return timezone.localdate()


def lam_dong_commune() -> Commune:
    return Commune.objects.filter(province_id=LAM_DONG).order_by("code").first()


def grant(user, kind, **places):
    return role_grant(user=user, kind=kind, by=SYSTEM_COMMAND, **places)


def fresh(user):
    """The same person as a new request would load her (no cached roles)."""
    return type(user).objects.get(pk=user.pk)


# --- manager --------------------------------------------------------------------------------


def test_a_manager_manages_her_organisation_and_no_other():
    # given a manager of one cooperative and another cooperative
    mine = OrganisationFactory()
    other = OrganisationFactory()
    manager = ManagerFactory(organisation=mine).user
    # then she manages and views hers only
    assert list(access.managed_organisations(manager)) == [mine]
    assert list(access.viewable_organisations(manager)) == [mine]
    assert access.manages(manager, mine) is True
    assert access.manages(manager, other) is False
    access.require_manager(manager, mine)


def test_a_manager_of_another_cooperative_gets_nothing():
    # given a manager of another cooperative
    target = OrganisationFactory()
    stranger = ManagerFactory(organisation=OrganisationFactory()).user
    # then she may neither change nor see the target, nor read its private files
    assert access.manages(stranger, target) is False
    assert access.may_view(stranger, target) is False
    assert access.can_view_private_files(stranger, target) is False
    with pytest.raises(ServiceError) as refused:
        access.require_manager(stranger, target)
    with translation.override("en"):
        assert str(refused.value).startswith("You do not manage this organisation")
    with translation.override("vi"):
        assert str(refused.value).startswith("Bạn không quản lý tổ chức này")
    with pytest.raises(ServiceError):
        access.require_viewer(stranger, target)


def test_a_plain_member_is_not_a_manager():
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    assert list(access.managed_organisations(member)) == []
    assert access.may_view(member, organisation) is False


def test_an_inactive_or_anonymous_person_gets_nothing():
    # given a manager whose account was switched off, and nobody logged in
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user
    manager.is_active = False
    manager.save(update_fields=["is_active"])
    for person in (manager, AnonymousUser(), None):
        assert list(access.managed_organisations(person)) == []
        assert list(access.viewable_organisations(person)) == []
        assert list(access.officer_provinces(person)) == []
        assert list(access.agent_communes(person)) == []


# --- admin ----------------------------------------------------------------------------------


def test_a_superuser_and_an_admin_role_holder_manage_all():
    first, second = OrganisationFactory(), OrganisationFactory()
    root = UserFactory(is_superuser=True)
    admin = UserFactory()
    grant(admin, Role.Kind.ADMIN)
    for person in (root, fresh(admin)):
        assert access.is_admin(person) is True
        assert set(access.managed_organisations(person)) == {first, second}
        assert set(access.viewable_organisations(person)) == {first, second}
        assert access.may_create_organisation(person, lam_dong_commune()) is True


def test_an_expired_admin_role_gives_nothing():
    # given an admin role that ended yesterday
    organisation = OrganisationFactory()
    admin = UserFactory()
    Role.objects.create(
        user=admin,
        kind=Role.Kind.ADMIN,
        since=today() - datetime.timedelta(days=30),
        until=today() - datetime.timedelta(days=1),
        granted_by_system="test",
    )
    # then she is an admin no more, with no job having run
    assert access.is_admin(admin) is False
    assert list(access.managed_organisations(admin)) == []
    assert access.manages(admin, organisation) is False


# --- officer --------------------------------------------------------------------------------


def test_an_officer_sees_the_organisations_of_her_provinces_and_changes_none():
    # given an officer of Thái Nguyên, a cooperative there and one in Lâm Đồng
    here = OrganisationFactory(commune=commune(NA_RI))
    OrganisationFactory(commune=lam_dong_commune())
    officer = UserFactory()
    grant(officer, Role.Kind.OFFICER, provinces=[Province.objects.get(code=THAI_NGUYEN)])
    officer = fresh(officer)
    # then she sees the one in her province only, and changes neither
    assert list(access.officer_provinces(officer)) == [Province.objects.get(code=THAI_NGUYEN)]
    assert list(access.viewable_organisations(officer)) == [here]
    assert access.can_view_private_files(officer, here) is True
    assert list(access.managed_organisations(officer)) == []
    assert access.may_create_organisation(officer, commune(NA_RI)) is True


def test_an_officer_of_another_province_gets_nothing():
    # given an officer of Lâm Đồng and a cooperative in Thái Nguyên
    target = OrganisationFactory(commune=commune(NA_RI))
    officer = UserFactory()
    grant(officer, Role.Kind.OFFICER, provinces=[Province.objects.get(code=LAM_DONG)])
    officer = fresh(officer)
    # then nothing of the target is hers to see or create in
    assert access.may_view(officer, target) is False
    assert access.can_view_private_files(officer, target) is False
    assert access.may_create_organisation(officer, commune(NA_RI)) is False
    with pytest.raises(ServiceError) as refused:
        access.require_creator(officer, commune(NA_RI))
    with translation.override("en"):
        assert str(refused.value) == (
            "Only programme officers of the province can add an organisation there."
        )
    with translation.override("vi"):
        assert str(refused.value) == (
            "Chỉ cán bộ chương trình của tỉnh mới thêm được tổ chức ở tỉnh đó."
        )


@pytest.mark.parametrize(
    ("since", "until"),
    [(-30, -1), (1, None)],
    ids=["expired yesterday", "starts tomorrow"],
)
def test_an_officer_role_outside_its_dates_gives_nothing(since, until):
    target = OrganisationFactory(commune=commune(NA_RI))
    officer = UserFactory()
    role = Role.objects.create(
        user=officer,
        kind=Role.Kind.OFFICER,
        since=today() + datetime.timedelta(days=since),
        until=None if until is None else today() + datetime.timedelta(days=until),
        granted_by_system="test",
    )
    role.provinces.add(THAI_NGUYEN)
    assert list(access.officer_provinces(officer)) == []
    assert access.may_view(officer, target) is False
    assert access.is_officer_for(officer, commune(NA_RI)) is False
    assert access.may_create_organisation(officer, commune(NA_RI)) is False


def test_a_withdrawn_officer_role_gives_nothing():
    target = OrganisationFactory(commune=commune(NA_RI))
    officer = UserFactory()
    grant(officer, Role.Kind.OFFICER, provinces=[Province.objects.get(code=THAI_NGUYEN)])
    assert access.may_view(officer, target) is True
    # when the role is taken away
    assert role_revoke(user=officer, kind=Role.Kind.OFFICER, by=SYSTEM_COMMAND) is True
    # then the same person object sees nothing any more (its cached roles are dropped)
    assert access.may_view(officer, target) is False
    assert access.is_officer_for(officer, commune(NA_RI)) is False


def test_the_rule_for_an_officers_provinces_is_the_same_everywhere():
    # given officers of each province, and a cooperative in each
    orgs = {
        code: OrganisationFactory(commune=c)
        for code, c in ((19, commune(NA_RI)), (68, lam_dong_commune()))
    }
    for code in orgs:
        officer = UserFactory()
        grant(officer, Role.Kind.OFFICER, provinces=[Province.objects.get(code=code)])
        officer = fresh(officer)
        for other_code, other in orgs.items():
            same = other_code == code
            # the list of organisations, the yes/no question and the place question agree
            assert (other in access.viewable_organisations(officer)) is same
            assert access.may_view(officer, other) is same
            assert access.is_officer_for(officer, other.commune) is same
            assert access.may_create_organisation(officer, other.commune) is same


# --- agent ----------------------------------------------------------------------------------


def test_an_agent_works_in_her_communes_and_the_communes_of_her_provinces():
    # given an agent for Na Rì and for all of Lâm Đồng
    agent = UserFactory()
    grant(
        agent,
        Role.Kind.FIELD_AGENT,
        communes=[commune(NA_RI)],
        provinces=[Province.objects.get(code=LAM_DONG)],
    )
    agent = fresh(agent)
    communes = access.agent_communes(agent)
    lam_dong = Commune.objects.filter(province_id=LAM_DONG)
    # then her communes are Na Rì and every Lâm Đồng commune, no other
    assert set(communes) == {commune(NA_RI), *lam_dong}
    assert access.is_agent_for(agent, commune(NA_RI)) is True
    assert access.is_agent_for(agent, lam_dong_commune()) is True
    another = Commune.objects.filter(province_id=THAI_NGUYEN).exclude(code=NA_RI).first()
    assert access.is_agent_for(agent, another) is False


def test_an_agent_of_other_communes_or_an_expired_agent_gets_nothing():
    other_agent = UserFactory()
    grant(other_agent, Role.Kind.FIELD_AGENT, communes=[lam_dong_commune()])
    expired = UserFactory()
    Role.objects.create(
        user=expired,
        kind=Role.Kind.FIELD_AGENT,
        since=today() - datetime.timedelta(days=10),
        until=today() - datetime.timedelta(days=1),
        granted_by_system="test",
    ).communes.add(NA_RI)
    assert access.is_agent_for(fresh(other_agent), commune(NA_RI)) is False
    assert list(access.agent_communes(expired)) == []
    assert access.is_agent_for(expired, commune(NA_RI)) is False
    # and an officer is not an agent
    officer = UserFactory()
    grant(officer, Role.Kind.OFFICER, provinces=[Province.objects.get(code=THAI_NGUYEN)])
    assert list(access.agent_communes(fresh(officer))) == []


# --- mentor ---------------------------------------------------------------------------------


def test_a_mentor_sees_nobody_until_mentorships_exist():
    # given a mentor and a woman she might mentor (no mentor app, no mentorship yet)
    mentor = UserFactory()
    grant(mentor, Role.Kind.MENTOR)
    woman = UserFactory()
    # then she has no mentees, and sees nobody's record through this rule
    assert list(access.mentees(fresh(mentor))) == []
    assert access.is_mentor_of(fresh(mentor), woman) is False


# --- who granted a role -------------------------------------------------------------------


def test_a_grant_by_an_admin_names_her():
    admin = UserFactory(is_superuser=True)
    person = UserFactory()
    role = role_grant(user=person, kind=Role.Kind.MENTOR, by=admin)
    role.refresh_from_db()
    assert (role.granted_by, role.granted_by_system) == (admin, "")


def test_a_grant_by_the_system_says_why():
    person = UserFactory()
    role = role_grant(user=person, kind=Role.Kind.MENTOR, by=SYSTEM_DEMO)
    role.refresh_from_db()
    assert (role.granted_by, role.granted_by_system) == (None, "demo")


def test_a_grant_must_name_who_grants_it():
    person = UserFactory()
    with pytest.raises(TypeError):
        role_grant(user=person, kind=Role.Kind.MENTOR, by=None)
    with pytest.raises(ValueError):
        SystemActor("")
    assert Role.objects.count() == 0


def test_a_grant_by_someone_who_is_not_an_admin_is_refused_and_changes_nothing():
    manager = ManagerFactory().user
    person = UserFactory()
    with pytest.raises(PermissionDenied) as refused:
        role_grant(user=person, kind=Role.Kind.OFFICER, by=manager)
    with translation.override("en"):
        assert str(refused.value) == "Only an administrator can give or take away roles."
    assert Role.objects.count() == 0


def test_the_database_refuses_a_role_that_names_no_grantor():
    with pytest.raises(IntegrityError):
        Role.objects.create(user=UserFactory(), kind=Role.Kind.MENTOR)


def test_a_grant_again_renews_an_expired_role():
    # given an officer role that ended yesterday
    officer = UserFactory()
    role = Role.objects.create(
        user=officer,
        kind=Role.Kind.OFFICER,
        since=today() - datetime.timedelta(days=30),
        until=today() - datetime.timedelta(days=1),
        granted_by_system="test",
    )
    admin = UserFactory(is_superuser=True)
    # when an admin grants it again
    role_grant(user=officer, kind=Role.Kind.OFFICER, by=admin)
    role.refresh_from_db()
    # then it counts from today, with no end, and names her
    assert (role.since, role.until, role.granted_by) == (today(), None, admin)
    assert access.user_has_role(fresh(officer), Role.Kind.OFFICER) is True


def test_organisation_services_refuse_an_officer_of_another_province():
    # the orgs service asks access: an officer of Lâm Đồng cannot create in Thái Nguyên
    from hoaban.orgs.services import organisation_create

    officer = UserFactory()
    grant(officer, Role.Kind.OFFICER, provinces=[Province.objects.get(code=LAM_DONG)])
    with pytest.raises(ServiceError):
        organisation_create(by=fresh(officer), name="HTX Mới", commune=commune(NA_RI))
    assert not Organisation.objects.filter(name="HTX Mới").exists()
