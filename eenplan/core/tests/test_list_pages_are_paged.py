"""Issue 13: every list that grows with the municipality shows one page a request, with links to the others (one
helper, core.paging). The intake board, the search and the case discussions have their own tests
(intake/tests/test_board_paged.py, people/tests/test_search_paged.py, socialmap/tests/test_access.py) and the privacy
officer's access review its own (privacy/tests/test_review.py); these are the team list and the access log."""

import pytest

from eenplan.access import views as access_views
from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.accounts.models import RoleCode
from eenplan.cases import views as case_views
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def pages(client, url, size):
    """The rows of page 1 and page 2, and whether page 1 links to page 2."""
    first = client.get(url)
    second = client.get(url + ("&" if "?" in url else "?") + "page=2")
    assert first.status_code == second.status_code == 200
    one, two = first.context["page"], second.context["page"]
    return list(one.object_list), list(two.object_list), one.has_next() and "page=2" in first.content.decode()


def test_team_list_is_paged(verified_client, monkeypatch):
    monkeypatch.setattr(case_views, "TEAM_PAGE_SIZE", 2)
    team = TeamFactory()
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    cases = [CaseFactory(team=team) for _ in range(3)]
    one, two, linked = pages(verified_client(lead), "/team/", 2)
    assert len(one) == 2 and len(two) == 1 and linked
    assert {c.pk for c in one} | {c.pk for c in two} == {c.pk for c in cases}


def test_access_log_is_paged(verified_client, monkeypatch):
    monkeypatch.setattr(access_views, "LOG_PAGE_SIZE", 2)
    admin = UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN])
    for n in range(3):
        log_access(user=admin, action=Action.READ, record_type="people.Person", record_id=n + 1, acting_role="functional_admin")
    one, two, linked = pages(verified_client(admin), "/beheer/toegangslog/", 2)
    # the log counts itself: each look is a line (newest first), so the second look finds five lines
    assert len(one) == 2 and len(two) == 2 and linked
    assert [e.record_id for e in two] == ["3", "2"]
