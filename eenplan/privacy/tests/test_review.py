"""The privacy officer's review: every attempt on a household or person, refusals included; paged; CSV; logged."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.access.audit import log_access
from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory

from .data import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, username="anna")
    snoop = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, username="bram")
    member = HouseholdMemberFactory(household__name="Gezin Veldman")
    case = CaseFactory(household=member.household, team=team, regisseur=pro)
    other = HouseholdMemberFactory(household__name="Gezin Anders")
    log_access(user=pro, action=Action.READ, record=case)                                  # via the case
    log_access(user=snoop, action=Action.READ, record=case, outcome=Outcome.REFUSED)       # refused
    log_access(user=snoop, action=Action.READ, record=member.person, outcome=Outcome.REFUSED)  # the person only
    log_access(user=pro, action=Action.READ, record=member.household)                      # the household
    log_access(user=pro, action=Action.READ, record=other.household)                       # someone else
    return dict(team=team, pro=pro, snoop=snoop, member=member, case=case, other=other)


def test_household_search_finds_every_attempt_including_refusals(town, verified_client):
    client = verified_client(officer())
    response = client.get("/privacy/toegang/", {"household": "Veldman"})
    assert response.status_code == 200
    page = response.context["page"]
    rows = [(e.username, e.outcome) for e in page]
    assert sorted(rows) == [("anna", "allowed"), ("anna", "allowed"), ("bram", "refused"), ("bram", "refused")]
    assert response.context["household"] == town["member"].household


def test_person_search_includes_their_household_and_cases(town, verified_client):
    client = verified_client(officer())
    page = client.get("/privacy/toegang/", {"person": town["member"].person.pk}).context["page"]
    assert page.paginator.count == 4


def test_filter_by_user_outcome_and_ambiguous_household_name(town, verified_client):
    client = verified_client(officer())
    page = client.get("/privacy/toegang/", {"household": "Veldman", "username": "bram", "outcome": "refused"}).context["page"]
    assert page.paginator.count == 2
    response = client.get("/privacy/toegang/", {"household": "Gezin"})
    assert not response.context["searched"]
    assert "Meer dan één huishouden gevonden" in response.content.decode()
    assert len(response.context["household_choices"]) == 2


def test_bad_period_is_a_message_on_the_field_and_keeps_the_input(town, verified_client):
    client = verified_client(officer())
    response = client.get("/privacy/toegang/", {"household": "Veldman", "date_from": "2026-05-01", "date_until": "2026-04-01"})
    html = response.content.decode()
    assert "De einddatum ligt voor de begindatum." in html
    assert 'value="Veldman"' in html


def test_review_and_csv_export_are_logged_with_the_client(town, verified_client):
    fg = officer()
    client = verified_client(fg)
    household_id = town["member"].household_id
    client.get("/privacy/toegang/", {"household": household_id})
    response = client.get("/privacy/toegang/", {"household": household_id, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Wanneer"
    # the earlier review is itself a line about the household now
    assert {r[1] for r in rows[1:]} == {"anna", "bram", "pieter"}
    mine = AccessLogEntry.objects.filter(user=fg, household_id=household_id)
    assert list(mine.order_by("pk").values_list("action", flat=True)) == [Action.SEARCH, Action.EXPORT]


@pytest.mark.parametrize("code", [RoleCode.FUNCTIONAL_ADMIN, RoleCode.TEAM_LEAD, RoleCode.PROFESSIONAL, RoleCode.POLICY])
def test_other_roles_are_refused_and_the_refusal_logged(code, town, verified_client):
    user = UserFactory(roles=[code])
    client = verified_client(user)
    for url in ["/privacy/toegang/", "/privacy/ongebruikelijk/", f"/privacy/inzage/{town['member'].person_id}/json/"]:
        assert client.get(url).status_code == 403
    assert AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED).count() == 3


def test_review_page_query_count_does_not_grow_with_the_log(town, verified_client):
    client = verified_client(officer())
    household = town["member"].household

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/privacy/toegang/", {"household": household.pk}).status_code == 200
        return len(ctx.captured_queries)

    count()  # warm up: the first request fills per-process caches (menu, content types)
    count()  # warm-up: the session is saved at most once a minute, so the first request writes it
    few = count()
    for _ in range(60):  # more than a page
        log_access(user=town["snoop"], action=Action.READ, record=town["case"], outcome=Outcome.REFUSED)
    assert count() == few


def test_acting_role_reads_as_words_not_codes():
    from eenplan.access.labels import basis_label

    assert basis_label("team_lead:reden") == "teamleider, inzage met reden"
    assert basis_label("professional:reden") == "Professional (met opgegeven reden)"
    assert basis_label("front_office,professional") == "Frontoffice, Professional"
    assert basis_label("betrokken") == "betrokken bij de casus"


def test_list_pages_that_showed_the_client_count_as_a_look(town, verified_client):
    """Caseloads, team lists and searches log the ids they showed; the review finds those lines too."""
    case, member = town["case"], town["member"]
    log_access(user=town["pro"], action=Action.READ, record_type="caseload", shown_ids=[case.pk, 9999])
    log_access(user=town["snoop"], action=Action.SEARCH, record_type="people.Person", shown_ids=[member.person_id])
    log_access(user=town["snoop"], action=Action.SEARCH, record_type="people.Person", shown_ids=[town["other"].person_id])
    log_access(user=town["pro"], action=Action.READ, record_type="caseload", shown_ids=[case.pk * 10 + 1])  # not this case
    client = verified_client(officer())
    page = client.get("/privacy/toegang/", {"household": member.household_id}).context["page"]
    listed = sorted((e.username, e.record_type) for e in page if e.shown_ids)
    assert listed == [("anna", "caseload"), ("bram", "people.Person")]
    by_person = client.get("/privacy/toegang/", {"person": member.person_id}).context["page"]
    assert sorted((e.username, e.record_type) for e in by_person if e.shown_ids) == listed
    by_case = client.get("/privacy/toegang/", {"case_id": case.pk}).context["page"]
    assert [(e.username, e.record_type) for e in by_case if e.shown_ids] == [("anna", "caseload")]


def test_record_kind_reads_as_a_word():
    from eenplan.access.labels import record_label

    assert record_label("cases.Case") == "casus"
    assert record_label("cases.PlannedItem") == "geplande taak"  # a model without a verbose name of its own
    assert record_label("caseload") == "caseload"
    assert record_label("no.Such") == "no.Such"

