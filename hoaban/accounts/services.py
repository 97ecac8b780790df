"""Writes about people (sign-up, profile, roles) and the permission checks built on roles."""

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.places.models import Commune, Province

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
    if (
        by is not None
        and by.pk != consent.user_id
        and not (user_has_role(by, Role.Kind.ADMIN) or user_has_role(by, Role.Kind.OFFICER))
    ):
        raise PermissionDenied(MSG_CONSENT_FORBIDDEN)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
    return consent


# Roles ------------------------------------------------------------------------------------


def _role_cache(user: User) -> dict[str, Role]:
    """The person's roles by kind, loaded once per user object (one query)."""
    cache = getattr(user, "_hoaban_roles", None)
    if cache is None:
        roles = Role.objects.filter(user=user).prefetch_related("communes", "provinces")
        cache = {role.kind: role for role in roles}
        user._hoaban_roles = cache
    return cache


def user_has_role(
    user,
    kind: str,
    *,
    commune: Commune | None = None,
    province: Province | None = None,
) -> bool:
    """Does this person hold the role? Superusers hold "admin".

    With `commune` (or `province`), the role must also cover that place: a field agent's
    communes, or a programme officer's provinces (a province covers all its communes). A role
    with no places listed covers none when a place is asked about.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if kind == Role.Kind.ADMIN and user.is_superuser:
        return True
    role = _role_cache(user).get(kind)
    if role is None:
        return False
    if commune is None and province is None:
        return True
    province_codes = {p.code for p in role.provinces.all()}
    if commune is not None:
        return commune.code in {c.code for c in role.communes.all()} or (
            commune.province_id in province_codes
        )
    return province.code in province_codes


def _can_manage_roles(by: User | None) -> bool:
    return by is None or user_has_role(by, Role.Kind.ADMIN)


@transaction.atomic
def role_grant(
    *,
    user: User,
    kind: str,
    communes: Iterable[Commune] = (),
    provinces: Iterable[Province] = (),
    by: User | None,
) -> Role:
    """Give a role (or add places to it). `by` must be an administrator; None = the system
    itself (management commands, demo data)."""
    if not _can_manage_roles(by):
        raise PermissionDenied(MSG_ROLE_FORBIDDEN)
    if kind not in Role.Kind.values:
        raise ValueError(f"Unknown role kind: {kind!r}")
    role, _created = Role.objects.get_or_create(user=user, kind=kind)
    if communes:
        role.communes.add(*communes)
    if provinces:
        role.provinces.add(*provinces)
    if hasattr(user, "_hoaban_roles"):
        del user._hoaban_roles
    return role


@transaction.atomic
def role_revoke(*, user: User, kind: str, by: User | None) -> bool:
    """Take a role away; True when there was one."""
    if not _can_manage_roles(by):
        raise PermissionDenied(MSG_ROLE_FORBIDDEN)
    deleted, _details = Role.objects.filter(user=user, kind=kind).delete()
    if hasattr(user, "_hoaban_roles"):
        del user._hoaban_roles
    return deleted > 0
