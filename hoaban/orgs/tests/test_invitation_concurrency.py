"""Real threads against PostgreSQL: the hourly invitation limit holds under a burst, and one
code accepted twice at once makes one membership."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from hoaban.orgs import invitations
from hoaban.orgs.models import Invitation, Membership
from hoaban.orgs.tests.factories import ManagerFactory, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="real-thread races need PostgreSQL row locks; SQLite serialises every writer",
    ),
]


def in_threads(calls, workers=16):
    def run(call):
        try:
            return ("ok", call())
        except Exception as error:  # noqa: BLE001  (counted and asserted by the test)
            return ("error", error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, calls))


def test_a_burst_of_invitations_stops_at_the_hourly_limit(reference_data, settings):
    settings.INVITATIONS_PER_ORGANISATION_PER_HOUR = 5
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user
    calls = [
        (
            lambda n=n: invitations.invitation_send(
                organisation=organisation, phone=f"+849712345{n:02d}", by=manager
            )
        )
        for n in range(40)
    ]

    outcomes = in_threads(calls)

    kinds = Counter(kind if kind == "ok" else type(value).__name__ for kind, value in outcomes)
    assert kinds == Counter({"ok": 5, "InvitationThrottled": 35}), kinds
    assert Invitation.objects.filter(organisation=organisation).count() == 5


def test_the_same_code_entered_twice_at_once_makes_one_membership(reference_data, monkeypatch):
    monkeypatch.setattr(invitations, "_new_code", lambda: "246810")
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation).user
    person = UserFactory(phone="+84971234567")
    invitations.invitation_send(organisation=organisation, phone=person.phone, by=manager)

    outcomes = in_threads([lambda: invitations.invitation_accept(user=person, code="246810")] * 8)

    created = [value[1] for kind, value in outcomes if kind == "ok"]
    errors = [type(value).__name__ for kind, value in outcomes if kind == "error"]
    assert created.count(True) == 1
    assert len(created) + len(errors) == 8
    assert set(errors) <= {"ServiceError"}
    assert Membership.objects.filter(organisation=organisation, user=person).count() == 1
