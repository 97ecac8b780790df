from hoaban.catalog.tests.factories import LotFactory, ProductFactory
from hoaban.orgs.tests.factories import ManagerFactory, MembershipFactory, OrganisationFactory


def test_factories_build_a_consistent_graph(db):
    organisation = OrganisationFactory(name="HTX Miến Dong Hoa Ban")
    manager = ManagerFactory(organisation=organisation)
    member = MembershipFactory(organisation=organisation)
    product = ProductFactory(organisation=organisation)
    lot = LotFactory(product=product, producers=[member])

    organisation.refresh_from_db()
    product.refresh_from_db()
    assert "htx mien dong hoa ban" in organisation.search_text
    assert "bac kan" in organisation.search_text
    assert "mien dong" in product.search_text
    assert manager.role == "manager"
    assert list(lot.producers.all()) == [member]
    assert product.is_published and product.stock == 50
