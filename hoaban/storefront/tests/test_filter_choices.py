"""The product list's filter choices are read once per catalogue version (`catalog_cached`):
an admin's new category, or reference data loaded again, shows at once; a request in the
other language gets its own names."""

import pytest
from django.urls import reverse

from hoaban.accounts.models import EthnicGroup
from hoaban.catalog.reference import reference_data_load
from hoaban.core.pagecache import catalog_changed
from hoaban.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("storefront:products")


def page(client, language="vi") -> str:
    client.cookies["hoaban_language"] = language
    return client.get(URL).content.decode()


def test_an_admins_new_category_is_a_choice_on_the_next_page(client):
    assert "Măng khô" not in page(client)
    admin = UserFactory(phone="+84900000019", is_staff=True, is_superuser=True)
    staff = type(client)()
    staff.force_login(admin)
    response = staff.post(
        reverse("admin:catalog_category_add"),
        {"slug": "mang-kho", "name": "Măng khô", "name_en": "Dried bamboo shoots", "position": 9},
    )
    assert response.status_code == 302
    assert '<option value="mang-kho">Măng khô</option>' in page(client)
    assert '<option value="mang-kho">Dried bamboo shoots</option>' in page(client, "en")


def test_reference_data_loaded_again_shows_at_once(client):
    reference_data_load()
    group = EthnicGroup.objects.order_by("code").first()
    EthnicGroup.objects.filter(pk=group.pk).update(name="Tên cũ của dân tộc")
    catalog_changed()
    assert ">Tên cũ của dân tộc</option>" in page(client)  # now cached for this version
    reference_data_load()  # puts the reference name back, and says the catalogue changed
    html = page(client)
    assert "Tên cũ của dân tộc" not in html and f">{group.name}</option>" in html
