"""People: a user logs in with a phone number; roles; consent to personal-data processing."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoaban.places.models import Commune, Province

from .phone import normalize_phone


class EthnicGroup(models.Model):
    """One of Vietnam's 54 official ethnic groups (GSO codes)."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=50)

    class Meta:
        verbose_name = _("ethnic group")
        verbose_name_plural = _("ethnic groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


# Peoples whose names put the clan name last: Gia-rai, Ê-đê, Ra-glai, Chu-ru (GSO codes).
GIVEN_NAME_FIRST = frozenset({"10", "12", "21", "36"})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, phone: str, password: str | None, **extra):
        user = self.model(phone=normalize_phone(phone), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, phone: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(phone, password, **extra)

    def create_superuser(self, phone: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(phone, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNSPECIFIED = "", _("Prefer not to say")

    phone = models.CharField(
        _("phone number"), max_length=16, unique=True, help_text=_("Stored as +84…")
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    ethnicity = models.ForeignKey(
        EthnicGroup, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("ethnicity")
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("vi", "Tiếng Việt"), ("en", "English")],
        default="vi",
    )
    home_commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("home commune"),
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "phone"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="user_birth_year_plausible",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.phone

    @property
    def first_name(self) -> str:
        """The given name: last in Kinh, Tày, Dao… names (`Hoàng Thị Mai` → `Mai`), first in
        Ê-đê, Gia-rai, Ra-glai and Chu-ru names, where the clan name comes last
        (`H'Lia Niê` → `H'Lia`)."""
        words = self.full_name.split()
        if not words:
            return ""
        if self.ethnicity_id in GIVEN_NAME_FIRST and len(words) > 1:
            return " ".join(words[:-1])
        return words[-1]

    @property
    def family_name(self) -> str:
        """The family (clan) name: first in most names, last where the given name comes first
        (`Hoàng Thị Mai` → `Hoàng`, `H'Lia Niê` → `Niê`); empty for a one-word name."""
        words = self.full_name.split()
        if len(words) < 2:
            return ""
        return words[-1] if self.ethnicity_id in GIVEN_NAME_FIRST else words[0]

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name


class Role(models.Model):
    """A role a person holds beyond membership of an organisation (see orgs.Membership).

    Field agents work for given communes; programme officers for given provinces.
    """

    class Kind(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        FIELD_AGENT = "agent", _("Field agent")
        MENTOR = "mentor", _("Mentor")
        OFFICER = "officer", _("Programme officer")
        ADMIN = "admin", _("Administrator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=10, choices=Kind)
    communes = models.ManyToManyField(Commune, blank=True, verbose_name=_("communes"))
    provinces = models.ManyToManyField(Province, blank=True, verbose_name=_("provinces"))
    since = models.DateField(_("since"), default=timezone.localdate)
    # The last day the role counts (empty: until taken away); accounts.access ignores a role
    # outside since..until, so an expired role gives nothing without a job having to run.
    until = models.DateField(_("until"), null=True, blank=True)
    # Who granted it: an administrator, or (granted_by empty) the system, saying why
    # (accounts.services.SystemActor: "demo", "migration", "command"). Exactly one is set.
    granted_by = models.ForeignKey(
        "User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles_granted",
        verbose_name=_("granted by"),
    )
    granted_by_system = models.CharField(
        _("granted by the system, because"), max_length=30, blank=True
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="role_once_per_user"),
            models.CheckConstraint(
                condition=(models.Q(granted_by__isnull=False) & models.Q(granted_by_system=""))
                | (models.Q(granted_by__isnull=True) & ~models.Q(granted_by_system="")),
                name="role_granted_by_someone",
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="role_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"


class Consent(models.Model):
    """Consent to personal-data processing as given (Law 91/2025/QH15): the exact text shown."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    version = models.CharField(_("version"), max_length=20)
    text = models.TextField(_("text shown"))
    language = models.CharField(_("language"), max_length=5)
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-accepted_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"
