"""The console's organisation pages: the organisations I manage, an organisation's overview,
its details and bank account, its members and invitations, its certificates and improvements.

Views are thin: forms read input, services in orgs.services decide and write.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hoaban.accounts import access
from hoaban.catalog.models import ProductEvent
from hoaban.commerce.order_counts import order_counts_by_seller
from hoaban.core.errors import ServiceError, form_error
from hoaban.orgs import invitations, services
from hoaban.orgs.forms import (
    BankAccountForm,
    CertificateForm,
    ImprovementForm,
    InPersonForm,
    InvitationForm,
    OrganisationForm,
)
from hoaban.orgs.models import Certificate, Improvement, Invitation, Membership, Organisation
from hoaban.places.forms import picker_initial, wants_communes

from .pages import ORGANISATION_RELATED, console_context, console_page

RECENT_EVENTS = 10


# --- pages ------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The organisations I manage (and, for programme officers, those I may look at); with
    only one, her console at once."""
    managed = set(access.managed_organisations(request.user).values_list("pk", flat=True))
    organisations = (
        access.viewable_organisations(request.user)
        .select_related(*ORGANISATION_RELATED)
        .annotate(product_count=Count("products", distinct=True))
        .order_by("name")
    )
    rows = [(org, org.pk in managed) for org in organisations]
    if len(rows) == 1:
        return redirect("console:overview", slug=rows[0][0].slug)
    # How many orders wait for her, per organisation she manages (1 query; officers: none).
    counts = order_counts_by_seller(org.pk for org, is_managed in rows if is_managed)
    rows = [(org, is_managed, counts.get(org.pk)) for org, is_managed in rows]
    return render(
        request,
        "console/home.html",
        {"rows": rows, "has_provinces": access.officer_provinces(request.user).exists()},
    )


# --- overview ---------------------------------------------------------------------------


@console_page
def overview(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    counts = Organisation.objects.filter(pk=organisation.pk).aggregate(
        members=Count("memberships", distinct=True),
        products=Count("products", distinct=True),
    )
    # Who changed what lately: the organisation's own events and its products'.
    events = sorted(
        [
            *organisation.events.select_related("actor")[:RECENT_EVENTS],
            *ProductEvent.objects.filter(product__organisation=organisation).select_related(
                "actor", "product"
            )[:RECENT_EVENTS],
        ],
        key=lambda event: event.at,
        reverse=True,
    )[:RECENT_EVENTS]
    return render(
        request,
        "console/organisation.html",
        console_context(request, organisation, "overview", counts=counts, events=events),
    )


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
                return redirect("console:overview", slug=organisation.slug)
    else:
        form = OrganisationForm(initial=OrganisationForm.initial_for(organisation))
    return render(
        request,
        "console/form.html",
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
                return redirect("console:overview", slug=organisation.slug)
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
        "console/form.html",
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
        "console/members.html",
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
            return redirect("console:members", slug=organisation.slug)
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
            return redirect("console:members", slug=organisation.slug)
    # A password field is never rendered with its value: the password does not come back.
    return _members_page(request, organisation, in_person_form=form)


@require_POST
@console_page
def invitation_withdraw(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    invitations.invitation_withdraw(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was withdrawn: its code no longer works."))
    return redirect("console:members", slug=organisation.slug)


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
    return redirect("console:members", slug=organisation.slug)


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
    return redirect("console:records", slug=organisation.slug)


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
                return redirect("console:records", slug=organisation.slug)
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
                return redirect("console:records", slug=organisation.slug)
    today = timezone.localdate()
    certificates = [
        (certificate, certificate.is_valid_on(today))
        for certificate in Certificate.objects.filter(organisation=organisation)
    ]
    return render(
        request,
        "console/records.html",
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
