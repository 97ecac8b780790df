"""The public organisation page and the manager console (organisation, bank account, members).

Views are thin: forms read input, services in orgs.services decide and write.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hoaban.accounts import access
from hoaban.accounts.access import can_view_private_files
from hoaban.core.errors import ServiceError, form_error  # noqa: F401 - the views' one helper
from hoaban.core.uploads import private_file_response
from hoaban.places.forms import picker_initial, wants_communes

from . import invitations, services
from .forms import (
    BankAccountForm,
    CertificateForm,
    ImprovementForm,
    InPersonForm,
    InvitationForm,
    JoinForm,
    OrganisationForm,
)
from .models import Certificate, Improvement, Invitation, Membership, Organisation

ORGANISATION_RELATED = ("commune__province", "commune__former_province")


# --- public -----------------------------------------------------------------------------


def certificate_scan(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A certificate's scan, always as a download: to whom accounts.access allows, or to
    anyone once the manager published it. Everyone else gets the same 404 as for a scan that
    does not exist (no hint that it does)."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("organisation__commune"),
        pk=pk,
        organisation__slug=slug,
    )
    organisation = certificate.organisation
    published = certificate.is_scan_public and organisation.is_active
    if not certificate.scan or not (
        published or can_view_private_files(request.user, organisation)
    ):
        raise Http404
    return private_file_response(
        certificate.scan, download_name=f"{organisation.slug}-{certificate.kind}-{certificate.pk}"
    )


# --- manager console: access ------------------------------------------------------------


def refused(request: HttpRequest, error: ServiceError) -> HttpResponse:
    return render(request, "orgs/manage/refused.html", {"message": error.message}, status=403)


def console_page(view):
    """Login required; `slug` → organisation. Reading needs a manager or a programme officer of
    the province; POST needs a manager. Refusals are a 403 page saying why."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
        organisation = get_object_or_404(
            Organisation.objects.select_related(*ORGANISATION_RELATED), slug=slug
        )
        check = access.require_manager if request.method == "POST" else access.require_viewer
        try:
            check(request.user, organisation)
        except ServiceError as error:
            return refused(request, error)
        request.can_edit = access.manages(request.user, organisation)
        return view(request, organisation, *args, **kwargs)

    return wrapper


def console_context(request: HttpRequest, organisation: Organisation, section: str, **extra):
    return {
        "organisation": organisation,
        "can_edit": getattr(request, "can_edit", False),
        "section": section,
        **extra,
    }


# --- manager console: pages -------------------------------------------------------------


@login_required
def manage_home(request: HttpRequest) -> HttpResponse:
    """The organisations I manage (and, for programme officers, those I may look at)."""
    managed = set(access.managed_organisations(request.user).values_list("pk", flat=True))
    organisations = (
        access.viewable_organisations(request.user)
        .select_related(*ORGANISATION_RELATED)
        .annotate(product_count=Count("products", distinct=True))
        .order_by("name")
    )
    rows = [(org, org.pk in managed) for org in organisations]
    return render(request, "orgs/manage/home.html", {"rows": rows})


