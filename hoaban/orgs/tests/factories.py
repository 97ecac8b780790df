"""Factories for people, organisations, memberships, certificates and improvements.

Other apps import these (`from hoaban.orgs.tests.factories import OrganisationFactory`).
Organisations are placed in Xã Na Rì (code 2155, Thái Nguyên, formerly Bắc Kạn) unless given
a `commune`; their `search_text` is filled as the service would.
"""

import datetime
import functools

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from hoaban.accounts.models import User
from hoaban.orgs.models import Certificate, Improvement, Membership, Organisation
from hoaban.orgs.services import organisation_search_text
from hoaban.places.models import Commune

NA_RI = 2155  # Xã Na Rì, Thái Nguyên (trước đây: Bắc Kạn)
FAMILY_NAMES = ["Hoàng", "Nông", "Triệu", "Lộc", "Hà", "Ma", "Lục", "Bế", "Đàm"]
GIVEN_NAMES = ["Mai", "Lan", "Hoa", "Xuân", "Thu", "Hiền", "Sen", "Nga", "Lụa", "Tuyết", "Chiêm"]


def commune(code: int = NA_RI) -> Commune:
    return Commune.objects.select_related("province", "former_province").get(code=code)


@functools.cache
def _password_hash() -> str:
    # Hash once: the project's Argon2 hasher is deliberately slow.
    return make_password("hoaban-test")


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a valid Vietnamese mobile number; password `hoaban-test`."""

    class Meta:
        model = User
        django_get_or_create = ("phone",)
        skip_postgeneration_save = True

    phone = factory.Sequence(lambda n: f"+8491{n:07d}")
    # Vietnamese names end with the given name, which trace pages show: `Nông Thị Lan 3` would
    # show "3", so the sequence picks a family and a given name instead.
    full_name = factory.Sequence(
        lambda n: f"{FAMILY_NAMES[n % len(FAMILY_NAMES)]} Thị {GIVEN_NAMES[n % len(GIVEN_NAMES)]}"
    )
    password = factory.LazyFunction(_password_hash)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"htx-thu-nghiem-{n}")
    kind = Organisation.Kind.COOPERATIVE
    name = factory.Sequence(lambda n: f"HTX Thử Nghiệm {n}")
    story = "Hợp tác xã của chị em người Tày làm miến dong."
    commune = factory.LazyFunction(commune)
    contact_phone = "+84912000111"

    @factory.post_generation
    def with_search_text(obj, create, extracted, **kwargs):  # noqa: N805
        obj.search_text = organisation_search_text(obj)
        if create:
            Organisation.objects.filter(pk=obj.pk).update(search_text=obj.search_text)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER
    show_name_publicly = True


class ManagerFactory(MembershipFactory):
    """A membership with the manager role: `ManagerFactory(organisation=org).user` manages org."""

    role = Membership.Role.MANAGER


class CertificateFactory(factory.django.DjangoModelFactory):
    """A valid OCOP 4★ certificate issued 100 days ago, lasting 36 months."""

    class Meta:
        model = Certificate

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Certificate.Kind.OCOP_4
    title = "OCOP 4 sao"
    number = factory.Sequence(lambda n: f"OCOP-{n:05d}")
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))
    expires_on = factory.LazyAttribute(lambda o: o.issued_on + datetime.timedelta(days=3 * 365))


class ImprovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Improvement

    organisation = factory.SubFactory(OrganisationFactory)
    date = factory.LazyFunction(timezone.localdate)
    area = Improvement.Area.PRODUCTION_TECHNOLOGY
    description = "Máy sấy miến bằng năng lượng mặt trời"
    cost = 25_000_000
    supporter = "UNDP"
