"""The meldcode's five steps: in order, skips only with a reason, the decision needs the framework."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.core.models import Notification
from eenplan.safety import selectors, services
from eenplan.safety.models import Decision, MeldcodeStep, TrajectoryStatus

from .factories import make_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def answers(*values):
    return {n: (v, f"toelichting {n}") for n, v in enumerate(values, start=1)}


def walk_to_decision(world, trajectory):
    by = world.pro
    services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=TODAY(), by=by, considered="Blauwe plek gezien", kindcheck="ja")
    services.meldcode_step_record(trajectory=trajectory, step=2, performed_on=TODAY(), by=by, considered="Besproken", with_whom="Aandachtsfunctionaris")
    services.meldcode_step_record(trajectory=trajectory, step=3, performed_on=TODAY(), by=by, skipped=True, skip_reason="Gesprek brengt moeder in gevaar")
    services.meldcode_step_record(trajectory=trajectory, step=4, performed_on=TODAY(), by=by, considered="Risico hoog")


def test_steps_must_be_taken_in_order():
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen op school", by=world.pro)
    with pytest.raises(ValidationError) as exc:
        services.meldcode_step_record(trajectory=trajectory, step=2, performed_on=TODAY(), by=world.pro, considered="x", with_whom="y")
    assert "stap 1" in str(exc.value).lower() or "step 1" in str(exc.value).lower()
    services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=TODAY(), by=world.pro, considered="Feiten", kindcheck="ja")
    assert selectors.next_step(trajectory) == 2
    with pytest.raises(ValidationError):
        services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=TODAY(), by=world.pro, considered="nog eens", kindcheck="ja")
    with pytest.raises(ValidationError):  # the decision is not a plain step
        services.meldcode_decide(trajectory=trajectory, performed_on=TODAY(), answers=answers(*["ja"] * 5), decision=Decision.HELP, by=world.pro)


def test_skip_needs_a_reason_and_only_some_steps_may_be_skipped():
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    with pytest.raises(ValidationError) as exc:
        services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=TODAY(), by=world.pro, skipped=True, skip_reason="geen tijd")
    assert exc.value.messages
    services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=TODAY(), by=world.pro, considered="Feiten", kindcheck="onbekend")
    with pytest.raises(ValidationError) as exc:
        services.meldcode_step_record(trajectory=trajectory, step=2, performed_on=TODAY(), by=world.pro, skipped=True, skip_reason="  ")
    assert "skip_reason" in exc.value.message_dict
    step = services.meldcode_step_record(trajectory=trajectory, step=2, performed_on=TODAY(), by=world.pro, skipped=True,
                                         skip_reason="Direct contact met Veilig Thuis bij eergerelateerd geweld")
    assert step.skipped and selectors.next_step(trajectory) == 3


def test_each_step_records_date_who_and_what_was_considered():
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    with pytest.raises(ValidationError) as exc:
        services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=TODAY(), by=world.pro, considered="")
    assert {"considered", "kindcheck"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=TODAY() + timedelta(days=1), by=world.pro, considered="x", kindcheck="ja")
    assert "performed_on" in exc.value.message_dict
    step = services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=TODAY(), by=world.specialist, considered="Feiten", kindcheck="ja")
    assert (step.performed_on, step.by, step.considered) == (TODAY(), world.specialist, "Feiten")
    with pytest.raises(ValidationError) as exc:  # step 2 needs who was consulted
        services.meldcode_step_record(trajectory=trajectory, step=2, performed_on=TODAY(), by=world.pro, considered="Overlegd")
    assert "with_whom" in exc.value.message_dict
    assert AccessLogEntry.objects.filter(record_type="safety.MeldcodeStep", record_id=str(step.pk)).exists()


def test_decision_needs_every_framework_answer():
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    walk_to_decision(world, trajectory)
    partial = {1: ("ja", ""), 2: ("nee", ""), 3: ("ja", "")}
    with pytest.raises(ValidationError) as exc:
        services.meldcode_decide(trajectory=trajectory, performed_on=TODAY(), answers=partial, decision=Decision.HELP, by=world.pro)
    assert {"q4", "q5"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:  # n/a only after a 'no' to question 1
        services.meldcode_decide(trajectory=trajectory, performed_on=TODAY(), answers=answers("ja", "nvt", "ja", "ja", "ja"), decision=Decision.HELP, by=world.pro)
    assert "q2" in exc.value.message_dict
    assert not MeldcodeStep.objects.filter(trajectory=trajectory, step=5).exists()
    trajectory.refresh_from_db()
    assert trajectory.status == TrajectoryStatus.RUNNING


def test_decision_follows_the_framework_and_a_report_needs_a_date():
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    walk_to_decision(world, trajectory)
    structural = answers("ja", "ja", "ja", "ja", "ja")
    with pytest.raises(ValidationError) as exc:
        services.meldcode_decide(trajectory=trajectory, performed_on=TODAY(), answers=structural, decision=Decision.HELP, by=world.pro)
    assert "decision" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.meldcode_decide(trajectory=trajectory, performed_on=TODAY(), answers=structural, decision=Decision.REPORT, by=world.pro)
    assert "reported_on" in exc.value.message_dict
    decided = services.meldcode_decide(trajectory=trajectory, performed_on=TODAY(), answers=structural, decision=Decision.REPORT_AND_HELP,
                                       reported_on=TODAY(), agreements="Hulp via jeugd-ggz", by=world.pro)
    assert decided.status == TrajectoryStatus.DECIDED and decided.reported_on == TODAY()
    assert decided.answers.count() == 5
    assert world.case.planned_items.filter(kind="veilig_thuis", done_at__isnull=True).exists()


def test_no_suspicion_closes_and_other_answers_may_be_not_applicable():
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    walk_to_decision(world, trajectory)
    with pytest.raises(ValidationError):
        services.meldcode_decide(trajectory=trajectory, performed_on=TODAY(), answers=answers("nee", "nvt", "nvt", "nvt", "nvt"),
                                 decision=Decision.REPORT, reported_on=TODAY(), by=world.pro)
    decided = services.meldcode_decide(trajectory=trajectory, performed_on=TODAY(), answers=answers("nee", "nvt", "nvt", "nvt", "nvt"),
                                       decision=Decision.NO_SUSPICION, by=world.pro)
    assert decided.reported_on is None and not decided.is_running


def test_one_running_trajectory_per_case_and_specialist_is_told():
    world = make_world()
    services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    with pytest.raises(ValidationError):
        services.meldcode_start(case=world.case, concern="Nog een", by=world.pro)
    with pytest.raises(ValidationError) as exc:
        services.meldcode_start(case=world.case, concern=" ", by=world.pro)
    assert exc.value.messages
    assert Notification.objects.filter(user=world.specialist, kind="meldcode_started").exists()
    assert Notification.objects.filter(user=world.lead, kind="meldcode_started").exists()


def test_configured_texts_replace_the_defaults():
    from eenplan.safety.models import MeldcodeText

    MeldcodeText.objects.create(key="question_1", title="Heb ik op basis van stap 1 t/m 3 een vermoeden?", guidance="")
    texts = selectors.meldcode_texts()
    assert texts["questions"][1].title == "Heb ik op basis van stap 1 t/m 3 een vermoeden?"
    assert texts["questions"][1].guidance  # falls back to the default guidance
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    walk_to_decision(world, trajectory)
    services.meldcode_decide(trajectory=trajectory, performed_on=TODAY(), answers=answers("nee", "nvt", "nvt", "nvt", "nvt"),
                             decision=Decision.NO_SUSPICION, by=world.pro)
    assert trajectory.answers.get(question=1).question_text == "Heb ik op basis van stap 1 t/m 3 een vermoeden?"


def test_a_kindcheck_that_is_not_one_of_its_answers_is_a_field_error_and_nothing_is_written():
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    with pytest.raises(ValidationError) as exc:
        services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=TODAY(), by=world.pro, considered="Feiten",
                                      kindcheck="geen kinderen")
    assert set(exc.value.message_dict) == {"kindcheck"}
    assert not MeldcodeStep.objects.filter(trajectory=trajectory).exists()
