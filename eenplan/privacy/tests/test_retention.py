"""The retention job on a hand-made town with known answers: the dry run first, then the real run."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from eenplan.access.audit import log_access
from eenplan.access.models import AccessLogEntry, Action
from eenplan.accounts.models import RoleCode
from eenplan.assessment.models import ZrmMeasurement
from eenplan.cases.models import Case, Phase
from eenplan.intake.models import Signal, SignalStatus
from eenplan.people.models import Household, Person
from eenplan.privacy.models import RemovalKind, RemovalRecord
from eenplan.privacy.services import retention_run
from eenplan.testing.factories import CaseFactory, PersonFactory, TeamFactory, UserFactory

from .data import closed_case, household_with, sharing_basis, signal, zrm

pytestmark = pytest.mark.django_db

TODAY = date(2030, 6, 1)


def at(years, days=0):
    day = TODAY.replace(year=TODAY.year - years) - timedelta(days=days)
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 12, 0))


@pytest.fixture
def town(settings):
    settings.RETENTION_YEARS = {"jeugdwet": 20, "wmo": 15, "participatiewet": 5}
    settings.RETENTION_YEARS_SIGNAL = 2
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    t = {}
    t["old_wmo"], (t["old_wmo_adult"],) = household_with(name="Gezin Oud-Wmo")
    t["old_wmo_case"] = closed_case(t["old_wmo"], closed_at=at(16), team=team, pro=pro)
    zrm(t["old_wmo_case"], t["old_wmo_adult"], pro)
    t["old_wmo_signal"] = signal(household=t["old_wmo"], case=t["old_wmo_case"], received_at=at(16, 300))
    log_access(user=pro, action=Action.READ, record=t["old_wmo_case"])

    t["old_youth"], _people = household_with(children=1, name="Gezin Oud-Jeugd")
    t["old_youth_case"] = closed_case(t["old_youth"], closed_at=at(16), team=team, pro=pro)

    t["work"], (t["work_adult"],) = household_with(name="Gezin Werk")
    t["work_case"] = closed_case(t["work"], closed_at=at(6), team=team, pro=pro)
    sharing_basis(t["work_case"], legal_task="participatiewet", by=pro)

    t["two"], (t["two_adult"],) = household_with(name="Gezin Twee")
    t["two_old_case"] = closed_case(t["two"], closed_at=at(16), team=team, pro=pro)
    t["two_open_case"] = CaseFactory(household=t["two"], team=team, regisseur=pro, phase=Phase.ONDERSTEUNING)

    t["recent"], _people = household_with(name="Gezin Recent")
    t["recent_case"] = closed_case(t["recent"], closed_at=at(2), team=team, pro=pro)

    t["loose"] = PersonFactory(given_names="Losse")
    t["old_signal"] = signal(person=t["loose"], received_at=at(3), status=SignalStatus.WITHDRAWN)
    t["open_signal"] = signal(received_at=at(3), status=SignalStatus.OPEN, subject_name="Onbekende buurman")
    return t


def expected(t):
    return dict(
        cases=sorted([t["old_wmo_case"].pk, t["work_case"].pk, t["two_old_case"].pk]),
        households=sorted([t["old_wmo"].pk, t["work"].pk]),
        people=sorted([t["old_wmo_adult"].pk, t["work_adult"].pk, t["loose"].pk]),
        signals=sorted([t["old_wmo_signal"].pk, t["old_signal"].pk]),
    )


def test_dry_run_reports_exactly_what_the_real_run_removes_and_changes_nothing(town):
    want = expected(town)
    log_lines = AccessLogEntry.objects.count()
    before = (Case.objects.count(), Household.objects.count(), Person.objects.count(), Signal.objects.count())
    assert before == (6, 5, 7, 3)
    report = retention_run(today=TODAY, dry_run=True)
    assert sorted(report.removal.case_ids) == want["cases"]
    assert sorted(report.removal.household_ids) == want["households"]
    assert sorted(report.removal.person_ids) == want["people"]
    assert sorted(report.removal.signal_ids) == want["signals"]
    assert report.removal.counts["assessment.ZrmMeasurement"] == 1
    assert {row["case_id"]: row["law"] for row in report.cases} == {
        town["old_wmo_case"].pk: "wmo", town["work_case"].pk: "participatiewet", town["two_old_case"].pk: "wmo"}
    # nothing changed
    assert (Case.objects.count(), Household.objects.count(), Person.objects.count(), Signal.objects.count()) == before
    assert AccessLogEntry.objects.count() == log_lines
    assert not RemovalRecord.objects.exists()

    real = retention_run(today=TODAY, dry_run=False)
    assert real.removal.as_dict() == report.removal.as_dict()


def test_real_run_removes_past_retention_keeps_the_rest_and_the_log(town):
    want = expected(town)
    log_before = set(AccessLogEntry.objects.values_list("pk", flat=True))
    report = retention_run(today=TODAY, dry_run=False)

    assert sorted(Case.objects.values_list("pk", flat=True)) == sorted(
        [town["old_youth_case"].pk, town["two_open_case"].pk, town["recent_case"].pk])
    assert set(Household.objects.values_list("name", flat=True)) == {"Gezin Oud-Jeugd", "Gezin Twee", "Gezin Recent"}
    assert not Household.objects.filter(pk__in=want["households"]).exists()
    assert not Person.objects.filter(pk__in=want["people"]).exists()
    assert Person.objects.filter(pk=town["two_adult"].pk).exists()          # still has an open case
    assert not ZrmMeasurement.objects.filter(person_id=town["old_wmo_adult"].pk).exists()
    assert list(Signal.objects.values_list("pk", flat=True)) == [town["open_signal"].pk]

    # the log keeps every line, and gains one per removed case, household and person
    assert log_before <= set(AccessLogEntry.objects.values_list("pk", flat=True))
    deleted = AccessLogEntry.objects.filter(action=Action.DELETE, username="retentie-taak")
    assert sorted(deleted.filter(record_type="cases.Case").values_list("case_id", flat=True)) == want["cases"]
    assert sorted(deleted.filter(record_type="people.Household").values_list("household_id", flat=True)) == want["households"]
    assert sorted(deleted.filter(record_type="people.Person").values_list("person_id", flat=True)) == want["people"]
    assert AccessLogEntry.objects.filter(case_id=town["old_wmo_case"].pk, action=Action.READ).exists()

    record = RemovalRecord.objects.get()
    assert record.kind == RemovalKind.RETENTION and record.pk == report.record.pk
    assert sorted(record.case_ids) == want["cases"] and sorted(record.person_ids) == want["people"]
    assert "Oud-Wmo" not in str(record.__dict__)  # ids and counts only, no names

    again = retention_run(today=TODAY, dry_run=False)
    assert again.removal.case_ids == [] and again.removal.person_ids == []


def test_youth_case_goes_once_twenty_years_have_passed(town):
    later = TODAY + timedelta(days=365 * 4 + 2)
    assert town["old_youth_case"].pk in retention_run(today=later, dry_run=True).removal.case_ids


def test_management_command_dry_run_then_real(town):
    out = StringIO()
    call_command("retention", "--dry-run", "--date", TODAY.isoformat(), stdout=out)
    text = out.getvalue()
    assert text.startswith("DRY RUN")
    assert f"case {town['old_wmo_case'].pk} " in text and "cases 3, households 2, people 3, signals 2" in text
    assert Case.objects.filter(pk=town["old_wmo_case"].pk).exists()
    out = StringIO()
    call_command("retention", "--date", TODAY.isoformat(), stdout=out)
    assert out.getvalue().startswith("Removed (removal record")
    assert not Case.objects.filter(pk=town["old_wmo_case"].pk).exists()


def test_a_case_whose_records_protect_each_other_is_removed_whole(town):
    """An agreement protects its partner and a monitoring period its closing: all of the case goes."""
    from eenplan.followup.models import Closing, MonitoringPeriod
    from eenplan.socialmap.models import Agreement, CasePartner, Organisation

    case, by = town["old_wmo_case"], town["old_wmo_case"].regisseur
    org = Organisation.objects.create(name="Schuldhulp Test")
    partner = CasePartner.objects.create(case=case, organisation=org, role="schuldhulp", contact_name="Mw. Jansen",
                                         since=case.opened_at.date(), added_by=by, added_at=case.opened_at)
    Agreement.objects.create(case=case, partner=partner, description="Budgetplan maken", owner="Mw. Jansen",
                             due_on=case.opened_at.date(), created_by=by, created_at=case.opened_at)
    closing = Closing.objects.create(case=case, decided_on=case.closed_at.date(), outcome="monitoring", question_answered="ja",
                                     process="Goed.", lessons="Eerder beginnen.", self_reliance="gestegen", self_reliance_measured="gestegen",
                                     participation="gelijk", participation_measured="gelijk", by=by, created_at=case.closed_at)
    MonitoringPeriod.objects.create(case=case, closing=closing, starts_on=case.closed_at.date(), ends_on=case.closed_at.date(),
                                    started_by=by, started_at=case.closed_at)
    report = retention_run(today=TODAY, dry_run=False)
    assert case.pk in report.removal.case_ids
    assert {k: report.removal.counts[k] for k in ("socialmap.Agreement", "socialmap.CasePartner", "followup.Closing",
                                                 "followup.MonitoringPeriod")} == {
        "socialmap.Agreement": 1, "socialmap.CasePartner": 1, "followup.Closing": 1, "followup.MonitoringPeriod": 1}
    assert not CasePartner.objects.filter(pk=partner.pk).exists()
