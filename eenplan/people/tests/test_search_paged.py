"""Issue 13: search results come a page at a time, with a link to the next page."""

import pytest

from eenplan.accounts.models import RoleCode
from eenplan.people import selectors, views
from eenplan.testing.factories import PersonFactory, TeamFactory, UserFactory
from eenplan.testing.queries import count_queries

pytestmark = pytest.mark.django_db


def test_search_results_are_paged_and_query_count_stays_flat(verified_client, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_RESULTS", 4)
    monkeypatch.setattr(views, "MAX_RESULTS", 4)
    for i in range(10):
        PersonFactory(given_names=f"Jan{i:02d}", surname="Pagina")
    client = verified_client(UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory()))
    first = client.get("/zoeken/?name=pagina")
    assert len(first.context["results"]) == 4
    body = first.content.decode()
    assert 'rel="next" href="?name=pagina&amp;page=2"' in body and "Pagina 1" in body
    names = [p.given_names for p in first.context["results"]]
    second = client.get("/zoeken/?name=pagina&page=2")
    assert [p.given_names for p in second.context["results"]] == [f"Jan{i:02d}" for i in range(4, 8)]
    assert names == [f"Jan{i:02d}" for i in range(4)]
    last = client.get("/zoeken/?name=pagina&page=3")
    assert len(last.context["results"]) == 2 and 'rel="next"' not in last.content.decode()
    assert count_queries(lambda: client.get("/zoeken/?name=pagina")) == count_queries(lambda: client.get("/zoeken/?name=pagina&page=3"))
