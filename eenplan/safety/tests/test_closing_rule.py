"""Not let go: no closing with lasting risk or a running meldcode — through cases.services.case_close."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.cases.models import Phase, SafetyStatus
from eenplan.cases.services import case_close, case_set_safety_status
from eenplan.safety import services
from eenplan.safety.models import Decision

from .factories import make_world

pytestmark = pytest.mark.django_db


def test_unsafe_case_cannot_close():
    world = make_world()
    case_set_safety_status(case=world.case, status=SafetyStatus.ONVEILIG, reason="Geweld gezien", by=world.pro)
    with pytest.raises(ValidationError) as exc:
        case_close(case=world.case, by=world.pro)
    assert "stut en steun" in " ".join(exc.value.messages)
    world.case.refresh_from_db()
    assert world.case.phase != Phase.AFGESLOTEN


def test_running_meldcode_blocks_closing_until_decided():
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    with pytest.raises(ValidationError) as exc:
        case_close(case=world.case, by=world.pro)
    assert "meldcode" in " ".join(exc.value.messages).lower()
    today = timezone.localdate()
    services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=today, by=world.pro, considered="Feiten", kindcheck="nee")
    for step in (2, 3, 4):
        services.meldcode_step_record(trajectory=trajectory, step=step, performed_on=today, by=world.pro, skipped=True, skip_reason="Niet nodig bij dit signaal")
    services.meldcode_decide(trajectory=trajectory, performed_on=today, answers={n: ("nee" if n == 1 else "nvt", "") for n in range(1, 6)},
                             decision=Decision.NO_SUSPICION, by=world.pro)
    closed = case_close(case=world.case, by=world.pro)
    assert closed.phase == Phase.AFGESLOTEN


def test_stut_en_steun_blocks_closing_until_ended_with_reason():
    world = make_world()
    today = timezone.localdate()
    watch = services.stut_en_steun_start(case=world.case, reason="Vader blijft risico", every_days=42, first_check_on=today, by=world.pro)
    world.case.refresh_from_db()
    assert world.case.phase == Phase.MONITORING
    with pytest.raises(ValidationError) as exc:
        case_close(case=world.case, by=world.pro)
    assert "stut en steun" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        services.stut_en_steun_end(watch=watch, end_reason="", by=world.pro)
    services.stut_en_steun_end(watch=watch, end_reason="Vader is verhuisd, contactverbod", by=world.pro)
    assert case_close(case=world.case, by=world.pro).phase == Phase.AFGESLOTEN


def test_stut_en_steun_cannot_end_while_unsafe():
    world = make_world()
    watch = services.stut_en_steun_start(case=world.case, reason="Blijvend risico", every_days=30, first_check_on=timezone.localdate(), by=world.pro)
    case_set_safety_status(case=world.case, status=SafetyStatus.ONVEILIG, reason="Nieuw incident", by=world.pro)
    with pytest.raises(ValidationError):
        services.stut_en_steun_end(watch=watch, end_reason="Gaat goed", by=world.pro)


def test_children_make_the_safety_question_mandatory():
    from eenplan.people.models import MemberRole
    from eenplan.testing.factories import HouseholdMemberFactory

    world = make_world()
    case_set_safety_status(case=world.case, status=SafetyStatus.ONBEKEND, reason="Nog niet gevraagd", by=world.pro)  # no children: allowed
    HouseholdMemberFactory(household=world.case.household, role=MemberRole.CHILD)
    with pytest.raises(ValidationError) as exc:
        case_set_safety_status(case=world.case, status=SafetyStatus.ONBEKEND, reason="Nog niet gevraagd", by=world.pro)
    assert "status" in exc.value.message_dict
    case_set_safety_status(case=world.case, status=SafetyStatus.VEILIG, reason="Besproken met ouders", by=world.pro)


def test_a_household_already_in_stut_en_steun_is_not_told_to_move_there():
    """Issue 11, friction: an unsafe household in stut en steun was still told "move it to stut en steun"."""
    world = make_world()
    services.stut_en_steun_start(case=world.case, reason="Blijvend risico", every_days=30, first_check_on=timezone.localdate(), by=world.pro)
    case_set_safety_status(case=world.case, status=SafetyStatus.ONVEILIG, reason="Nieuw incident", by=world.pro)
    with pytest.raises(ValidationError) as exc:
        case_close(case=world.case, by=world.pro)
    text = " ".join(exc.value.messages)
    assert "zet hem in stut en steun" not in text.lower() and "hij blijft in stut en steun" in text


def test_the_afwegingskader_questions_are_shown_at_step_4_already(verified_client):
    """Issue 11, friction: the framework's questions appeared only at step 5, not at step 4 (weighing)."""
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    today = timezone.localdate()
    services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=today, by=world.pro, considered="Feiten", kindcheck="nee")
    url = f"/casussen/{world.case.pk}/veiligheid/meldcode/"
    assert "Weeg af met de vragen van het afwegingskader" not in verified_client(world.pro).get(url).content.decode()  # step 2
    for step in (2, 3):
        services.meldcode_step_record(trajectory=trajectory, step=step, performed_on=today, by=world.pro, skipped=True, skip_reason="Niet nodig bij dit signaal")
    body = verified_client(world.pro).get(url).content.decode()
    assert "Weeg af met de vragen van het afwegingskader" in body
    assert "structurele onveiligheid" in body  # question 2, not only in the decision form
