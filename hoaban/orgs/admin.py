import datetime

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy

from hoaban.core.errors import ServiceError
from hoaban.core.pagecache import CatalogChangeAdmin
from hoaban.core.uploads import logo_field, scan_field

from .models import (
    Certificate,
    Improvement,
    Invitation,
    Membership,
    Organisation,
    OrganisationEvent,
)
from .services import (
    ORGANISATION_FIELDS,
    _clean_organisation,
    _json_value,
    _record,
    certificate_add,
    membership_remove,
    organisation_create,
    organisation_update,
)

_ = gettext_lazy


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "since", "show_name_publicly"]
    # Only the member sets her consent to being named (on her own page), not an admin.
    readonly_fields = ["show_name_publicly"]


def _as_json(value):
    value = _json_value(value)
    return value.isoformat() if isinstance(value, datetime.date) else value


def refuse_as_the_service_would(form: forms.Form, check, fields) -> None:
    """Run a service's own checks on the admin form, so what the service would refuse is a
    message on the form (not a server error) and what it normalises is saved normalised."""
    values = {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
    try:
        form.cleaned_data.update(check(values) or {})
    except ServiceError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error.message))


def adopt(instance, created) -> None:
    """Make the admin's unsaved `instance` the row a service created, so the admin's own
    steps after save_model (inlines, the many-to-many fields, the log) use that row."""
    for field in created._meta.concrete_fields:
        setattr(instance, field.attname, getattr(created, field.attname))
    instance._state.adding = False
    instance._state.db = created._state.db


def _certificate_dates(values: dict) -> dict:
    issued_on, expires_on = values.get("issued_on"), values.get("expires_on")
    if issued_on and issued_on > timezone.localdate():
        raise ServiceError(_("The issue date cannot be in the future."), field="issued_on")
    if issued_on and expires_on and expires_on < issued_on:
        raise ServiceError(_("The expiry date must be after the issue date."), field="expires_on")
    return {}


class CertificateAdminForm(forms.ModelForm):
    # Judged by content (core.uploads): a PDF or a re-encoded picture, into private storage.
    scan = scan_field(required=False, label=_("scan"))

    class Meta:
        model = Certificate
        fields = "__all__"  # noqa: DJ007 (the admin picks which it shows)

    def clean(self):
        cleaned = super().clean()
        refuse_as_the_service_would(self, _certificate_dates, ("issued_on", "expires_on"))
        return cleaned


class OrganisationAdminForm(forms.ModelForm):
    logo = logo_field(required=False, label=_("logo"))  # re-encoded to WebP (core.uploads)

    class Meta:
        model = Organisation
        fields = "__all__"  # noqa: DJ007 (the admin picks which it shows)

    def clean(self):
        cleaned = super().clean()
        checked = [name for name in ORGANISATION_FIELDS if name != "logo"]
        refuse_as_the_service_would(self, _clean_organisation, checked)
        return cleaned


CERTIFICATE_FIELDS = ("kind", "title", "number", "issued_on", "expires_on", "is_scan_public")


def certificate_add_from_admin(*, organisation, cleaned: dict, by) -> Certificate:
    """A certificate added in the admin goes through certificate_add, as in the console (its
    date checks, the scan judged, the event row)."""
    values = {name: cleaned.get(name) for name in CERTIFICATE_FIELDS}
    return certificate_add(
        organisation=organisation,
        by=by,
        scan=cleaned.get("scan") or None,
        **{**values, "title": values["title"] or "", "number": values["number"] or ""},
    )


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
class OrganisationAdmin(CatalogChangeAdmin, admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "commune", "contact_phone", "is_active"]
    list_filter = ["kind", "is_active", "commune__province", "commune__former_province"]
    search_fields = ["name", "slug", "search_text", "contact_phone"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["commune"]
    list_select_related = ["commune__province"]
    inlines = [MembershipInline, CertificateInline, ImprovementInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Certificate:
            return super().save_formset(request, form, formset, change)
        for certificate_form in formset.forms:
            if (
                certificate_form.instance.pk is None
                and certificate_form.has_changed()
                and not formset._should_delete_form(certificate_form)
            ):
                certificate_add_from_admin(
                    organisation=form.instance,
                    cleaned=certificate_form.cleaned_data,
                    by=request.user,
                )
        formset.forms = [f for f in formset.forms if f.instance.pk is not None]
        return super().save_formset(request, form, formset, change)

    readonly_fields = ["search_text", "created_at"]  # computed; set when created

    def save_model(self, request, obj, form, change):
        """A change writes through organisation_update (its checks and event rows, as in the
        console); the fields only an admin sets (slug, is_active) get an event row too."""
        if not change:  # through organisation_create: its checks and event row
            cleaned = form.cleaned_data
            fields = {n: cleaned[n] for n in ORGANISATION_FIELDS if n in cleaned}
            created = organisation_create(
                by=request.user, slug=form.cleaned_data.get("slug") or "", **fields
            )
            if created.is_active != form.cleaned_data.get("is_active", True):
                Organisation.objects.filter(pk=created.pk).update(
                    is_active=form.cleaned_data["is_active"]
                )
                created.is_active = form.cleaned_data["is_active"]
            adopt(obj, created)
            return
        changed = [name for name in form.changed_data if name in form.cleaned_data]
        admin_only = [name for name in changed if name not in ORGANISATION_FIELDS]
        before = Organisation.objects.filter(pk=obj.pk).values(*admin_only).get()
        admin_only = [name for name in admin_only if before[name] != form.cleaned_data[name]]
        if admin_only:
            Organisation.objects.filter(pk=obj.pk).update(
                **{name: form.cleaned_data[name] for name in admin_only}
            )
            _record(
                obj,
                request.user,
                OrganisationEvent.Kind.UPDATED,
                changes={
                    name: [_as_json(before[name]), _as_json(form.cleaned_data[name])]
                    for name in admin_only
                },
                via="admin",
            )
        organisation_update(
            organisation=obj,
            by=request.user,
            **{name: form.cleaned_data[name] for name in changed if name in ORGANISATION_FIELDS},
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "since", "show_name_publicly"]
    list_filter = ["role", "show_name_publicly", "organisation__commune__province"]
    search_fields = ["user__full_name", "user__phone", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]
    readonly_fields = ["show_name_publicly"]

    def delete_model(self, request, obj):
        self.delete_queryset(request, Membership.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        """Through membership_remove: keeps the last manager, writes the event row."""
        for membership in queryset.select_related("organisation", "user"):
            try:
                membership_remove(membership=membership, by=request.user)
            except ServiceError as error:
                self.message_user(request, str(error.message), level=messages.ERROR)


@admin.register(Certificate)
class CertificateAdmin(CatalogChangeAdmin, admin.ModelAdmin):
    form = CertificateAdminForm
    list_display = ["__str__", "organisation", "kind", "number", "issued_on", "expires_on"]
    list_filter = ["kind", "issued_on", "expires_on"]
    search_fields = ["title", "number", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    date_hierarchy = "issued_on"

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        created = certificate_add_from_admin(
            organisation=obj.organisation, cleaned=form.cleaned_data, by=request.user
        )
        obj.pk = created.pk  # the admin's redirect and messages name the created one


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
