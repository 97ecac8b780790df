"""Small places endpoints used by forms (htmx fragments)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .queries import communes_of


@require_GET
def commune_options(request):
    """`<option>` elements of a province's communes, sorted by name (`?province=<code>`).

    htmx sends the province `<select>`'s own name; forms that name the field otherwise still
    work because a lone parameter is taken as the province code.
    """
    code = request.GET.get("province")
    if code is None and len(request.GET) == 1:
        code = next(iter(request.GET.values()))
    context = {"communes": communes_of(code), "empty_label": _("Choose a commune or ward")}
    response = render(request, "places/commune_options.html", context)
    response["Cache-Control"] = "public, max-age=86400"
    return response
