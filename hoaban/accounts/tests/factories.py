"""Factories for people and roles (`from hoaban.accounts.tests.factories import UserFactory`)."""

import factory

from hoaban.accounts.models import Consent, Role, User

PASSWORD = "hoaban-test"


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a valid Vietnamese mobile number; password `hoaban-test`."""

    class Meta:
        model = User
        django_get_or_create = ("phone",)
        skip_postgeneration_save = True

    phone = factory.Sequence(lambda n: f"+8498{n:07d}")
    full_name = factory.Sequence(lambda n: f"Lý Thị Hoa {n}")
    password = factory.django.Password(PASSWORD)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    kind = Role.Kind.BUYER
    granted_by_system = "test"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    user = factory.SubFactory(UserFactory)
    version = "2026-01"
    text = "Consent text"
    language = "vi"
