"""The organisation pages that are not the console: a certificate's scan, a member's own page
(her cooperatives, her name on trace pages) and joining with a code. The manager's console
lives in hoaban.console; the public organisation page in hoaban.storefront.

Views are thin: forms read input, services in orgs.services decide and write.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hoaban.accounts.access import can_view_private_files
from hoaban.core.errors import ServiceError, form_error
from hoaban.core.uploads import private_file_response

from . import invitations, services
from .forms import JoinForm
from .models import Certificate, Membership


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
