"""Who may see or change what (DESIGN.md: the one owner of such questions).

Organisations live in `orgs`, which builds on `accounts`: the questions here take the
organisation as an argument and ask it through its relations, never importing `orgs`.
"""

from .models import Role
from .services import user_has_role

MANAGER = "manager"  # orgs.Membership.Role.MANAGER


def is_admin(user) -> bool:
    """A superuser or an active holder of the "admin" role."""
    return user_has_role(user, Role.Kind.ADMIN)


def manages(user, organisation) -> bool:
    """Is `user` a manager of `organisation`?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return organisation.memberships.filter(user=user, role=MANAGER).exists()


def can_view_private_files(user, organisation) -> bool:
    """May `user` read the organisation's private files (certificate scans)?

    Its managers, programme officers of its province, and admins; nobody else, whatever
    they are elsewhere (a manager of another cooperative sees nothing here).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_admin(user) or manages(user, organisation):
        return True
    return user_has_role(user, Role.Kind.OFFICER, commune=organisation.commune)
