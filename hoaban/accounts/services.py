"""Writes about people (sign-up, profile, roles). Who may do what is in accounts.access."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.places.models import Commune, Province

from .access import forget_roles, may_manage_roles, may_withdraw_consent_of
from .models import Consent, Role, User
from .phone import InvalidPhone, normalize_phone

MSG_PHONE_INVALID = _(
    "The phone number is not right. Enter a Vietnamese number, for example 0912 345 678."
)
MSG_PHONE_TAKEN = _("This phone number already has an account. Log in, or use another number.")
MSG_CONSENT_MISSING = _(
    "Tick the box to agree to the use of your personal data. "
    "Without it we cannot create your account."
)
MSG_ROLE_FORBIDDEN = _("Only an administrator can give or take away roles.")
MSG_CONSENT_FORBIDDEN = _(
    "Only the person, an administrator or a programme officer can withdraw this consent."
)

PROFILE_FIELDS = (
    "email",
    "gender",
    "birth_year",
    "ethnicity",
    "preferred_language",
    "home_commune",
)


class AccountError(Exception):
    """A rule about accounts was broken; `message` is for the person (translated)."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def phone_or_error(raw: str) -> str:
    """Normalise a phone number or raise AccountError with the message people read."""
    try:
        return normalize_phone(raw)
    except InvalidPhone as exc:
        raise AccountError(MSG_PHONE_INVALID, field="phone") from exc


@transaction.atomic
def user_register(
    *,
    phone: str,
    password: str,
    full_name: str,
    consent_text: str,
    consent_version: str,
    language: str,
    **profile,
) -> User:
    """Create a person and the record of their consent, in one transaction.

    `consent_text` is the exact text shown, in `language`; `profile` takes the optional
    fields of User (e-mail, gender, birth_year, ethnicity, preferred_language, home_commune).
    Raises AccountError (malformed or taken phone, missing consent) and Django's
    ValidationError for a weak password.
    """
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    phone = phone_or_error(phone)
    if not consent_text.strip() or not consent_version:
        raise AccountError(MSG_CONSENT_MISSING, field="consent")
    if User.objects.filter(phone=phone).exists():
        raise AccountError(MSG_PHONE_TAKEN, field="phone")
    profile.setdefault("preferred_language", language)
    validate_password(password, User(phone=phone, full_name=full_name, **profile))
    try:
        with transaction.atomic():
            user = User.objects.create_user(phone, password, full_name=full_name.strip(), **profile)
    except IntegrityError as exc:  # two sign-ups with one number at the same moment
        raise AccountError(MSG_PHONE_TAKEN, field="phone") from exc
    Consent.objects.create(user=user, version=consent_version, text=consent_text, language=language)
    return user


@transaction.atomic
def user_profile_update(*, user: User, full_name: str, **profile) -> User:
    """Change one's own profile (not the phone or the password)."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    user.full_name = full_name.strip()
    for name, value in profile.items():
        setattr(user, name, value)
    user.save(update_fields=["full_name", *profile])
    return user


def user_data_export(user: User) -> dict:
    """Everything Hoa Ban's accounts app holds about a person (for "download my data")."""
    user = (
        User.objects.select_related("ethnicity", "home_commune__province")
        .prefetch_related("consents", "roles__communes", "roles__provinces")
        .get(pk=user.pk)
    )
    commune = user.home_commune
    return {
        "phone": user.phone,
        "full_name": user.full_name,
        "email": user.email,
        "gender": user.gender,
        "birth_year": user.birth_year,
        "ethnicity": user.ethnicity.name if user.ethnicity else None,
        "preferred_language": user.preferred_language,
        "home_commune": (
            {"code": commune.code, "name": commune.name, "province": commune.province.short_name}
            if commune
            else None
        ),
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "roles": [
            {
                "kind": role.kind,
                "since": role.since.isoformat(),
                "communes": [c.code for c in role.communes.all()],
                "provinces": [p.code for p in role.provinces.all()],
            }
            for role in user.roles.all()
        ],
        "consents": [
            {
                "version": consent.version,
                "language": consent.language,
                "accepted_at": consent.accepted_at.isoformat(),
                "withdrawn_at": (
                    consent.withdrawn_at.isoformat() if consent.withdrawn_at else None
                ),
                "text": consent.text,
            }
            for consent in user.consents.all()
        ],
    }


@transaction.atomic
def consent_withdraw(*, consent: Consent, by: User | None) -> Consent:
    """Record that a person withdrew a consent (they asked; `by` is them, an administrator or
    a programme officer; None = the system). Withdrawing twice keeps the first time."""
    if by is not None and not may_withdraw_consent_of(by, consent.user):
        raise PermissionDenied(MSG_CONSENT_FORBIDDEN)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
    return consent


# Roles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SystemActor:
    """The system granting a role, saying why: a data migration, the demo data, a command.

    A grant always names who granted it: an administrator (a User) or one of these.
    """

    reason: str

    def __post_init__(self):
        if not self.reason or len(self.reason) > 30:
            raise ValueError("A system actor needs a reason of 1 to 30 characters.")


SYSTEM_MIGRATION = SystemActor("migration")
SYSTEM_DEMO = SystemActor("demo")
SYSTEM_COMMAND = SystemActor("command")


def _grantor_fields(by) -> dict:
    """granted_by / granted_by_system for `by`, refusing anyone but an administrator."""
    if isinstance(by, SystemActor):
        return {"granted_by": None, "granted_by_system": by.reason}
    if isinstance(by, User) and may_manage_roles(by):
        return {"granted_by": by, "granted_by_system": ""}
    if by is None:
        raise TypeError("role_grant needs `by`: an administrator or a SystemActor.")
    raise PermissionDenied(MSG_ROLE_FORBIDDEN)


def role_granted_by_admin(*, role: Role, by: User) -> Role:
    """Stamp a role an administrator is saving in the admin with her name (not saved yet)."""
    for name, value in _grantor_fields(by).items():
        setattr(role, name, value)
    role.granted_at = timezone.now()
    return role


@transaction.atomic
def role_grant(
    *,
    user: User,
    kind: str,
    communes: Iterable[Commune] = (),
    provinces: Iterable[Province] = (),
    since=None,
    until=None,
    by: User | SystemActor,
) -> Role:
    """Give a role (or add places to it). `by` is the administrator granting it, or a
    SystemActor (demo data, migrations, management commands); the role records which.
    A role granted again is renewed: it counts from today (or its first day) to `until`."""
    grantor = _grantor_fields(by)
    if kind not in Role.Kind.values:
        raise ValueError(f"Unknown role kind: {kind!r}")
    today = timezone.localdate()
    role = Role.objects.select_for_update().filter(user=user, kind=kind).first()
    if role is None:
        role = Role.objects.create(
            user=user, kind=kind, since=since or today, until=until, **grantor
        )
    else:
        still_counts = role.until is None or role.until >= today
        role.since = since or (role.since if still_counts else today)
        role.until = until
        for name, value in grantor.items():
            setattr(role, name, value)
        role.granted_at = timezone.now()
        role.save()
    if communes:
        role.communes.add(*communes)
    if provinces:
        role.provinces.add(*provinces)
    forget_roles(user)
    return role


@transaction.atomic
def role_revoke(*, user: User, kind: str, by: User | SystemActor) -> bool:
    """Take a role away; True when there was one."""
    _grantor_fields(by)
    deleted, _details = Role.objects.filter(user=user, kind=kind).delete()
    forget_roles(user)
    return deleted > 0
