"""The unusual-access report, on hand-made log lines with known answers."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from eenplan.access.models import AccessGrant, AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.privacy import selectors
from eenplan.testing.factories import CaseFactory, HouseholdFactory, TeamFactory, UserFactory

from .data import officer

pytestmark = pytest.mark.django_db


def line(user, at, *, case=None, household_id=None, outcome=Outcome.ALLOWED, action=Action.READ):
    return AccessLogEntry.objects.create(
        at=at, user=user, username=user.username, action=action, outcome=outcome, record_type="cases.Case",
        case_id=case.pk if case else None, household_id=household_id or (case.household_id if case else None),
    )


def local(day, hour):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 15))


@pytest.fixture
def setup(settings):
    settings.PRIVACY_WORKING_HOURS = (7, 19)
    settings.PRIVACY_WORKING_DAYS = (1, 2, 3, 4, 5)
    settings.PRIVACY_BULK_READ_THRESHOLD = 3
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, username="anna")
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team, username="gerrit")
    case = CaseFactory(team=team, regisseur=pro)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)  # a Monday last week
    return dict(team=team, pro=pro, lead=lead, case=case, monday=monday)


def test_read_outside_caseload_flags_only_reads_without_involvement_or_grant(setup):
    s = setup
    line(s["pro"], local(s["monday"], 10), case=s["case"])                      # involved: fine
    outside = line(s["lead"], local(s["monday"], 10), case=s["case"])           # not involved, no grant
    at = local(s["monday"], 11)
    AccessGrant.objects.create(user=s["lead"], case=s["case"], reason="Klacht van de moeder over de regisseur.",
                               granted_at=at - timedelta(minutes=5), expires_at=at + timedelta(hours=8))
    line(s["lead"], at, case=s["case"])                                         # with a grant running: fine
    line(s["lead"], local(s["monday"], 12), case=s["case"], outcome=Outcome.REFUSED)  # refused: not a read
    found = list(selectors.reads_outside_caseload(s["monday"], s["monday"]))
    assert found == [outside]
    grants = selectors.grants_per_lead(s["monday"], s["monday"])
    assert [(g["user"].username, len(g["grants"])) for g in grants] == [("gerrit", 1)]
    assert [(r["username"], r["n"]) for r in selectors.refusals(s["monday"], s["monday"])] == [("gerrit", 1)]


def test_bulk_reads_count_different_clients_within_one_hour(setup):
    s = setup
    households = [HouseholdFactory() for _ in range(4)]
    for h in households[:3]:
        line(s["pro"], local(s["monday"], 9), household_id=h.pk)
    line(s["pro"], local(s["monday"], 9), household_id=households[0].pk)   # same client twice
    line(s["pro"], local(s["monday"], 11), household_id=households[3].pk)  # another hour
    for h in households[:2]:
        line(s["lead"], local(s["monday"], 9), household_id=h.pk)          # below the threshold
    bulk = selectors.bulk_reads(s["monday"], s["monday"])
    assert [(b.username, b.clients, b.reads) for b in bulk] == [("anna", 3, 4)]


def test_outside_working_hours_uses_local_time_and_weekdays(setup):
    s = setup
    line(s["pro"], local(s["monday"], 6), case=s["case"])                         # before 7
    line(s["pro"], local(s["monday"], 19), case=s["case"])                        # 19:15 is after hours
    line(s["pro"], local(s["monday"], 18), case=s["case"])                        # in hours
    line(s["pro"], local(s["monday"] + timedelta(days=5), 11), case=s["case"])    # Saturday
    found = selectors.outside_working_hours(s["monday"], s["monday"] + timedelta(days=6))
    assert sorted(timezone.localtime(e.at).hour for e in found) == [6, 11, 19]


def test_report_page_and_csv_are_logged(setup, verified_client):
    s = setup
    line(s["lead"], local(s["monday"], 22), case=s["case"])
    fg = officer()
    client = verified_client(fg)
    params = {"date_from": s["monday"].isoformat(), "date_until": s["monday"].isoformat()}
    html = client.get("/privacy/ongebruikelijk/", params).content.decode()
    assert "Bekeken buiten de eigen caseload" in html and "Buiten werktijd" in html
    response = client.get("/privacy/ongebruikelijk/", {**params, "format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert "Bekeken buiten caseload" in body and "Buiten werktijd" in body
    assert list(AccessLogEntry.objects.filter(user=fg).order_by("pk").values_list("action", flat=True)) == [Action.SEARCH, Action.EXPORT]


def test_report_query_count_does_not_grow_with_the_log(setup, verified_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    s = setup
    client = verified_client(officer())
    params = {"date_from": s["monday"].isoformat(), "date_until": (s["monday"] + timedelta(days=6)).isoformat()}

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/privacy/ongebruikelijk/", params).status_code == 200
        return len(ctx.captured_queries)

    line(s["lead"], local(s["monday"], 22), case=s["case"])
    count()  # warm up: the first request fills per-process caches (menu, content types)
    count()  # warm-up: the session is saved at most once a minute, so the first request writes it
    few = count()
    for day in range(5):
        for hour in (5, 10, 21):
            line(s["lead"], local(s["monday"] + timedelta(days=day), hour), case=s["case"])
            line(s["pro"], local(s["monday"] + timedelta(days=day), hour), household_id=HouseholdFactory().pk)
        at = local(s["monday"] + timedelta(days=day), 9)
        AccessGrant.objects.create(user=s["lead"], case=s["case"], reason="Klacht over de hulp, uitzoeken.", granted_at=at,
                                   expires_at=at + timedelta(hours=8))
    assert count() == few


def test_person_lookup_is_logged_with_the_people_shown(verified_client):
    from eenplan.testing.factories import PersonFactory

    person = PersonFactory(given_names="Sandra", surname="Veldman")
    fg = officer()
    verified_client(fg).get("/privacy/inzage/", {"q": "Veldman"})
    entry = AccessLogEntry.objects.get(user=fg, action=Action.SEARCH)
    assert entry.shown_ids == [person.pk]
