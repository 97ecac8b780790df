"""Writes for organisations (see STYLE.md: one transaction per service, rules enforced here).

Who may do what is decided by accounts.access (managers change an organisation, programme
officers of its province look at it and create organisations there, admins do all).
"""

import datetime
import re

from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hoaban.accounts import access
from hoaban.accounts.phone import InvalidPhone, normalize_phone
from hoaban.core.bounds import COST_TOO_HIGH, MAX_COST_VND
from hoaban.core.errors import ServiceError
from hoaban.core.pagecache import catalog_changed
from hoaban.core.text import fold, fold_join
from hoaban.core.uploads import LOGO_SIZE, picture_from_upload, scan_from_upload
from hoaban.places.models import Commune

from .models import Certificate, Improvement, Membership, Organisation, OrganisationEvent
from .slugs import is_reserved_slug

User = get_user_model()

NOT_A_MANAGER = access.NOT_A_MANAGER
BAD_PHONE = _("This is not a Vietnamese phone number. Write it like 0912 345 678.")
_DIGITS = re.compile(r"^[0-9]+$")
BANK_FIELDS = ("bank_bin", "bank_account", "bank_holder")

# Fields a manager may change with organisation_update.
ORGANISATION_FIELDS = (
    "name",
    "kind",
    "story",
    "name_en",
    "story_en",
    "commune",
    "address",
    "contact_phone",
    "logo",
    "bank_bin",
    "bank_account",
    "bank_holder",
)


def organisation_search_text(organisation: Organisation) -> str:
    """Folded name and place names (commune, province, former province) for search."""
    commune = organisation.commune
    former = commune.former_province.name if commune.former_province_id else ""
    return fold_join(organisation.name, commune.name, commune.province.name, former)


def _record(organisation: Organisation, by, kind: str, **details) -> None:
    """One event row: who did what to the organisation, and when."""
    actor = by if getattr(by, "is_authenticated", False) else None
    OrganisationEvent.objects.create(
        organisation=organisation, actor=actor, kind=kind, details=details, at=timezone.now()
    )
    catalog_changed()  # cached public pages show the organisation (hoaban.core.pagecache)


def _json_value(value):
    """A field value as it can be stored in an event's details (JSON)."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, File):  # an uploaded or stored file: its name
        return value.name
    return value


# --- permissions (accounts.access decides; these names stay for the callers) -------------


def organisations_managed_by(user) -> QuerySet[Organisation]:
    """The organisations this person may change (accounts.access.managed_organisations)."""
    return access.managed_organisations(user)


def organisations_viewable_by(user) -> QuerySet[Organisation]:
    """Managed organisations plus, for programme officers, those of their provinces."""
    return access.viewable_organisations(user)


can_manage = access.manages
can_view = access.may_view
require_manager = access.require_manager
require_viewer = access.require_viewer


# --- validation -------------------------------------------------------------------------


def _clean_phone(raw: str, *, field: str) -> str:
    if not (raw or "").strip():
        return ""
    try:
        return normalize_phone(raw)
    except InvalidPhone:
        raise ServiceError(BAD_PHONE, field=field) from None


def _clean_organisation(values: dict) -> dict:
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            raise ServiceError(_("Please write the organisation's name."), field="name")
    if "kind" in values and values["kind"] not in Organisation.Kind.values:
        raise ServiceError(_("Choose a kind of organisation from the list."), field="kind")
    if "contact_phone" in values:
        values["contact_phone"] = _clean_phone(values["contact_phone"], field="contact_phone")
    if "bank_bin" in values:
        values["bank_bin"] = (values["bank_bin"] or "").strip()
        if values["bank_bin"] and not re.fullmatch(r"[0-9]{6}", values["bank_bin"]):
            raise ServiceError(
                _("The bank BIN has exactly 6 digits, e.g. 970405 for Agribank."),
                field="bank_bin",
            )
    if "bank_account" in values:
        account = re.sub(r"[\s.-]", "", values["bank_account"] or "")
        if account and not (_DIGITS.match(account) and 4 <= len(account) <= 19):
            raise ServiceError(
                _("The account number has only digits (4 to 19). Check it on your bank card."),
                field="bank_account",
            )
        values["bank_account"] = account
    if "bank_holder" in values:
        values["bank_holder"] = " ".join((values["bank_holder"] or "").split()).upper()
    return values


def _reencode_logo(values: dict) -> None:
    """A new logo file is decoded and re-encoded (UploadRefused: nothing saved)."""
    logo = values.get("logo")
    if isinstance(logo, File) and not isinstance(logo, FieldFile):
        values["logo"] = picture_from_upload(logo, field="logo", size=LOGO_SIZE)


def _unique_slug(name: str) -> str:
    """A free slug from the name, never a word the site's addresses use (orgs.slugs)."""
    base = slugify(fold(name))[:70] or "to-chuc"
    slug, n = base, 1
    while is_reserved_slug(slug) or Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _chosen_slug(slug: str) -> str:
    slug = (slug or "").strip().lower()
    if slugify(slug) != slug or len(slug) > 80:
        raise ServiceError(
            _("Write the web address with small letters without accents, digits and dashes."),
            field="slug",
        )
    if is_reserved_slug(slug):
        raise ServiceError(
            _("“%(slug)s” is a word the site uses for its own pages. Choose another.")
            % {"slug": slug},
            field="slug",
        )
    if Organisation.objects.filter(slug=slug).exists():
        raise ServiceError(_("Another organisation already has this web address."), field="slug")
    return slug


