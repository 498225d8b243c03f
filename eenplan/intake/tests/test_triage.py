"""Triage: urgency, the safety question, quick scan, decision; a case opened via cases.services."""

import pytest
from django.core.exceptions import ValidationError

from eenplan.cases.models import Case, Phase, SafetyStatus
from eenplan.core.models import Notification
from eenplan.intake import services
from eenplan.intake.models import Signal, SignalStatus, Triage, TriageDecision
from eenplan.testing.factories import HouseholdMemberFactory, TeamFactory, UserFactory, WijkFactory

from .factories import make_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    wijk = WijkFactory(postcode_areas="3511")
    team = TeamFactory(wijken=[wijk])
    pro = UserFactory(team=team, username="pro")
    specialist = UserFactory(team=team, roles=["safety_specialist", "professional"], username="spec")
    other_specialist = UserFactory(team=TeamFactory(), roles=["safety_specialist"], username="other-spec")
    return wijk, team, pro, specialist, other_specialist


def decide(signal, by, **kw):
    args = dict(urgency="normaal", unsafe="nee", children="nee", decision=TriageDecision.ADVICE)
    args.update(kw)
    return services.triage_decide(signal=signal, by=by, **args)


def test_safety_unknown_flags_and_notifies_the_teams_specialist(world):
    wijk, team, pro, specialist, other = world
    signal = make_signal(subject_name="Petra de Wit", postcode="3511 AB", house_number=4)
    assert signal.team == team  # placed by the postcode's wijk
    triage = decide(signal, pro, unsafe="onbekend", safety_note="Buren horen geschreeuw", decision=TriageDecision.CASE_OPENED, routed_to=pro)
    assert triage.safety_flag
    case = triage.case
    assert case.regisseur == pro and case.phase == Phase.VRAAGVERHELDERING and case.team == team
    assert case.safety_changes.get().status == SafetyStatus.ONBEKEND
    person = case.household.members.get().person
    assert case.household.wijk == wijk and (person.given_names, person.surname_prefix, person.surname) == ("Petra", "de", "Wit")
    assert case.household.name == "Huishouden De Wit"
    notes = Notification.objects.filter(kind="triage_safety")
    assert [n.user for n in notes] == [specialist]
    assert notes.get().case == case
    signal.refresh_from_db()
    assert signal.status == SignalStatus.TRIAGED and signal.case == case


def test_safety_yes_makes_the_case_unsafe(world):
    _, team, pro, *_ = world
    signal = make_signal(team=team)
    triage = decide(signal, pro, unsafe="ja", safety_note="Moeder vertelt over geweld", decision=TriageDecision.CASE_OPENED,
                    routed_to=pro, household_name="Huishouden Jansen")
    assert triage.case.safety_status == SafetyStatus.ONVEILIG
    assert triage.case.household.name == "Huishouden Jansen"


def test_unknown_with_children_still_flags(world):
    _, team, pro, specialist, _ = world
    member = HouseholdMemberFactory(household__wijk=team.wijken.first(), role="kind")
    signal = make_signal(team=team, household=member.household)
    triage = decide(signal, pro, unsafe="onbekend", children="ja", safety_note="Onduidelijk", decision=TriageDecision.CASE_OPENED, routed_to=pro)
    assert triage.case.safety_status == SafetyStatus.ONBEKEND
    assert Notification.objects.filter(user=specialist, kind="triage_safety").exists()


def test_doing_nothing_is_a_recorded_outcome(world):
    _, team, pro, specialist, _ = world
    signal = make_signal(team=team)
    triage = decide(signal, pro, decision=TriageDecision.NOTHING, note="Buurvrouw gerustgesteld, niets nodig")
    assert triage.solved_at_triage and triage.case is None and triage.decided_at
    assert not Case.objects.exists() and not Notification.objects.exists()


def test_referral_needs_to_whom(world):
    _, team, pro, *_ = world
    signal = make_signal(team=team)
    with pytest.raises(ValidationError) as exc:
        decide(signal, pro, decision=TriageDecision.REFERRED)
    assert "referred_to" in exc.value.message_dict
    assert not Triage.objects.exists()
    decide(signal, pro, decision=TriageDecision.REFERRED, referred_to="Schuldhulpverlening gemeente")


def test_unsafe_needs_a_note_and_nothing_is_half_written(world):
    _, team, pro, *_ = world
    signal = make_signal(team=team)
    with pytest.raises(ValidationError) as exc:
        decide(signal, pro, unsafe="ja", decision=TriageDecision.CASE_OPENED, routed_to=pro)
    assert "safety_note" in exc.value.message_dict
    assert not Case.objects.exists() and Signal.objects.get().status == SignalStatus.OPEN


def test_case_needs_an_address_in_a_wijk(world):
    _, team, pro, *_ = world
    signal = make_signal(team=team, subject_phone="0611111111")
    with pytest.raises(ValidationError) as exc:
        decide(signal, pro, decision=TriageDecision.CASE_OPENED, routed_to=pro)
    assert "decision" in exc.value.message_dict


def test_triage_only_once(world):
    _, team, pro, *_ = world
    signal = make_signal(team=team)
    decide(signal, pro)
    with pytest.raises(ValidationError):
        decide(signal, pro)


def test_household_with_an_open_case_is_refused_clearly(world):
    from eenplan.testing.factories import CaseFactory

    _, team, pro, *_ = world
    case = CaseFactory(team=team, involved=[pro])
    signal = make_signal(team=team, household=case.household)
    with pytest.raises(ValidationError) as exc:
        decide(signal, pro, decision=TriageDecision.CASE_OPENED, routed_to=pro)
    assert f"#{case.pk}" in " ".join(exc.value.messages)
    assert not Triage.objects.exists() and Case.objects.count() == 1
