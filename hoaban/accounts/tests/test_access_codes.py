"""A refusal from accounts.access carries the code and status every caller can branch on."""

import pytest

from hoaban.accounts import access
from hoaban.core.errors import NotAllowed
from hoaban.orgs.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_stranger_asking_to_manage_an_organisation_is_refused_as_not_allowed(django_user_model):
    stranger = django_user_model.objects.create_user(phone="+84912000111", password="x" * 12)

    with pytest.raises(NotAllowed) as refused:
        access.require_manager(stranger, OrganisationFactory())

    assert (refused.value.code, refused.value.status) == ("not_allowed", 403)
