"""Cooperatives and everyone else: members, certificates, the improvement log."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.core.bounds import COST_TOO_HIGH, MAX_COST_VND
from hoaban.core.models import ChangeEvent
from hoaban.core.uploads import private_storage
from hoaban.places.models import Commune

from .slugs import validate_organisation_slug


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COOPERATIVE = "coop", _("Cooperative")
        COOPERATIVE_GROUP = "coop_group", _("Cooperative group")
        WOMENS_GROUP = "womens_group", _("Women's group")
        HOUSEHOLD = "household", _("Household business")
        BUYER = "buyer", _("Buying business")
        AGENCY = "agency", _("Agency or support organisation")

    SELLING_KINDS = (Kind.COOPERATIVE, Kind.COOPERATIVE_GROUP, Kind.WOMENS_GROUP, Kind.HOUSEHOLD)

    slug = models.SlugField(
        _("web address"), max_length=80, unique=True, validators=[validate_organisation_slug]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COOPERATIVE)
    name = models.CharField(_("name"), max_length=200)
    story = models.TextField(_("our story"), blank=True)
    # English versions, shown in English mode (empty: the Vietnamese, marked as such).
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    story_en = models.TextField(_("our story in English"), blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("commune")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/%Y/", blank=True)
    bank_bin = models.CharField(
        _("bank BIN"), max_length=6, blank=True, help_text=_("6 digits, e.g. 970405 for Agribank")
    )
    bank_account = models.CharField(_("account number"), max_length=19, blank=True)
    bank_holder = models.CharField(_("account holder"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Folded name and place names (new and former), for accent-insensitive search.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bank_bin="") | models.Q(bank_bin__regex=r"^[0-9]{6}$"),
                name="organisation_bank_bin_six_digits",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def can_receive_transfers(self) -> bool:
        return bool(self.bank_bin and self.bank_account and self.bank_holder)


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member (producer)")
        MANAGER = "manager", _("Manager")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    since = models.DateField(_("since"), default=timezone.localdate)
    # Whether the member agreed to show her first name on public lot trace pages.
    show_name_publicly = models.BooleanField(_("show first name on trace pages"), default=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"


class Invitation(models.Model):
    """An invitation to join an organisation, sent to a phone number with a one-time code.

    Only the code's keyed hash is stored. The membership is created when the person enters the
    code while logged in with that phone (or confirms in person with her password). While it is
    pending, the managers see only the masked phone: nothing tells them whether an account
    exists, not even the number of wrong codes tried.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    phone = models.CharField(_("phone number"), max_length=16)
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role, default=Membership.Role.MEMBER
    )
    code_hash = models.CharField(max_length=64, editable=False)
    attempts = models.PositiveSmallIntegerField(_("wrong codes tried"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    closed_at = models.DateTimeField(_("accepted or withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "phone"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_phone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.phone[:-3]}•••"


class Certificate(models.Model):
    class Kind(models.TextChoices):
        OCOP_3 = "ocop3", _("OCOP 3★")
        OCOP_4 = "ocop4", _("OCOP 4★")
        OCOP_5 = "ocop5", _("OCOP 5★")
        VIETGAP = "vietgap", _("VietGAP")
        ORGANIC = "organic", _("Organic")
        OTHER = "other", _("Other")

    OCOP_STARS = {Kind.OCOP_3: 3, Kind.OCOP_4: 4, Kind.OCOP_5: 5}

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    title = models.CharField(_("title"), max_length=200, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    # A PDF or a re-encoded picture (core.uploads), under a random name, in the private
    # storage: served only by orgs.views.certificate_scan, to whom accounts.access allows, or
    # to everyone (as a download) once the manager publishes it.
    scan = models.FileField(
        _("scan"), upload_to="certificates/%Y/", blank=True, storage=private_storage
    )
    is_scan_public = models.BooleanField(_("anyone may download the scan"), default=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("issued_on")),
                name="certificate_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def ocop_stars(self) -> int:
        return self.OCOP_STARS.get(self.kind, 0)

    def is_valid_on(self, day) -> bool:
        return self.issued_on <= day and (self.expires_on is None or day <= self.expires_on)


class Improvement(models.Model):
    """A recorded improvement: the impact indicators are computed from these rows."""

    class Area(models.TextChoices):
        PRODUCTION_TECHNOLOGY = "technology", _("Production technology")
        PROCESSING = "processing", _("Processing")
        PACKAGING = "packaging", _("Packaging")
        LOGISTICS = "logistics", _("Logistics")
        MARKETING = "marketing", _("Marketing and digital")
        QUALITY = "quality", _("Quality")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="improvements"
    )
    date = models.DateField(_("date"))
    area = models.CharField(_("area"), max_length=20, choices=Area)
    description = models.TextField(_("description"))
    cost = models.PositiveBigIntegerField(
        _("cost (đồng)"), default=0, validators=[MaxValueValidator(MAX_COST_VND, COST_TOO_HIGH)]
    )
    supporter = models.CharField(_("supported by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost__lte=MAX_COST_VND),
                name="improvement_cost_bounded",
                violation_error_message=COST_TOO_HIGH,
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_area_display()} · {self.date}"


class OrganisationEvent(ChangeEvent):
    """Who changed what and when (a bank account above all: money goes there)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Details changed")
        BANK_CHANGED = "bank", _("Bank account changed")
        MEMBER_ADDED = "member_added", _("Member added")
        INVITED = "invited", _("Invitation sent")
        INVITATION_WITHDRAWN = "invite_withdrawn", _("Invitation withdrawn")
        MEMBER_REMOVED = "member_removed", _("Member removed")
        NAME_SHOWN = "name_shown", _("Name shown or hidden on trace pages")
        CERTIFICATE_ADDED = "certificate", _("Certificate added")
        IMPROVEMENT_ADDED = "improvement", _("Improvement recorded")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=20, choices=Kind)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta(ChangeEvent.Meta):
        verbose_name = _("organisation event")
        verbose_name_plural = _("organisation events")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"
