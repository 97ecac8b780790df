"""Factories for categories, products (published, with stock), images and lots.

Other apps import these (`from hoaban.catalog.tests.factories import ProductFactory, LotFactory`).
Categories come from the reference data loaded into every test database (slug `gao-mien` by
default); `search_text` and `name_text` are filled as the service would.
"""

import datetime

import factory
from django.utils import timezone

from hoaban.catalog.models import Category, Lot, Product
from hoaban.catalog.services import product_name_text, product_search_text
from hoaban.orgs.tests.factories import (  # noqa: F401  (re-exported for convenience)
    CertificateFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


def category(slug: str = "gao-mien") -> Category:
    return Category.objects.get(slug=slug)


class ProductFactory(factory.django.DjangoModelFactory):
    """A published product with 50 in stock at 45.000 ₫ per 500 g pack."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"T{n:04d}")
    name = factory.Sequence(lambda n: f"Miến dong Na Rì {n}")
    description = "Làm thủ công, phơi nắng."  # no product words: descriptions are searched
    story = "Củ dong riềng trồng trên nương, làm miến theo cách của người Tày."
    category = factory.LazyFunction(category)
    origin_commune = factory.SelfAttribute("organisation.commune")
    unit = Product.Unit.PACK_500G
    price = 45_000
    weight_grams = 500
    stock = 50
    status = Product.Status.PUBLISHED

    @factory.post_generation
    def with_search_text(obj, create, extracted, **kwargs):  # noqa: N805
        obj.search_text = product_search_text(obj)
        obj.name_text = product_name_text(obj)
        if create:
            Product.objects.filter(pk=obj.pk).update(
                search_text=obj.search_text, name_text=obj.name_text
            )

    @factory.post_generation
    def ocop_stars(obj, create, extracted, **kwargs):  # noqa: N805
        """`ocop_stars=4`: link a valid OCOP 4★ certificate (stars are never stored)."""
        if create and extracted:
            from hoaban.orgs.tests.factories import CertificateFactory

            kind = {3: "ocop3", 4: "ocop4", 5: "ocop5"}[extracted]
            obj.certificates.add(CertificateFactory(organisation=obj.organisation, kind=kind))


class LotFactory(factory.django.DjangoModelFactory):
    """A lot of 100 produced 10 days ago; pass `producers=[membership, …]` to link members."""

    class Meta:
        model = Lot
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"L-T{n:05d}")
    product = factory.SubFactory(ProductFactory)
    produced_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    quantity = 100
    notes = ""

    @factory.post_generation
    def producers(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.producers.set(extracted)
