import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from hoaban.accounts.access import user_has_role
from hoaban.accounts.models import Role
from hoaban.accounts.services import SYSTEM_COMMAND, role_grant, role_revoke
from hoaban.places.models import Commune, Province

from .factories import UserFactory

NA_RI = 2155


def test_role_grant_by_the_system_and_check(db):
    agent = UserFactory()
    na_ri = Commune.objects.get(code=NA_RI)

    role = role_grant(user=agent, kind=Role.Kind.FIELD_AGENT, communes=[na_ri], by=SYSTEM_COMMAND)

    assert role.kind == "agent"
    assert user_has_role(agent, Role.Kind.FIELD_AGENT)
    assert user_has_role(agent, Role.Kind.FIELD_AGENT, commune=na_ri)
    other = Commune.objects.exclude(code=NA_RI).filter(province_id=19).first()
    assert not user_has_role(agent, Role.Kind.FIELD_AGENT, commune=other)
    assert not user_has_role(agent, Role.Kind.MENTOR)


def test_officer_covers_the_communes_of_their_provinces(db):
    officer = UserFactory()
    thai_nguyen = Province.objects.get(code=19)

    role_grant(user=officer, kind=Role.Kind.OFFICER, provinces=[thai_nguyen], by=SYSTEM_COMMAND)

    assert user_has_role(officer, Role.Kind.OFFICER, commune=Commune.objects.get(code=NA_RI))
    assert user_has_role(officer, Role.Kind.OFFICER, province=thai_nguyen)
    assert not user_has_role(officer, Role.Kind.OFFICER, province=Province.objects.get(code=68))


def test_roles_are_read_once_per_user_object(db, django_assert_num_queries):
    user = UserFactory()
    role_grant(user=user, kind=Role.Kind.MENTOR, by=SYSTEM_COMMAND)

    with django_assert_num_queries(3):  # roles, their communes, their provinces
        assert user_has_role(user, Role.Kind.MENTOR)
        assert user_has_role(user, Role.Kind.MENTOR)
        assert not user_has_role(user, Role.Kind.BUYER)


def test_superuser_is_admin_and_anonymous_has_no_role(db):
    root = UserFactory(is_superuser=True, is_staff=True)

    assert user_has_role(root, Role.Kind.ADMIN)
    assert not user_has_role(AnonymousUser(), Role.Kind.BUYER)
    assert not user_has_role(None, Role.Kind.BUYER)


def test_only_an_admin_may_grant_roles(db):
    someone = UserFactory()
    target = UserFactory()

    with pytest.raises(PermissionDenied):
        role_grant(user=target, kind=Role.Kind.MENTOR, by=someone)

    assert Role.objects.count() == 0
    admin = UserFactory()
    role_grant(user=admin, kind=Role.Kind.ADMIN, by=SYSTEM_COMMAND)
    role_grant(user=target, kind=Role.Kind.MENTOR, by=admin)
    assert user_has_role(target, Role.Kind.MENTOR)


def test_granting_twice_keeps_one_role_and_adds_places(db):
    agent = UserFactory()
    first, second = Commune.objects.filter(province_id=19).order_by("code")[:2]

    role_grant(user=agent, kind=Role.Kind.FIELD_AGENT, communes=[first], by=SYSTEM_COMMAND)
    role = role_grant(user=agent, kind=Role.Kind.FIELD_AGENT, communes=[second], by=SYSTEM_COMMAND)

    assert Role.objects.filter(user=agent).count() == 1
    assert set(role.communes.values_list("code", flat=True)) == {first.code, second.code}


def test_role_revoke(db):
    user = UserFactory()
    role_grant(user=user, kind=Role.Kind.BUYER, by=SYSTEM_COMMAND)
    assert user_has_role(user, Role.Kind.BUYER)

    assert role_revoke(user=user, kind=Role.Kind.BUYER, by=SYSTEM_COMMAND) is True

    assert not user_has_role(user, Role.Kind.BUYER)
    assert role_revoke(user=user, kind=Role.Kind.BUYER, by=SYSTEM_COMMAND) is False
