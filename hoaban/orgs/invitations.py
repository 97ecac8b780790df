"""Joining an organisation by invitation (services: every write here).

A manager never adds a person by herself and never learns anything about an account:
- `invitation_send`: she gives a phone and a role; whatever the phone (an account, a member
  already, nobody), the same thing happens: a pending invitation with a fresh 6-digit code, sent
  by SMS or Zalo. Re-inviting the same phone replaces the code. At most
  INVITATIONS_PER_ORGANISATION_PER_HOUR per organisation (refused, 429), and at most
  INVITATION_MESSAGES_PER_PHONE_PER_HOUR messages to one phone from all organisations (past
  that, nothing is sent, and the manager is not told: the answer stays the same).
- `invitation_accept`: the person, logged in with that phone (she signs up first if she has no
  account), enters the code. INVITATION_MAX_ATTEMPTS wrong codes close the invitation for good;
  the managers are not told (they would learn that an account exists).
- `invitation_confirm_in_person`: the person is with the manager and types her own password on
  the manager's phone. Failures count towards the login lock-out (django-axes), and the manager
  reads the same message for a wrong password and for an unknown phone.
Only then is the membership created, with an event row. Only the member sets whether her name
shows on trace pages (`membership_show_name_set`); a new membership starts hidden.
"""

import datetime
import re
import secrets
from functools import partial

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hoaban.accounts.access import require_manager
from hoaban.accounts.phone import display_phone
from hoaban.core.errors import ServiceError
from hoaban.core.messaging import CHANNELS

from .memberships import membership_join
from .models import Invitation, Membership, Organisation, OrganisationEvent
from .services import BAD_PHONE, _clean_phone, _record

User = get_user_model()

CODE_DIGITS = 6
_CODE = re.compile(r"^[0-9]{6}$")
_HASH_SALT = "hoaban.orgs.invitation"

BAD_CODE = _("The code has 6 digits, as in the message you received. Please type it again.")
WRONG_CODE = _(
    "This code is not right, or it has expired. Check the message, or ask the cooperative to "
    "send you a new invitation."
)
NOT_CONFIRMED = _(
    "We could not confirm. Check the phone number and her password, and try again. "
    "If she has no account yet, send her an invitation instead."
)
THROTTLED = _(
    "Your organisation sent many invitations in the last hour. Please wait an hour, then try again."
)


class InvitationThrottled(ServiceError):
    """Too many invitations from one organisation in the last hour (HTTP 429)."""

    code = "throttled"
    status = 429


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(hours=getattr(settings, "INVITATION_LIFETIME_HOURS", 48))


def max_attempts() -> int:
    return getattr(settings, "INVITATION_MAX_ATTEMPTS", 5)


def per_hour() -> int:
    return getattr(settings, "INVITATIONS_PER_ORGANISATION_PER_HOUR", 20)


def per_phone_per_hour() -> int:
    return getattr(settings, "INVITATION_MESSAGES_PER_PHONE_PER_HOUR", 3)


def _phone_key(e164: str) -> str:
    """A keyed digest of the phone, to count messages to it without storing it in events."""
    return salted_hmac(_HASH_SALT + ".phone", e164, algorithm="sha256").hexdigest()[:32]


def mask_phone(e164: str) -> str:
    """`+84912345678` → `09•• ••• 678`: enough for a manager to tell her invitations apart."""
    shown = display_phone(e164)
    digits = [i for i, ch in enumerate(shown) if ch.isdigit()]
    hidden = set(digits[2:-3])
    return "".join("•" if i in hidden else ch for i, ch in enumerate(shown))


def _new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def _code_hash(organisation_id: int, phone: str, code: str) -> str:
    """A keyed hash (SECRET_KEY): a copy of the table does not give the codes away."""
    value = f"{organisation_id}:{phone}:{code}"
    return salted_hmac(_HASH_SALT, value, algorithm="sha256").hexdigest()


def _clean_role(role: str) -> str:
    if role not in Membership.Role.values:
        raise ServiceError(_("Choose a role from the list."), field="role")
    return role


def _required_phone(raw: str) -> str:
    e164 = _clean_phone(raw, field="phone")
    if not e164:
        raise ServiceError(BAD_PHONE, field="phone")
    return e164


