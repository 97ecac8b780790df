"""Producers with the same given name are told apart on a lot's trace page (and its API)."""

import html

import pytest
from django.conf import settings
from django.urls import reverse

from hoaban.accounts.models import EthnicGroup
from hoaban.catalog.tests.factories import LotFactory, ProductFactory
from hoaban.orgs.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def producer(organisation, full_name, *, shown=True, ethnicity=None):
    return MembershipFactory(
        organisation=organisation,
        user=UserFactory(full_name=full_name, ethnicity=ethnicity),
        show_name_publicly=shown,
    )


def trace(client, lot, language="vi") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("catalog:lot_trace", kwargs={"code": lot.code})
    return html.unescape(client.get(url).content.decode())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_two_producers_named_lan_get_the_initial_of_their_family_name(client, language):
    product = ProductFactory(code="MD06")
    org = product.organisation
    ede = EthnicGroup.objects.get(code="12")  # Ê-đê: the clan name comes last
    lot = LotFactory(
        product=product,
        code="L-LAN234",
        producers=[
            producer(org, "Nông Thị Lan"),
            producer(org, "Hoàng Thị Lan"),
            producer(org, "Hoàng Thị Mai"),
            producer(org, "H'Lia Niê", ethnicity=ede),
            producer(org, "H'Lia Ayun", ethnicity=ede),
            producer(org, "Lục Thị Lan", shown=False),  # no consent: not named at all
        ],
    )

    page = trace(client, lot, language)

    for name in ("Lan N.", "Lan H.", "H'Lia N.", "H'Lia A."):
        assert name in page
    assert "Mai" in page and "Mai H." not in page  # only when two share a given name
    assert "Lan L." not in page and "Lục" not in page
    answer = client.get(f"/api/v1/lots/{lot.code}").json()
    assert sorted(answer["producers"]) == sorted(
        ["Lan N.", "Lan H.", "Mai", "H'Lia N.", "H'Lia A."]
    )
