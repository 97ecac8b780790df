"""Who may see or change what: the one owner of such questions (DESIGN.md).

Everything else asks here: services before they write, views before they show, the API.

- **admin**: a superuser, or an active holder of the "admin" role: may see and change all.
- **manager**: a manager (orgs.Membership) of an organisation: changes it, its members,
  products, lots, certificates and orders. A manager of another cooperative gets nothing here.
- **officer**: a programme officer sees the organisations (and their private files) of the
  provinces on the role, and creates organisations there; an officer of another province
  gets nothing.
- **agent**: a field agent works in the communes on the role, and in every commune of a
  province on it.
- **mentor**: a mentor sees her mentees. There are no mentorships yet (the `mentor` app comes
  later), so `mentees` answers nobody for everyone until then.

A role counts only from its `since` day to its `until` day (inclusive) and while the person's
account is active: an expired or withdrawn role gives nothing, without any job having to run.

Organisations live in `orgs`, which builds on `accounts`: the questions here reach them by
name (`apps.get_model`) and through relations, never by importing `orgs`.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.core.errors import NotAllowed
from hoaban.places.models import Commune, Province

from .models import Role, User

MANAGER = "manager"  # orgs.Membership.Role.MANAGER

NOT_A_MANAGER = _(
    "You do not manage this organisation, so you cannot change it. "
    "Ask one of its managers to add you."
)
NOT_A_VIEWER = _("You cannot see this organisation's management pages. Ask one of its managers.")
NOT_AN_OFFICER = _("Only programme officers have provinces to follow here.")
NOT_A_CREATOR = _("Only programme officers of the province can add an organisation there.")


def _organisations() -> QuerySet:
    return apps.get_model("orgs", "Organisation").objects.all()


def _is_person(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


# --- roles --------------------------------------------------------------------------------


def active_roles_q(day=None, prefix: str = "") -> Q:
    """Roles that count on `day` (today): begun, not yet ended."""
    day = day or timezone.localdate()
    return Q(**{f"{prefix}since__lte": day}) & (
        Q(**{f"{prefix}until__isnull": True}) | Q(**{f"{prefix}until__gte": day})
    )


def active_roles(user) -> dict[str, Role]:
    """The person's roles that count today, by kind (one query, then cached on the user)."""
    if not _is_person(user):
        return {}
    cache = getattr(user, "_hoaban_roles", None)
    if cache is None:
        roles = Role.objects.filter(active_roles_q(), user=user).prefetch_related(
            "communes", "provinces"
        )
        cache = {role.kind: role for role in roles}
        user._hoaban_roles = cache
    return cache


def forget_roles(user) -> None:
    """Drop the cached roles (after a grant or a withdrawal)."""
    if hasattr(user, "_hoaban_roles"):
        del user._hoaban_roles


def user_has_role(
    user, kind: str, *, commune: Commune | None = None, province: Province | None = None
) -> bool:
    """Does this person hold the role today? Superusers hold "admin".

    With `commune` (or `province`), the role must also cover that place: the communes on it,
    or any commune of a province on it. A role with no places covers none.
    """
    if not _is_person(user):
        return False
    if kind == Role.Kind.ADMIN and user.is_superuser:
        return True
    role = active_roles(user).get(kind)
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


def is_admin(user) -> bool:
    """A superuser or an active holder of the "admin" role."""
    return user_has_role(user, Role.Kind.ADMIN)


# --- places: an officer's provinces, an agent's communes ------------------------------------


def officer_provinces(user) -> QuerySet[Province]:
    """The provinces this programme officer may see (none for anyone else)."""
    if not _is_person(user):
        return Province.objects.none()
    return Province.objects.filter(
        active_roles_q(prefix="role__"), role__user=user, role__kind=Role.Kind.OFFICER
    ).distinct()


def is_officer_for(user, commune: Commune) -> bool:
    """Is this person a programme officer of the commune's province?"""
    return user_has_role(user, Role.Kind.OFFICER, province=commune.province)


