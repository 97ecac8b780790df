"""Memberships made by joining (an invitation's code, a manager in person) or by the demo.

Each new membership writes its MEMBER_ADDED event. `invitations` decides who may join;
this module only makes the row, once, even when two joins race.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Membership, OrganisationEvent
from .services import _record


def membership_join(*, organisation, user, role, by, via, **details) -> tuple[Membership, bool]:
    """Make `user` a member (inside the caller's transaction); (membership, created).
    Someone already a member keeps her membership as it is."""
    existing = Membership.objects.filter(organisation=organisation, user=user).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                organisation=organisation, user=user, role=role, show_name_publicly=False
            )
    except IntegrityError:  # joined at the same moment through another invitation
        return Membership.objects.get(organisation=organisation, user=user), False
    _record(
        organisation,
        by,
        OrganisationEvent.Kind.MEMBER_ADDED,
        user=user.pk,
        name=user.full_name,
        role=role,
        via=via,
        **details,
    )
    return membership, True


def memberships_seed(*, rows: list[dict]) -> int:
    """Demo data only (never reached from a page): create memberships in bulk, each with its
    event row. `rows`: dicts of organisation, user, role, since, show_name_publicly (the demo's
    people agreed). Existing memberships are left alone. Returns how many were created."""
    wanted = {(row["organisation"].pk, row["user"].pk): row for row in rows}
    if not wanted:
        return 0
    with transaction.atomic():
        existing = set(
            # By organisation only: a few ids, however many people (SQLite's variable limit).
            Membership.objects.filter(
                organisation__in={row["organisation"].pk for row in rows}
            ).values_list("organisation_id", "user_id")
        )
        new = [row for key, row in wanted.items() if key not in existing]
        Membership.objects.bulk_create(
            [
                Membership(
                    organisation=row["organisation"],
                    user=row["user"],
                    role=row.get("role", Membership.Role.MEMBER),
                    since=row.get("since") or timezone.localdate(),
                    show_name_publicly=row.get("show_name_publicly", False),
                )
                for row in new
            ],
            batch_size=500,
        )
        OrganisationEvent.objects.bulk_create(
            [
                OrganisationEvent(
                    organisation=row["organisation"],
                    kind=OrganisationEvent.Kind.MEMBER_ADDED,
                    details={
                        "user": row["user"].pk,
                        "name": row["user"].full_name,
                        "role": row.get("role", Membership.Role.MEMBER),
                        "via": "demo",
                    },
                )
                for row in new
            ],
            batch_size=500,
        )
    return len(new)
