"""The insight pages read their figures from a snapshot (ADR 0134): kept until the hourly job or "Cijfers
vernieuwen" computes them again; another period is computed on request; the snapshot is what the page shows."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.insights.models import FigureSnapshot
from eenplan.insights.periods import default_period
from eenplan.ops.jobs import run_job
from eenplan.organisation.models import Team, Wijk
from eenplan.testing.factories import TeamFactory, UserFactory
from eenplan.testing.queries import count_queries

from .test_queries import add_cases

pytestmark = pytest.mark.django_db


def open_cases(snapshot) -> int:
    """The total of the "cases per phase" table in a snapshot: the open cases at the end of the period."""
    for _code, tables in snapshot.figures["sections"]:
        for table in tables:
            if table["key"] == "cases_per_phase":
                total = next(row for row in table["rows"] if row[1])
                return total[2][0][0]
    raise AssertionError("no cases_per_phase table")


@pytest.fixture
def town():
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    add_cases(team, pro, 6)
    return team, pro


def test_the_page_shows_its_snapshot_until_it_is_computed_again(town, verified_client):
    team, pro = town
    client = verified_client(UserFactory(roles=[RoleCode.POLICY]))
    page = client.get("/inzicht/gemeente/")
    assert page.status_code == 200
    assert "Cijfers van " in page.content.decode()
    snapshot = FigureSnapshot.objects.get(scope_kind="municipality", unit=0)
    assert open_cases(snapshot) == 6
    first_at = snapshot.computed_at

    add_cases(team, pro, 4)
    client.get("/inzicht/gemeente/")
    snapshot.refresh_from_db()
    assert (open_cases(snapshot), snapshot.computed_at) == (6, first_at)  # read, not recomputed

    response = client.post("/inzicht/gemeente/vernieuwen/")
    assert response.status_code == 302 and response["Location"] == "/inzicht/gemeente/"
    snapshot.refresh_from_db()
    assert open_cases(snapshot) == 10 and snapshot.computed_at > first_at
    page = client.get("/inzicht/gemeente/").content.decode()
    assert "De cijfers zijn opnieuw berekend." in page
    assert FigureSnapshot.objects.count() == 1


def test_another_period_is_computed_on_request_and_not_kept(town, verified_client):
    client = verified_client(UserFactory(roles=[RoleCode.POLICY]))
    start = (timezone.localdate() - timedelta(days=59)).strftime("%d-%m-%Y")
    end = timezone.localdate().strftime("%d-%m-%Y")
    page = client.get(f"/inzicht/gemeente/?van={start}&tot={end}").content.decode()
    assert "berekend voor deze periode" in page
    assert "Cijfers opnieuw berekenen" not in page  # nothing kept, so nothing to refresh
    assert not FigureSnapshot.objects.exists()


def test_a_page_with_its_snapshot_runs_far_fewer_queries(town, verified_client):
    team, _pro = town
    client = verified_client(UserFactory(roles=[RoleCode.POLICY]))
    start = (timezone.localdate() - timedelta(days=59)).strftime("%d-%m-%Y")
    end = timezone.localdate().strftime("%d-%m-%Y")
    assert client.get(f"/inzicht/teams/{team.pk}/?van={start}&tot={end}").status_code == 200
    computed = count_queries(lambda: client.get(f"/inzicht/teams/{team.pk}/?van={start}&tot={end}"))
    client.get(f"/inzicht/teams/{team.pk}/")
    stored = count_queries(lambda: client.get(f"/inzicht/teams/{team.pk}/"))
    assert stored * 2 < computed, (stored, computed)


def test_the_job_computes_every_page_and_removes_earlier_periods(town):
    old = default_period(timezone.localdate() - timedelta(days=1))
    FigureSnapshot.objects.create(scope_kind="municipality", unit=0, period_start=old.start, period_end=old.end,
                                  computed_at=timezone.now(), figures={})
    run = run_job("insight_figures", trigger="command", on=timezone.localdate())
    assert run.status == "succeeded", run.summary
    pages = 1 + Team.objects.count() + Wijk.objects.count()
    today = default_period(timezone.localdate())
    assert FigureSnapshot.objects.filter(period_start=today.start, period_end=today.end).count() == pages
    assert FigureSnapshot.objects.count() == pages  # yesterday's period removed
    assert f"{pages} inzichtpagina" in run.summary


def test_the_job_computes_the_grids_once_and_each_page_as_it_would_alone(town):
    """Every page's grids are those of all teams and wijken, so the job computes them for its first page and the
    other pages reuse them; what each page keeps is what computing it alone gives."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eenplan.insights.framework import MUNICIPALITY, TEAM, WIJK, Scope
    from eenplan.insights.snapshots import compute, snapshots_refresh_all

    other = TeamFactory()
    add_cases(other, UserFactory(roles=[RoleCode.PROFESSIONAL], team=other), 3)
    period = default_period(timezone.localdate())
    scopes = ([Scope(MUNICIPALITY)] + [Scope(TEAM, t) for t in Team.objects.order_by("pk")]
              + [Scope(WIJK, w) for w in Wijk.objects.order_by("pk")])
    alone = [compute(scope, period) for scope in scopes]
    with CaptureQueriesContext(connection) as one_page:
        compute(Scope(MUNICIPALITY), period)
    with CaptureQueriesContext(connection) as job:
        snapshots_refresh_all(timezone.localdate())

    def grid_statements(queries):
        return sum(1 for q in queries.captured_queries if '"ins_r0"' in q["sql"])

    assert len(scopes) >= 5 and grid_statements(one_page) > 5
    assert grid_statements(job) == grid_statements(one_page)
    kept = {(s.scope_kind, s.unit): s.figures for s in FigureSnapshot.objects.all()}
    assert [without_chart_ids(kept[(scope.kind, scope.obj.pk if scope.obj else 0)]) for scope in scopes] == [
        without_chart_ids(json.loads(json.dumps(figures))) for figures in alone]


def without_chart_ids(figures: dict) -> dict:
    """The figures with each chart's SVG left out: pygal gives every chart a random element id."""
    for _code, tables in figures["sections"]:
        for table in tables:
            table.pop("chart_svg")
    figures["multiples"] = [[name, text, cells] for name, _uri, text, cells in figures["multiples"]]
    return figures


def test_refreshing_a_team_one_may_not_see_is_refused_and_logged(town, verified_client):
    team, _pro = town
    other = TeamFactory()
    client = verified_client(UserFactory(roles=[RoleCode.PROFESSIONAL], team=other))
    response = client.post(f"/inzicht/teams/{team.pk}/vernieuwen/")
    assert response.status_code == 403
    assert not FigureSnapshot.objects.exists()
    assert AccessLogEntry.objects.filter(record_type="insights", record_id=f"team:{team.pk}",
                                         outcome=Outcome.REFUSED).exists()


def test_a_refresh_is_a_post(town, verified_client):
    team, _pro = town
    client = verified_client(UserFactory(roles=[RoleCode.POLICY]))
    assert client.get(f"/inzicht/teams/{team.pk}/vernieuwen/").status_code == 405
    assert not FigureSnapshot.objects.exists()
