import pytest
from django.core.exceptions import ValidationError

from eenplan.access.models import AccessLogEntry, Action
from eenplan.accounts.models import RoleCode
from eenplan.cases import services
from eenplan.cases.models import Phase, SafetyStatus
from eenplan.testing.factories import HouseholdFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pro():
    return UserFactory(roles=[RoleCode.PROFESSIONAL])


def test_open_case_records_transition_involvement_and_log(pro):
    case = services.case_open(household=HouseholdFactory(), team=TeamFactory(), by=pro, question="Huurachterstand")
    assert case.phase == Phase.AANMELDING
    assert list(case.transitions.values_list("to_phase", flat=True)) == [Phase.AANMELDING]
    assert case.involvements.filter(user=pro, until__isnull=True).exists()
    assert AccessLogEntry.objects.filter(action=Action.CREATE, case_id=case.pk, household_id=case.household_id).exists()


def test_second_open_case_is_refused_with_the_open_one(pro):
    household = HouseholdFactory()
    first = services.case_open(household=household, team=TeamFactory(), by=pro)
    with pytest.raises(services.CaseAlreadyOpen) as exc:
        services.case_open(household=household, team=first.team, by=pro)
    assert exc.value.existing == first


def test_closed_case_allows_a_new_one(pro):
    household = HouseholdFactory()
    first = services.case_open(household=household, team=TeamFactory(), by=pro)
    services.case_close(case=first, by=pro)
    second = services.case_open(household=household, team=first.team, by=pro)
    assert second.pk != first.pk


def test_phases_may_be_revisited_and_every_transition_is_kept(pro):
    case = services.case_open(household=HouseholdFactory(), team=TeamFactory(), by=pro)
    for phase in [Phase.TRIAGE, Phase.VRAAGVERHELDERING, Phase.PLAN, Phase.VRAAGVERHELDERING, Phase.ONDERSTEUNING]:
        case = services.case_transition(case=case, to_phase=phase, by=pro)
    assert list(case.transitions.values_list("to_phase", flat=True)) == [
        Phase.AANMELDING, Phase.TRIAGE, Phase.VRAAGVERHELDERING, Phase.PLAN, Phase.VRAAGVERHELDERING, Phase.ONDERSTEUNING,
    ]
    assert case.transitions.last().from_phase == Phase.VRAAGVERHELDERING


@pytest.mark.parametrize("bad", [Phase.AFGESLOTEN, "nonsense"])
def test_transition_refuses_close_and_unknown_phase(pro, bad):
    case = services.case_open(household=HouseholdFactory(), team=TeamFactory(), by=pro)
    with pytest.raises(ValidationError):
        services.case_transition(case=case, to_phase=bad, by=pro)
    case.refresh_from_db()
    assert case.phase == Phase.AANMELDING and case.transitions.count() == 1


def test_unsafe_case_cannot_be_closed(pro):
    case = services.case_open(household=HouseholdFactory(), team=TeamFactory(), by=pro)
    services.case_set_safety_status(case=case, status=SafetyStatus.ONVEILIG, reason="Melding politie", by=pro)
    with pytest.raises(ValidationError):
        services.case_close(case=case, by=pro)
    case.refresh_from_db()
    assert case.is_open


def test_safety_status_needs_a_reason_and_keeps_history(pro):
    case = services.case_open(household=HouseholdFactory(), team=TeamFactory(), by=pro)
    with pytest.raises(ValidationError):
        services.case_set_safety_status(case=case, status=SafetyStatus.ZORGEN, reason="", by=pro)
    services.case_set_safety_status(case=case, status=SafetyStatus.ZORGEN, reason="Buren horen ruzie", by=pro)
    services.case_set_safety_status(case=case, status=SafetyStatus.VEILIG, reason="Afspraken werken", by=pro)
    assert list(case.safety_changes.values_list("status", flat=True)) == [SafetyStatus.ZORGEN, SafetyStatus.VEILIG]


def test_regisseur_handover_needs_a_note(pro):
    other = UserFactory(roles=[RoleCode.PROFESSIONAL])
    case = services.case_open(household=HouseholdFactory(), team=TeamFactory(), by=pro, regisseur=pro)
    with pytest.raises(ValidationError):
        services.case_set_regisseur(case=case, regisseur=other, by=pro, note="")
    case = services.case_set_regisseur(case=case, regisseur=other, by=pro, note="Bram neemt over: jeugd-ggz", regie_kind="casusregie")
    assert case.regisseur == other
    assert case.involvements.filter(user=other, until__isnull=True).exists()
    assert case.regie_changes.last().note.startswith("Bram")


def test_municipal_officer_cannot_be_involved(pro):
    case = services.case_open(household=HouseholdFactory(), team=TeamFactory(), by=pro)
    with pytest.raises(ValidationError):
        services.case_involve(case=case, user=UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER]), by=pro)
