"""Issue 11: the demo town's stories hang together. Over one seeded town: names in plan texts are members of that
household; dates are in order; ages fit the instruments; partners and what is agreed with them fit; the rota
has no weekend days."""

import re
from datetime import date

import pytest
from django.core.management import call_command

from eenplan.assessment.models import ParticipationMeasurement, ZrmMeasurement
from eenplan.cases.models import Case
from eenplan.demo.names import GIVEN_ADULT, GIVEN_CHILD
from eenplan.intake.models import DutyDay
from eenplan.plans.models import Goal, PlanAction, ProblemStatement, RegieReason, Solution
from eenplan.socialmap.demo import AGREEMENTS, LEGAL_TASKS
from eenplan.socialmap.models import Agreement, SharingBasis

pytestmark = pytest.mark.django_db

GIVEN = set(GIVEN_ADULT) | set(GIVEN_CHILD) | {"Jesse"}
NAME = re.compile(r"\b(" + "|".join(sorted(GIVEN, key=len, reverse=True)) + r")\b")


@pytest.fixture(scope="module")
def town(django_db_setup, django_db_blocker):
    from django.test import override_settings

    from eenplan.testing.migration_data import restore_migration_data

    with django_db_blocker.unblock(), override_settings(DEBUG=True, EENPLAN_DEMO=True):  # seed_demo runs only in demo mode
        restore_migration_data()  # a transactional test before this one (in any order) emptied every table
        call_command("seed_demo", households=80, seed=11, quiet=True)
        yield
        call_command("flush", interactive=False, verbosity=0)
        restore_migration_data()


def age(person, on: date):
    b = person.birth_date
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def members_of(case):
    return {m.person.given_names.split()[0] for m in case.household.members.select_related("person")}


def test_names_in_plan_texts_are_members_of_that_household(town):
    texts = []
    for p in ProblemStatement.objects.select_related("version__plan__case__household"):
        texts.append((p.version.plan.case, p.text))
    for g in Goal.objects.select_related("version__plan__case__household"):
        texts += [(g.version.plan.case, g.title), (g.version.plan.case, g.result)]
    for s in Solution.objects.select_related("goal__version__plan__case__household"):
        texts.append((s.goal.version.plan.case, s.description))
    for a in PlanAction.objects.select_related("goal__version__plan__case__household"):
        texts += [(a.goal.version.plan.case, a.what), (a.goal.version.plan.case, a.owner_name if a.owner_kind == "inwoner" else "")]
    for r in RegieReason.objects.select_related("case__household"):
        texts.append((r.case, r.reason))
    assert len(texts) > 50
    strangers = [(case.pk, text) for case, text in texts for name in NAME.findall(text) if name not in members_of(case)]
    assert not strangers


def test_measurements_lie_within_their_case_and_fit_the_age(town):
    zrm = list(ZrmMeasurement.objects.select_related("case", "person", "instrument"))
    ladder = list(ParticipationMeasurement.objects.select_related("case", "person"))
    assert zrm and ladder
    for m in zrm + ladder:
        assert m.measured_on >= m.case.opened_at.date(), (m.pk, "before the case existed")
        if m.case.closed_at:
            assert m.measured_on <= m.case.closed_at.date(), (m.pk, "after the case closed")
    for m in zrm:
        years = age(m.person, m.measured_on)
        if m.instrument.code == "zrm-jongeren":
            assert 12 <= years < 18, (m.pk, years)
        else:
            assert years >= 18, (m.pk, years)
    for m in ladder:
        years = age(m.person, m.measured_on)
        assert years >= 18, (m.pk, years)
        if years >= 67:
            assert m.level <= 4, (m.pk, years, m.get_level_display())  # no paid work past the state pension age


def test_case_dates_are_in_order(town):
    for case in Case.objects.prefetch_related("transitions"):
        times = [t.at for t in case.transitions.all()]
        assert times == sorted(times) and times[0] >= case.opened_at
        if case.closed_at:
            assert case.closed_at >= case.opened_at


def test_what_is_agreed_with_a_partner_fits_that_partner(town):
    agreements = list(Agreement.objects.select_related("partner__organisation"))
    assert agreements
    for a in agreements:
        assert a.description in AGREEMENTS[a.partner.organisation.name], (a.partner.organisation.name, a.description)
    for basis in SharingBasis.objects.select_related("organisation").exclude(kind="zorgmijding"):
        if basis.organisation.name in LEGAL_TASKS:
            assert basis.legal_task == LEGAL_TASKS[basis.organisation.name]


def test_the_rota_skips_weekends_as_the_cycle_does(town):
    days = list(DutyDay.objects.values_list("day", flat=True))
    assert days and all(d.weekday() < 5 for d in days)
