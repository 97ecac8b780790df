"""eCo, the marketplace pages: home, product list, product page, a seller's page (all public,
read-only)."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language

from hoaban.accounts.phone import display_phone
from hoaban.catalog.missing import missing_product
from hoaban.catalog.models import Product
from hoaban.catalog.queries import (
    NarrowPages,
    RankedPages,
    product_detail_queryset,
    product_search,
    published_products,
)
from hoaban.commerce.models import Channel
from hoaban.commerce.pricing import with_channel_terms
from hoaban.core.text import search_terms
from hoaban.orgs.models import Certificate, Organisation

from .featured import featured_products, place_counts, top_sellers
from .forms import ProductFilterForm
from .lead_picture import lead_picture_src
from .list_pages import KeysetPage
from .page_cache import cached_page

ECO = Channel.Code.ECO  # the marketplace's prices (commerce.pricing, annotated: no query)

PRODUCTS_PER_PAGE = 24
HOME_PRODUCTS = 8
HOME_ORGANISATIONS = 6


@cached_page("home")
def home(request):
    # 6 queries: candidate products (featured.py chooses), the chosen cards, their images,
    # the top sellers, provinces, former provinces; 3 more once per catalogue version, for
    # the counts (featured.home_counts).
    provinces, former_provinces = place_counts()
    return render(
        request,
        "storefront/home.html",
        {
            "products": featured_products(ECO, HOME_PRODUCTS),
            "organisations": top_sellers(HOME_ORGANISATIONS),
            "provinces": provinces,
            "former_provinces": former_provinces,
        },
    )


@cached_page("products")
def product_list(request):
    # 2 queries: the page of products, their images; plus, once per catalogue version, the
    # list's count and the 4 of the filter choices. A search: its ids instead of the count
    # (1 to 4 queries, whatever the number of products: the ranks read in order by
    # catalog.queries.RankedPages; they give the count), the page of products, their images.
    form = ProductFilterForm(request.GET)
    filters = form.filters()
    terms = search_terms(filters["q"])
    if terms:  # read rank by rank, at most catalog.queries.SEARCH_RESULTS_MAX products
        among = with_channel_terms(product_search(**{**filters, "q": None}), ECO)
        results = RankedPages(among, terms)
        page = Paginator(results, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    else:  # by cursor; the count depends only on the filters and the catalogue
        products = with_channel_terms(product_search(**filters), ECO)
        # Validated choices only: a `q` without words ("!!!", spaces) filters nothing, and
        # in the name it would mint a cache key per string.
        chosen = sorted((name, value) for name, value in filters.items() if name != "q")
        results = NarrowPages(products, count_name=repr(chosen))
        page = KeysetPage(results, request.GET, PRODUCTS_PER_PAGE)
    filtered = any(value for value in filters.values())
    return render(
        request,
        "storefront/product_list.html",
        {
            "form": form,
            "page": page,
            "products": page.object_list,
            "filtered": filtered,
            # a search past RankedPages' limit: "more than 1,000", and only those are offered
            "more_than": grouped(results.limit) if getattr(results, "more", False) else None,
        },
    )


def grouped(number: int) -> str:
    """1000 → `1.000` on a Vietnamese page, `1,000` on an English one (Django's Vietnamese
    formats have no grouping)."""
    text = f"{number:,}"
    return text if (get_language() or "vi").startswith("en") else text.replace(",", ".")


@cached_page("product")
def product_detail(request, code: str):
    # 4 queries: the product with its joins, images, certificates, lots.
    try:
        product = with_channel_terms(product_detail_queryset(), ECO).get(code=code)
    except Product.DoesNotExist:
        return missing_product(request, code)  # 404: no longer sold, or the helpful 404
    images = list(product.images.all())  # prefetched: no query
    lead = lead_picture_src(images[0] if images else None)
    return render(request, "storefront/product_detail.html", {"product": product, "lead_src": lead})


def organisation(request, slug: str):
    """Story, place, certificates, members and products of one organisation (its shop front).

    4 queries whatever the number of products: the organisation (with place and member count),
    its certificates, its published products (joined), their images.
    """
    organisation = get_object_or_404(
        Organisation.objects.filter(is_active=True)
        .select_related("commune__province", "commune__former_province")
        .annotate(member_count=Count("memberships"))
        .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.all())),
        slug=slug,
    )
    today = timezone.localdate()
    certificates = [c for c in organisation.certificates.all() if c.is_valid_on(today)]
    products = list(
        with_channel_terms(published_products().filter(organisation=organisation), ECO).order_by(
            "name"
        )
    )
    return render(
        request,
        "storefront/organisation.html",
        {
            "organisation": organisation,
            "certificates": certificates,
            "products": products,
            "contact_phone": display_phone(organisation.contact_phone),
        },
    )