def organisation_search_text_refresh(organisation: Organisation) -> None:
    """The organisation's search text (a product search matches its seller's through it)."""
    organisation = Organisation.objects.select_related(
        "commune__province", "commune__former_province"
    ).get(pk=organisation.pk)
    Organisation.objects.filter(pk=organisation.pk).update(
        search_text=organisation_search_text(organisation)
    )


# --- organisations ----------------------------------------------------------------------


@transaction.atomic
def organisation_create(
    *,
    by,
    name: str,
    commune: Commune,
    kind: str = Organisation.Kind.COOPERATIVE,
    slug: str = "",
    **fields,
) -> Organisation:
    """Create an organisation (superuser or programme officer of the province). Its web
    address is `slug` when given (the admin, the demo), else a free one from the name."""
    access.require_creator(by, commune)
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    values = _clean_organisation({"name": name, "kind": kind, "commune": commune, **fields})
    slug = _chosen_slug(slug) if slug else _unique_slug(values["name"])
    _reencode_logo(values)
    organisation = Organisation(slug=slug, **values)
    organisation.search_text = organisation_search_text(organisation)
    organisation.save()
    _record(organisation, by, OrganisationEvent.Kind.CREATED, name=organisation.name)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by, **fields) -> Organisation:
    """Change some of ORGANISATION_FIELDS; keeps the organisation's and products' search text."""
    require_manager(by, organisation)
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    values = _clean_organisation(dict(fields))
    _reencode_logo(values)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = {
        field: [_json_value(getattr(organisation, field)), _json_value(value)]
        for field, value in values.items()
        if _json_value(getattr(organisation, field)) != _json_value(value)
    }
    for field, value in values.items():
        setattr(organisation, field, value)
    organisation.save(update_fields=list(values) or None)
    if {"name", "commune"} & set(changed):
        organisation_search_text_refresh(organisation)
    bank = {field: change for field, change in changed.items() if field in BANK_FIELDS}
    other = {field: change for field, change in changed.items() if field not in BANK_FIELDS}
    if bank:
        _record(organisation, by, OrganisationEvent.Kind.BANK_CHANGED, changes=bank)
    if other:
        for long_text in {"story", "story_en"} & set(other):  # note it changed, not the text
            other[long_text] = "changed"
        _record(organisation, by, OrganisationEvent.Kind.UPDATED, changes=other)
    organisation.refresh_from_db()
    return organisation


# --- members ----------------------------------------------------------------------------


# Members join by invitation only (hoaban.orgs.invitations): a manager never adds a person.


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """Remove a member; the last manager cannot be removed (someone must run the organisation)."""
    require_manager(by, membership.organisation)
    if membership.role == Membership.Role.MANAGER:
        managers = list(
            Membership.objects.select_for_update()
            .filter(organisation_id=membership.organisation_id, role=Membership.Role.MANAGER)
            .order_by("pk")
        )
        if len(managers) <= 1:
            raise ServiceError(
                _("This is the last manager. Add another manager before removing her.")
            )
    _record(
        membership.organisation,
        by,
        OrganisationEvent.Kind.MEMBER_REMOVED,
        user=membership.user_id,
        name=membership.user.full_name,
        role=membership.role,
    )
    membership.delete()


