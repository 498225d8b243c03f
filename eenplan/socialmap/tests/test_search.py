"""Searching the sociale kaart: filters, whole-municipality provisions, and a flat query count."""

import pytest

from eenplan.assessment.models import Domain
from eenplan.socialmap.selectors import provisions_search
from eenplan.testing.factories import WijkFactory
from eenplan.testing.queries import count_queries

from .factories import OrganisationFactory, ProvisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaart():
    centrum, hoven = WijkFactory(name="Centrum", code="centrum"), WijkFactory(name="De Hoven", code="de-hoven")
    org = OrganisationFactory(name="Humanitas Eendijk")
    return {
        "centrum": centrum, "hoven": hoven,
        "admin": ProvisionFactory(organisation=org, name="Thuisadministratie", description="Vrijwilligers helpen met post en rekeningen",
                                  type="voorliggend", domains=["financien"]),
        "budget": ProvisionFactory(name="Budgetbeheer", type="maatwerk", needs_decision=True, domains=["financien"], wijken=[centrum]),
        "huiskamer": ProvisionFactory(name="Huiskamer De Hoven", type="collectief", domains=["sociaal-netwerk"], wijken=[hoven]),
        "old": ProvisionFactory(name="Oude voorziening", type="algemeen", domains=["financien"], active=False),
    }


def names(qs):
    return sorted(p.name for p in qs)


def test_filter_by_domain_type_and_text(kaart):
    fin = Domain.objects.get(instrument__code="zrm-2017", code="financien")
    assert names(provisions_search(domain=fin)) == ["Budgetbeheer", "Thuisadministratie"]
    assert names(provisions_search(domain=fin.pk, type="maatwerk")) == ["Budgetbeheer"]
    assert names(provisions_search(q="rekeningen")) == ["Thuisadministratie"]
    assert names(provisions_search(q="humanitas")) == ["Thuisadministratie"]
    assert names(provisions_search(q="post humanitas")) == ["Thuisadministratie"]
    assert names(provisions_search(q="post budget")) == []


def test_wijk_filter_includes_whole_municipality(kaart):
    assert names(provisions_search(wijk=kaart["centrum"])) == ["Budgetbeheer", "Thuisadministratie"]
    assert names(provisions_search(wijk=kaart["hoven"].pk)) == ["Huiskamer De Hoven", "Thuisadministratie"]


def test_inactive_provisions_are_left_out(kaart):
    assert "Oude voorziening" not in names(provisions_search())
    assert "Oude voorziening" in names(provisions_search(active_only=False))


def _touch_all(qs):
    for p in qs:
        str(p.organisation), list(p.domains.all()), list(p.wijken.all())


def test_query_count_is_flat(kaart):
    small = count_queries(lambda: _touch_all(provisions_search()))
    for i in range(25):
        ProvisionFactory(domains=["financien", "huisvesting"], wijken=[kaart["centrum"], kaart["hoven"]], name=f"Extra {i}")
    large = count_queries(lambda: _touch_all(provisions_search()))
    assert small == large == 3


def test_search_page_query_count_is_flat(kaart, verified_client):
    from eenplan.accounts.models import RoleCode
    from eenplan.testing.factories import UserFactory

    client = verified_client(UserFactory(roles=[RoleCode.PROFESSIONAL]))
    client.get("/sociale-kaart/?q=&type=")  # the first request after login also saves the session
    small = count_queries(lambda: client.get("/sociale-kaart/?q=&type="))
    for i in range(25):
        ProvisionFactory(domains=["financien"], wijken=[kaart["centrum"]], name=f"Extra {i}")
    large = count_queries(lambda: client.get("/sociale-kaart/?q=&type="))
    assert small == large
