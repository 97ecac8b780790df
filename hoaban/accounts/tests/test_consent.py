import pytest
from django.core.exceptions import PermissionDenied

from hoaban.accounts.models import Role
from hoaban.accounts.services import SYSTEM_COMMAND, consent_withdraw, role_grant

from .factories import ConsentFactory, UserFactory


def test_a_person_withdraws_their_own_consent_once(db):
    consent = ConsentFactory()

    first = consent_withdraw(consent=consent, by=consent.user)
    again = consent_withdraw(consent=consent, by=consent.user)

    assert first.withdrawn_at is not None
    assert again.withdrawn_at == first.withdrawn_at


def test_an_officer_may_record_a_withdrawal(db):
    consent = ConsentFactory()
    officer = UserFactory()
    role_grant(user=officer, kind=Role.Kind.OFFICER, by=SYSTEM_COMMAND)

    assert consent_withdraw(consent=consent, by=officer).withdrawn_at is not None


def test_someone_else_may_not_withdraw_it(db):
    consent = ConsentFactory()

    with pytest.raises(PermissionDenied):
        consent_withdraw(consent=consent, by=UserFactory())

    consent.refresh_from_db()
    assert consent.withdrawn_at is None