def pending_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations still waiting (not accepted, withdrawn or expired), newest first.

    Wrong codes tried are not considered: an invitation closed by them stays listed until it
    expires, so the list never tells the manager that someone with an account tried.
    """
    return Invitation.objects.filter(
        organisation=organisation,
        status=Invitation.Status.PENDING,
        expires_at__gt=timezone.now(),
    ).order_by("-sent_at", "-pk")


def _invitation_text(organisation: Organisation, role: str, code: str, join_url: str) -> str:
    values = {
        "organisation": organisation.name,
        "role": Membership.Role(role).label,
        "code": code,
        "hours": int(lifetime().total_seconds() // 3600),
        "url": join_url,
    }
    return (
        gettext(
            "Hoa Ban: %(organisation)s invites you to join as %(role)s. Your code: %(code)s "
            "(valid %(hours)s hours). Log in or sign up with this phone number, open %(url)s "
            "and enter the code. Do not give this code to anyone."
        )
        % values
    )


@transaction.atomic
def invitation_send(
    *,
    organisation: Organisation,
    phone: str,
    by,
    role: str = Membership.Role.MEMBER,
    channel: str = "sms",
    join_url: str = "",
) -> Invitation:
    """Invite a phone number to join; the same whatever account holds (or not) the number."""
    require_manager(by, organisation)
    e164 = _required_phone(phone)
    role = _clean_role(role)
    if channel not in CHANNELS or channel == "email":
        raise ServiceError(_("Choose SMS or Zalo."), field="channel")
    # Lock the organisation: two managers inviting at once count against the same hour.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    now = timezone.now()
    recent = OrganisationEvent.objects.filter(
        organisation=organisation,
        kind=OrganisationEvent.Kind.INVITED,
        at__gt=now - datetime.timedelta(hours=1),
    ).count()
    if recent >= per_hour():
        raise InvitationThrottled(THROTTLED)
    # One phone receives at most INVITATION_MESSAGES_PER_PHONE_PER_HOUR codes, from all
    # organisations together (no flooding a person's phone). Past that, the manager reads the
    # same answer, but no message goes and a waiting code is kept as it is.
    phone_key = _phone_key(e164)
    quiet = (
        OrganisationEvent.objects.filter(
            kind=OrganisationEvent.Kind.INVITED,
            at__gt=now - datetime.timedelta(hours=1),
            details__phone_key=phone_key,
            details__sent=True,
        ).count()
        >= per_phone_per_hour()
    )
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organisation=organisation, phone=e164, status=Invitation.Status.PENDING)
        .first()
    )
    code = _new_code()
    values = {
        "role": role,
        "code_hash": _code_hash(organisation.pk, e164, code),
        "attempts": 0,
        "invited_by": by if getattr(by, "is_authenticated", False) else None,
        "sent_at": now,
        "expires_at": now + lifetime(),
    }
    if invitation is None:
        invitation = Invitation.objects.create(organisation=organisation, phone=e164, **values)
    elif not quiet:  # re-inviting: a new code replaces the old one, wrong codes start again
        for field, value in values.items():
            setattr(invitation, field, value)
        invitation.save(update_fields=list(values))
    _record(
        organisation,
        by,
        OrganisationEvent.Kind.INVITED,
        invitation=invitation.pk,
        phone=mask_phone(e164),
        phone_key=phone_key,
        role=role,
        channel=channel,
        sent=not quiet,
    )
    if quiet:
        return invitation
    # The text is in the person's language when she has an account, else Vietnamese. Nothing
    # of this reaches the manager: she sees the same page whatever the phone.
    language = User.objects.filter(phone=e164).values_list("preferred_language", flat=True).first()
    if language not in dict(settings.LANGUAGES):
        language = "vi"
    with translation.override(language):
        text = _invitation_text(organisation, role, code, join_url)
    transaction.on_commit(partial(_send, channel, e164, text), robust=True)
    return invitation


def _send(channel: str, to: str, text: str) -> None:
    from hoaban.core.tasks import message_send

    message_send.delay(channel, to, text)


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by) -> Invitation:
    require_manager(by, invitation.organisation)
    changed = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.WITHDRAWN, closed_at=timezone.now()
    )
    if changed:
        _record(
            invitation.organisation,
            by,
            OrganisationEvent.Kind.INVITATION_WITHDRAWN,
            invitation=invitation.pk,
            phone=mask_phone(invitation.phone),
        )
    invitation.refresh_from_db()
    return invitation


def _join(*, invitation: Invitation, user, by, via: str) -> tuple[Membership, bool]:
    """Close the invitation and create the membership (inside the caller's transaction)."""
    Invitation.objects.filter(pk=invitation.pk).update(
        status=Invitation.Status.ACCEPTED, closed_at=timezone.now()
    )
    return membership_join(
        organisation=invitation.organisation,
        user=user,
        role=invitation.role,
        by=by,
        via=via,
        invited_by=invitation.invited_by_id,
    )


def invitation_accept(*, user, code: str) -> tuple[Membership, bool]:
    """The person, logged in, enters the code she received: she joins (created=True), or she
    was a member already (False). A wrong code counts against every invitation waiting for her
    phone; INVITATION_MAX_ATTEMPTS of them close it."""
    code = re.sub(r"[\s.-]", "", code or "")
    if not _CODE.match(code):
        raise ServiceError(BAD_CODE, field="code")
    with transaction.atomic():
        waiting = list(
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .filter(
                phone=user.phone,
                status=Invitation.Status.PENDING,
                expires_at__gt=timezone.now(),
                attempts__lt=max_attempts(),
            )
            .order_by("pk")
        )
        for invitation in waiting:
            expected = _code_hash(invitation.organisation_id, invitation.phone, code)
            if constant_time_compare(invitation.code_hash, expected):
                return _join(invitation=invitation, user=user, by=user, via="code")
        Invitation.objects.filter(pk__in=[i.pk for i in waiting]).update(attempts=F("attempts") + 1)
    # Raised after the commit: the wrong try must stay counted.
    raise ServiceError(WRONG_CODE, field="code")


def invitation_confirm_in_person(
    *,
    organisation: Organisation,
    phone: str,
    password: str,
    by,
    request: HttpRequest,
    role: str = Membership.Role.MEMBER,
) -> tuple[Membership, bool]:
    """The person is present and types her own password on the manager's phone.

    `request` is the manager's: django-axes counts a failure against the phone and the address
    exactly as for a login (and locks them alike). Not atomic as a whole: a failed try must
    stay recorded.
    """
    require_manager(by, organisation)
    e164 = _required_phone(phone)
    role = _clean_role(role)
    person = authenticate(request, username=e164, password=password or "")
    if person is None:
        raise ServiceError(NOT_CONFIRMED, field="password")
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(organisation=organisation, phone=e164, status=Invitation.Status.PENDING)
            .first()
        )
        if invitation is not None:
            invitation.role = role
            return _join(invitation=invitation, user=person, by=by, via="in_person")
        return membership_join(
            organisation=organisation, user=person, role=role, by=by, via="in_person"
        )
