"""Hand-made privacy test data: a small town whose answers are known."""

from datetime import date, timedelta

from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.assessment.models import ZrmMeasurement
from eenplan.cases.models import Phase
from eenplan.intake.models import Channel, Signal, SignalStatus, SourceType
from eenplan.people.models import MemberRole
from eenplan.safety.models import MeldcodeTrajectory
from eenplan.socialmap.models import Organisation, SharingBasis
from eenplan.testing.factories import (
    CaseFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)


def officer():
    return UserFactory(roles=[RoleCode.PRIVACY_OFFICER], username="pieter")


def years_ago(years: int, days: int = 0, today: date | None = None):
    today = today or timezone.localdate()
    day = today.replace(year=today.year - years) - timedelta(days=days)
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 12, 0))


def household_with(*, adults=1, children=0, name="Gezin Test"):
    household = HouseholdFactory(name=name)
    people = [HouseholdMemberFactory(household=household, role=MemberRole.PARENT).person for _ in range(adults)]
    people += [HouseholdMemberFactory(household=household, role=MemberRole.CHILD,
                                      person=PersonFactory(birth_date=timezone.localdate() - timedelta(days=365 * 8))).person
               for _ in range(children)]
    return household, people


def closed_case(household, *, closed_at, team=None, pro=None):
    team = team or TeamFactory()
    pro = pro or UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    case = CaseFactory(household=household, team=team, regisseur=pro, phase=Phase.AFGESLOTEN, opened_at=closed_at - timedelta(days=200))
    case.closed_at = closed_at
    case.save(update_fields=["closed_at"])
    return case


def sharing_basis(case, *, legal_task, by):
    org = Organisation.objects.get_or_create(name="Werkplein Test")[0]
    return SharingBasis.objects.create(case=case, organisation=org, kind="wettelijke_taak", legal_task=legal_task, purpose="afstemming",
                                       necessity="Nodig voor de afstemming.", categories=["contactgegevens"],
                                       valid_from=case.opened_at.date(), recorded_by=by, recorded_at=case.opened_at)


def signal(*, household=None, person=None, case=None, received_at=None, status=SignalStatus.TRIAGED, **kw):
    received_at = received_at or timezone.now()
    return Signal.objects.create(
        channel=Channel.PHONE, source=SourceType.objects.get(code="buren"), received_at=received_at, reported_on=received_at.date(),
        household=household, person=person, case=case, status=status, description=kw.pop("description", "Zorgen over de post."), **kw,
    )


def zrm(case, person, by):
    from eenplan.testing.factories import zrm_domain

    domain = zrm_domain()
    measurement = ZrmMeasurement.objects.create(case=case, person=person, instrument=domain.instrument, measured_on=timezone.localdate(),
                                                by=by, note=f"Meting van {person.given_names}")
    return measurement


def running_meldcode(case, by):
    return MeldcodeTrajectory.objects.create(case=case, started_at=timezone.now(), started_by=by, concern="Blauwe plekken gezien.")
