from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import Consent, EthnicGroup, Role, User
from .phone import InvalidPhone, normalize_phone
from .services import MSG_PHONE_INVALID, consent_withdraw, role_granted_by_admin

# Who granted a role is set from the administrator saving it, never typed in.
ROLE_GRANT_FIELDS = ["granted_by", "granted_by_system", "granted_at"]


def _clean_phone(value: str) -> str:
    try:
        return normalize_phone(value)
    except InvalidPhone as exc:
        raise forms.ValidationError(MSG_PHONE_INVALID, code="invalid_phone") from exc


class PhoneAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login takes the phone number in any common form, like the site's
    (`0912 345 678`, `+84912345678`, `84912345678`); axes counts failures by the E.164 number
    (settings.AXES_USERNAME_CALLABLE), so the lock-out is the same whatever the form."""

    def clean_username(self) -> str:
        raw = self.cleaned_data["username"]
        try:
            return normalize_phone(raw)
        except InvalidPhone:
            return raw  # not a phone: the usual "wrong phone or password" answer


admin.site.login_form = PhoneAdminAuthenticationForm


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["phone", "full_name"]

    def clean_phone(self) -> str:
        phone = _clean_phone(self.cleaned_data["phone"])
        if User.objects.filter(phone=phone).exists():
            raise forms.ValidationError(_("This phone number already has an account."))
        return phone


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data["phone"])


class RoleInline(admin.StackedInline):
    model = Role
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["communes", "provinces"]
    fields = ["kind", "communes", "provinces", "since", "until", *ROLE_GRANT_FIELDS]
    readonly_fields = ROLE_GRANT_FIELDS


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ["version", "language", "accepted_at", "withdrawn_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["-date_joined"]
    list_display = ["phone", "full_name", "gender", "ethnicity", "home_commune", "is_staff"]
    list_select_related = ["ethnicity", "home_commune__province"]
    search_fields = ["phone", "full_name", "email"]
    list_filter = ["gender", "ethnicity", "roles__kind", "preferred_language", "is_staff"]
    autocomplete_fields = ["home_commune"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [RoleInline, ConsentInline]

    def get_inlines(self, request, obj=None):
        return self.inlines if obj is not None else []

    def save_formset(self, request, form, formset, change):
        if formset.model is Role:
            for role_form in formset.forms:
                role = role_form.instance
                if role.pk is None and role_form.has_changed():
                    role_granted_by_admin(role=role, by=request.user)
        super().save_formset(request, form, formset, change)

    fieldsets = [
        (None, {"fields": ["phone", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "full_name",
                    "email",
                    "gender",
                    "birth_year",
                    "ethnicity",
                    "preferred_language",
                    "home_commune",
                ]
            },
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["phone", "full_name", "usable_password", "password1", "password2"],
            },
        )
    ]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "since", "until", "granted_by", "granted_by_system"]
    list_select_related = ["user", "granted_by"]
    list_filter = ["kind"]
    search_fields = ["user__phone", "user__full_name"]
    autocomplete_fields = ["user", "communes", "provinces"]
    readonly_fields = ROLE_GRANT_FIELDS

    def save_model(self, request, obj, form, change):
        if not change:
            role_granted_by_admin(role=obj, by=request.user)
        super().save_model(request, obj, form, change)


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Consents are evidence: they are read, never edited here."""

    list_display = ["user", "version", "language", "accepted_at", "withdrawn_at"]
    list_select_related = ["user"]
    list_filter = ["version", "language"]
    search_fields = ["user__phone", "user__full_name"]
    date_hierarchy = "accepted_at"
    actions = ["withdraw"]

    @admin.action(description=_("Record that the person withdrew these consents"))
    def withdraw(self, request, queryset):
        for consent in queryset:
            consent_withdraw(consent=consent, by=request.user)
        self.message_user(request, _("The consents are marked as withdrawn."))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Only when a person's data is deleted at their request (deleting the user).
        return request.user.is_superuser


@admin.register(EthnicGroup)
class EthnicGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]