@transaction.atomic
def membership_show_name_set(*, membership: Membership, show: bool, by) -> Membership:
    """Record whether the member agrees to show her first name on public lot trace pages.

    Only the member herself decides (on "My cooperatives"): nobody else, not even a manager.
    """
    if getattr(by, "pk", None) is None or by.pk != membership.user_id:
        raise ServiceError(
            _("Only the member herself can choose whether her name shows on trace pages.")
        )
    Membership.objects.filter(pk=membership.pk).update(show_name_publicly=show)
    membership.show_name_publicly = show
    _record(
        membership.organisation,
        by,
        OrganisationEvent.Kind.NAME_SHOWN,
        user=membership.user_id,
        show=show,
    )
    return membership


# --- certificates and the improvement log -------------------------------------------------


@transaction.atomic
def certificate_add(
    *,
    organisation: Organisation,
    kind: str,
    issued_on: datetime.date,
    by,
    expires_on: datetime.date | None = None,
    number: str = "",
    title: str = "",
    scan=None,
    is_scan_public: bool = False,
) -> Certificate:
    require_manager(by, organisation)
    if kind not in Certificate.Kind.values:
        raise ServiceError(_("Choose a kind of certificate from the list."), field="kind")
    if issued_on > timezone.localdate():
        raise ServiceError(_("The issue date cannot be in the future."), field="issued_on")
    if expires_on is not None and expires_on < issued_on:
        raise ServiceError(_("The expiry date must be after the issue date."), field="expires_on")
    # A PDF kept as is or a picture re-encoded, under a random name (UploadRefused: nothing
    # saved); it goes to the private storage and is public only if the manager says so.
    stored_scan = scan_from_upload(scan, field="scan") if scan else ""
    certificate = Certificate.objects.create(
        organisation=organisation,
        kind=kind,
        issued_on=issued_on,
        expires_on=expires_on,
        number=(number or "").strip(),
        title=(title or "").strip(),
        scan=stored_scan,
        is_scan_public=bool(is_scan_public and stored_scan),
    )
    _record(
        organisation,
        by,
        OrganisationEvent.Kind.CERTIFICATE_ADDED,
        certificate=certificate.pk,
        certificate_kind=kind,
    )
    return certificate


@transaction.atomic
def certificate_scan_publish(*, certificate: Certificate, is_public: bool, by) -> Certificate:
    """Let anyone download the certificate's scan, or make it private again (managers only)."""
    require_manager(by, certificate.organisation)
    if is_public and not certificate.scan:
        raise ServiceError(_("This certificate has no scan to publish."))
    Certificate.objects.filter(pk=certificate.pk).update(is_scan_public=is_public)
    certificate.is_scan_public = is_public
    _record(
        certificate.organisation,
        by,
        OrganisationEvent.Kind.UPDATED,
        changes={"certificate": certificate.pk, "is_scan_public": is_public},
    )
    return certificate


@transaction.atomic
def improvement_add(
    *,
    organisation: Organisation,
    date: datetime.date,
    area: str,
    description: str,
    by,
    cost: int = 0,
    supporter: str = "",
) -> Improvement:
    require_manager(by, organisation)
    if area not in Improvement.Area.values:
        raise ServiceError(_("Choose an area from the list."), field="area")
    description = (description or "").strip()
    if not description:
        raise ServiceError(_("Please describe the improvement."), field="description")
    if cost is None or cost < 0:
        raise ServiceError(_("The cost cannot be negative."), field="cost")
    if cost > MAX_COST_VND:
        raise ServiceError(COST_TOO_HIGH, field="cost")
    improvement = Improvement.objects.create(
        organisation=organisation,
        date=date,
        area=area,
        description=description,
        cost=cost,
        supporter=(supporter or "").strip(),
    )
    _record(
        organisation,
        by,
        OrganisationEvent.Kind.IMPROVEMENT_ADDED,
        improvement=improvement.pk,
        area=area,
    )
    return improvement