@console_page
def organisation_edit(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    if request.method == "POST" and wants_communes(request):
        form = OrganisationForm(initial=picker_initial(request.POST))
    elif request.method == "POST":
        form = OrganisationForm(request.POST)
        if form.is_valid():
            try:
                services.organisation_update(
                    organisation=organisation, by=request.user, **form.service_values()
                )
            except ServiceError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("catalog:manage_organisation", slug=organisation.slug)
    else:
        form = OrganisationForm(initial=OrganisationForm.initial_for(organisation))
    return render(
        request,
        "orgs/manage/form.html",
        console_context(
            request,
            organisation,
            "edit",
            form=form,
            heading=_("Our organisation"),
            submit=_("Save"),
        ),
    )


@console_page
def bank_edit(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    if request.method == "POST":
        form = BankAccountForm(request.POST)
        if form.is_valid():
            try:
                services.organisation_update(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
            except ServiceError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Bank account saved."))
                return redirect("catalog:manage_organisation", slug=organisation.slug)
    else:
        form = BankAccountForm(
            initial={
                "bank_bin": organisation.bank_bin,
                "bank_account": organisation.bank_account,
                "bank_holder": organisation.bank_holder,
            }
        )
    return render(
        request,
        "orgs/manage/form.html",
        console_context(
            request,
            organisation,
            "bank",
            form=form,
            heading=_("Bank account"),
            intro=_("Buyers who pay by bank transfer (VietQR) send the money to this account."),
            submit=_("Save"),
        ),
    )


INVITATION_SENT = gettext_lazy(
    "An invitation was sent. She joins when she enters the code she received."
)


def _members_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    invite_form=None,
    in_person_form=None,
    status: int = 200,
) -> HttpResponse:
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-role", "user__full_name")
    )
    waiting = [
        (invitation, invitations.mask_phone(invitation.phone))
        for invitation in invitations.pending_invitations(organisation)
    ]
    return render(
        request,
        "orgs/manage/members.html",
        console_context(
            request,
            organisation,
            "members",
            form=invite_form or InvitationForm(),
            in_person_form=in_person_form or InPersonForm(prefix="here"),
            memberships=memberships,
            waiting=waiting,
        ),
        status=status,
    )


@console_page
def members(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """The members, the invitations waiting, and the forms to invite someone.

    Whatever the phone (an account, a member already, nobody), a valid invitation gets the same
    answer: the manager learns nothing about a person before she accepts.
    """
    if request.method != "POST":
        return _members_page(request, organisation)
    form = InvitationForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            invitations.invitation_send(
                organisation=organisation,
                by=request.user,
                join_url=request.build_absolute_uri(reverse("orgs:join")),
                **form.cleaned_data,
            )
        except invitations.InvitationThrottled as error:
            form_error(form, error)
            status = 429
        except ServiceError as error:
            form_error(form, error)
        else:
            messages.success(request, str(INVITATION_SENT))
            return redirect("orgs:members", slug=organisation.slug)
    response = _members_page(request, organisation, invite_form=form, status=status)
    if status == 429:
        response["Retry-After"] = "3600"
    return response


@require_POST
@console_page
def member_confirm(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """She is here and types her own password: she joins at once."""
    form = InPersonForm(request.POST, prefix="here")
    if form.is_valid():
        try:
            membership, created = invitations.invitation_confirm_in_person(
                organisation=organisation, by=request.user, request=request, **form.cleaned_data
            )
        except ServiceError as error:
            form_error(form, error)
        else:
            if created:
                text = _("%(name)s joined the organisation.")
            else:
                text = _("%(name)s is already a member.")
            messages.success(request, text % {"name": membership.user.full_name})
            return redirect("orgs:members", slug=organisation.slug)
    # A password field is never rendered with its value: the password does not come back.
    return _members_page(request, organisation, in_person_form=form)


@require_POST
@console_page
def invitation_withdraw(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    invitations.invitation_withdraw(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was withdrawn: its code no longer works."))
    return redirect("orgs:members", slug=organisation.slug)


def _membership(organisation: Organisation, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=pk, organisation=organisation
    )


@require_POST
@console_page
def member_remove(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    membership = _membership(organisation, pk)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("%(name)s is no longer a member.") % {"name": membership.user.full_name}
        )
    return redirect("orgs:members", slug=organisation.slug)


@require_POST
@console_page
def certificate_scan_public(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    """Publish a certificate's scan (anyone may download it) or make it private again."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("organisation"), pk=pk, organisation=organisation
    )
    is_public = request.POST.get("public") == "1"
    try:
        services.certificate_scan_publish(
            certificate=certificate, is_public=is_public, by=request.user
        )
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        if is_public:
            messages.success(request, _("Anyone can now download this scan."))
        else:
            messages.success(request, _("Only your managers and programme officers see this scan."))
    return redirect("orgs:records", slug=organisation.slug)


@console_page
def records(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Certificates (OCOP, VietGAP, organic…) and the improvement log, with a form for each."""
    certificate_form = CertificateForm(prefix="certificate")
    improvement_form = ImprovementForm(prefix="improvement")
    if request.method == "POST" and "certificate-kind" in request.POST:
        certificate_form = CertificateForm(request.POST, request.FILES, prefix="certificate")
        if certificate_form.is_valid():
            try:
                services.certificate_add(
                    organisation=organisation, by=request.user, **certificate_form.cleaned_data
                )
            except ServiceError as error:
                form_error(certificate_form, error)
            else:
                messages.success(request, _("Certificate added."))
                return redirect("orgs:records", slug=organisation.slug)
    elif request.method == "POST":
        improvement_form = ImprovementForm(request.POST, prefix="improvement")
        if improvement_form.is_valid():
            values = improvement_form.cleaned_data
            values["cost"] = values.get("cost") or 0
            try:
                services.improvement_add(organisation=organisation, by=request.user, **values)
            except ServiceError as error:
                form_error(improvement_form, error)
            else:
                messages.success(request, _("Improvement recorded."))
                return redirect("orgs:records", slug=organisation.slug)
    today = timezone.localdate()
    certificates = [
        (certificate, certificate.is_valid_on(today))
        for certificate in Certificate.objects.filter(organisation=organisation)
    ]
    return render(
        request,
        "orgs/manage/records.html",
        console_context(
            request,
            organisation,
            "records",
            certificates=certificates,
            improvements=Improvement.objects.filter(organisation=organisation)[:100],
            certificate_form=certificate_form,
            improvement_form=improvement_form,
        ),
    )


# --- a member's own page ----------------------------------------------------------------


@login_required
def my_memberships(request: HttpRequest) -> HttpResponse:
    """The organisations I belong to, and whether my first name shows on their trace pages."""
    if request.method == "POST":
        membership = get_object_or_404(
            Membership.objects.select_related("organisation", "user"),
            pk=request.POST.get("membership"),
            user=request.user,
        )
        show = request.POST.get("show") == "1"
        services.membership_show_name_set(membership=membership, show=show, by=request.user)
        if show:
            messages.success(request, _("Your first name will be shown on trace pages."))
        else:
            messages.success(request, _("Your name will not be shown on trace pages."))
        return redirect("orgs:my_memberships")
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation__commune__province")
        .order_by("organisation__name")
    )
    return render(request, "orgs/my_memberships.html", {"memberships": memberships})


@login_required
def join(request: HttpRequest) -> HttpResponse:
    """Join a cooperative with the code received by SMS or Zalo (logged in with that phone)."""
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, created = invitations.invitation_accept(
                user=request.user, code=form.cleaned_data["code"]
            )
        except ServiceError as error:
            form_error(form, error)
        else:
            if created:
                text = _("Welcome! You are now a member of %(organisation)s.")
            else:
                text = _("You are already a member of %(organisation)s.")
            messages.success(request, text % {"organisation": membership.organisation.name})
            return redirect("orgs:my_memberships")
    return render(request, "orgs/join.html", {"form": form}, status=400 if form.errors else 200)