def agent_communes(user) -> QuerySet[Commune]:
    """The communes this field agent works in: those on the role and all communes of the
    provinces on it (none for anyone else)."""
    if not _is_person(user):
        return Commune.objects.none()
    role = active_roles(user).get(Role.Kind.FIELD_AGENT)
    if role is None:
        return Commune.objects.none()
    return Commune.objects.filter(Q(role=role) | Q(province__role=role)).distinct()


def is_agent_for(user, commune: Commune) -> bool:
    """Does this field agent work in the commune?"""
    return user_has_role(user, Role.Kind.FIELD_AGENT, commune=commune)


# --- a mentor's mentees ---------------------------------------------------------------------


def mentees(user) -> QuerySet[User]:
    """The people this mentor mentors. No mentorships exist yet (the `mentor` app comes
    later): nobody, for a mentor as for anyone, until they do."""
    return User.objects.none()


def is_mentor_of(user, person) -> bool:
    return mentees(user).filter(pk=getattr(person, "pk", None)).exists()


# --- organisations ----------------------------------------------------------------------


def _holds_admin_role(user) -> Exists:
    """In SQL: does the person hold an active "admin" role? (Keeps these questions at one
    query, with no separate look-up of her roles.)"""
    return Exists(Role.objects.filter(active_roles_q(), user=user, kind=Role.Kind.ADMIN))


def managed_organisations(user) -> QuerySet:
    """The organisations this person may change: all for an admin, else those she manages."""
    if not _is_person(user):
        return _organisations().none()
    if user.is_superuser:
        return _organisations()
    memberships = apps.get_model("orgs", "Membership").objects.filter(user=user, role=MANAGER)
    return _organisations().filter(
        Q(pk__in=memberships.values("organisation_id")) | _holds_admin_role(user)
    )


def viewable_organisations(user) -> QuerySet:
    """Managed organisations plus, for programme officers, those of their provinces."""
    if not _is_person(user):
        return _organisations().none()
    if user.is_superuser:
        return _organisations()
    memberships = apps.get_model("orgs", "Membership").objects.filter(user=user, role=MANAGER)
    return _organisations().filter(
        Q(pk__in=memberships.values("organisation_id"))
        | Q(commune__province__in=officer_provinces(user))
        | _holds_admin_role(user)
    )


def manages(user, organisation) -> bool:
    """May `user` change `organisation` (a manager of it, or an admin)?"""
    return managed_organisations(user).filter(pk=organisation.pk).exists()


def may_view(user, organisation) -> bool:
    """May `user` see `organisation`'s management pages (manager, officer of its province,
    admin)?"""
    return viewable_organisations(user).filter(pk=organisation.pk).exists()


def require_manager(user, organisation) -> None:
    """Raise NotAllowed unless `user` may change `organisation`."""
    if not manages(user, organisation):
        raise NotAllowed(NOT_A_MANAGER)


def require_viewer(user, organisation) -> None:
    """Raise NotAllowed unless `user` may see `organisation`'s management pages."""
    if not may_view(user, organisation):
        raise NotAllowed(NOT_A_VIEWER)


def may_create_organisation(user, commune: Commune) -> bool:
    """Admins anywhere; programme officers in their provinces."""
    return is_admin(user) or is_officer_for(user, commune)


def require_creator(user, commune: Commune) -> None:
    if not may_create_organisation(user, commune):
        raise NotAllowed(NOT_A_CREATOR)


def can_view_private_files(user, organisation) -> bool:
    """May `user` read the organisation's private files (certificate scans)?

    Its managers, programme officers of its province, and admins; nobody else, whatever
    they are elsewhere (a manager of another cooperative sees nothing here).
    """
    return may_view(user, organisation)


# --- people ---------------------------------------------------------------------------------


def may_manage_roles(user) -> bool:
    """Only administrators give or take away roles."""
    return is_admin(user)


def may_withdraw_consent_of(user, person) -> bool:
    """The person herself, an administrator, or a programme officer."""
    if not _is_person(user):
        return False
    return (
        user.pk == getattr(person, "pk", None)
        or is_admin(user)
        or user_has_role(user, Role.Kind.OFFICER)
    )
