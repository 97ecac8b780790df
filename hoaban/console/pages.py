"""What every console page shares: the organisation from the address, who may look and who
may change, the refusal page, and the context the console's layout reads.

Who may do what is decided by accounts.access; these helpers only turn
its answer into a page.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hoaban.accounts import access
from hoaban.commerce.order_counts import order_counts
from hoaban.core.errors import ServiceError
from hoaban.orgs.models import Organisation

ORGANISATION_RELATED = ("commune__province", "commune__former_province")


def refused(request: HttpRequest, error: ServiceError) -> HttpResponse:
    return render(request, "console/refused.html", {"message": error.message}, status=403)


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
    """What the console's layout reads; for a manager, the counts of the orders waiting for
    her (the tab row shows them: 1 query). A programme officer sees no orders, nor counts."""
    can_edit = getattr(request, "can_edit", False)
    return {
        "organisation": organisation,
        "can_edit": can_edit,
        "section": section,
        "order_counts": order_counts(organisation.pk) if can_edit else None,
        **extra,
    }
