from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy

from hoaban.core.uploads import logo_field, scan_field

from .models import (
    Certificate,
    Improvement,
    Invitation,
    Membership,
    Organisation,
    OrganisationEvent,
)
from .services import organisation_search_text, organisation_search_text_refresh

_ = gettext_lazy


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "since", "show_name_publicly"]
    # Only the member sets her consent to being named (on her own page), not an admin.
    readonly_fields = ["show_name_publicly"]


class CertificateAdminForm(forms.ModelForm):
    # Judged by content (core.uploads): a PDF or a re-encoded picture, into private storage.
    scan = scan_field(required=False, label=_("scan"))

    class Meta:
        model = Certificate
        fields = "__all__"  # noqa: DJ007 (the admin picks which it shows)


class OrganisationAdminForm(forms.ModelForm):
    logo = logo_field(required=False, label=_("logo"))  # re-encoded to WebP (core.uploads)

    class Meta:
        model = Organisation
        fields = "__all__"  # noqa: DJ007 (the admin picks which it shows)


class CertificateInline(admin.TabularInline):
    model = Certificate
    form = CertificateAdminForm
    extra = 0
    fields = ["kind", "title", "number", "issued_on", "expires_on", "scan", "is_scan_public"]


class ImprovementInline(admin.TabularInline):
    model = Improvement
    extra = 0
    fields = ["date", "area", "description", "cost", "supporter"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "commune", "contact_phone", "is_active"]
    list_filter = ["kind", "is_active", "commune__province", "commune__former_province"]
    search_fields = ["name", "slug", "search_text", "contact_phone"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["commune"]
    list_select_related = ["commune__province"]
    inlines = [MembershipInline, CertificateInline, ImprovementInline]

    def save_model(self, request, obj, form, change):
        obj.search_text = organisation_search_text(obj)
        super().save_model(request, obj, form, change)
        organisation_search_text_refresh(obj)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "since", "show_name_publicly"]
    list_filter = ["role", "show_name_publicly", "organisation__commune__province"]
    search_fields = ["user__full_name", "user__phone", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]
    readonly_fields = ["show_name_publicly"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    form = CertificateAdminForm
    list_display = ["__str__", "organisation", "kind", "number", "issued_on", "expires_on"]
    list_filter = ["kind", "issued_on", "expires_on"]
    search_fields = ["title", "number", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    date_hierarchy = "issued_on"


@admin.register(Improvement)
class ImprovementAdmin(admin.ModelAdmin):
    list_display = ["organisation", "area", "date", "cost", "supporter"]
    list_filter = ["area", "date"]
    search_fields = ["description", "supporter", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    date_hierarchy = "date"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Event rows are written by services only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OrganisationEvent)
class OrganisationEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "organisation", "kind", "actor"]
    list_filter = ["kind", "at"]
    search_fields = ["organisation__name", "actor__full_name", "actor__phone"]
    list_select_related = ["organisation", "actor"]
    date_hierarchy = "at"


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    """Written by hoaban.orgs.invitations only; the code's hash is not shown."""

    list_display = ["organisation", "role", "status", "sent_at", "expires_at", "attempts"]
    list_filter = ["status", "role", "sent_at"]
    search_fields = ["organisation__name", "phone"]
    exclude = ["code_hash"]
    list_select_related = ["organisation"]
