"""eCo, the marketplace pages: home, product list, product page (all public, read-only)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from hoaban.catalog.models import Product
from hoaban.catalog.queries import (
    former_province_product_counts,
    product_search,
    province_product_counts,
    published_product,
    published_products,
)
from hoaban.orgs.queries import selling_organisations

from .forms import ProductFilterForm

PRODUCTS_PER_PAGE = 24
HOME_PRODUCTS = 8
HOME_ORGANISATIONS = 6


def home(request):
    # 5 queries: products, their images, organisations, provinces, former provinces.
    return render(
        request,
        "storefront/home.html",
        {
            "products": published_products()[:HOME_PRODUCTS],
            "organisations": selling_organisations().order_by("-product_count", "name")[
                :HOME_ORGANISATIONS
            ],
            "provinces": province_product_counts(),
            "former_provinces": former_province_product_counts(),
        },
    )


def product_list(request):
    # 7 queries: 4 for the filter choices, the count, the page of products, their images.
    form = ProductFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(product_search(**filters), PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    filtered = any(value for value in filters.values())
    return render(
        request,
        "storefront/product_list.html",
        {"form": form, "page": page, "products": page.object_list, "filtered": filtered},
    )


def product_detail(request, code: str):
    # 4 queries: the product with its joins, images, certificates, lots.
    try:
        product = published_product(code)
    except Product.DoesNotExist:
        raise Http404 from None
    return render(request, "storefront/product_detail.html", {"product": product})
