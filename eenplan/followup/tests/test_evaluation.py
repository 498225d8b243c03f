"""Evaluation moments and evaluations: goal progress, next step, adjusting the plan."""

import pytest
from django.core.exceptions import ValidationError

from eenplan.access.models import AccessLogEntry
from eenplan.cases.models import PlannedItem
from eenplan.followup import selectors, services
from eenplan.followup.models import PLANNED_EVALUATION, Evaluation, GoalProgress
from eenplan.followup.services import PlanAdjustment
from eenplan.plans.models import Goal, PlanVersion
from eenplan.plans.selectors import current_version

from .factories import in_days, make_world, progress, with_plan

pytestmark = pytest.mark.django_db


def test_planned_evaluation_is_a_planned_item_on_the_caseload():
    w = make_world()
    moment = services.evaluation_moment_plan(case=w.case, due_on=in_days(30), by=w.pro, proposed_on=in_days(28))
    item = PlannedItem.objects.get(case=w.case, kind=PLANNED_EVALUATION)
    assert item.due_on == in_days(30) and item.owner == w.pro and item.source == f"followup.EvaluationMoment:{moment.pk}"
    assert moment.planned_item == item
    assert AccessLogEntry.objects.filter(record_type="followup.EvaluationMoment", case_id=w.case.pk).exists()


def test_evaluation_date_in_the_past_is_refused():
    w = make_world()
    with pytest.raises(ValidationError) as exc:
        services.evaluation_moment_plan(case=w.case, due_on=in_days(-1), by=w.pro)
    assert "due_on" in exc.value.message_dict
    assert not PlannedItem.objects.filter(case=w.case).exists()


def test_moving_keeps_the_cancelled_moment_with_its_reason():
    w = make_world()
    moment = services.evaluation_moment_plan(case=w.case, due_on=in_days(10), by=w.pro)
    new = services.evaluation_moment_move(moment=moment, due_on=in_days(20), by=w.pro, reason="Inwoner ziek")
    moment.refresh_from_db()
    assert moment.cancelled_at is not None and moment.cancel_reason == "Inwoner ziek"
    assert list(selectors.open_moments(w.case)) == [new]
    assert PlannedItem.objects.filter(case=w.case, kind=PLANNED_EVALUATION, done_at__isnull=True).get().due_on == in_days(20)


def test_evaluation_records_each_goal_with_both_views_and_holds_the_moment():
    w = make_world()
    keys = with_plan(w)
    moment = services.evaluation_moment_plan(case=w.case, due_on=in_days(1), by=w.pro)
    evaluation = services.evaluation_record(
        case=w.case, held_on=in_days(0), by=w.pro, next_step="doorgaan",
        goals=[progress(keys[0], "bezig", resident_status="behaald"), progress(keys[1], "", resident_view="", professional_view="")],
        next_due_on=in_days(60),
    )
    assert evaluation.moment == moment
    rows = list(GoalProgress.objects.filter(evaluation=evaluation))
    assert [(r.goal_key, r.status, r.resident_status) for r in rows] == [(keys[0], "bezig", "behaald")]
    assert rows[0].goal_text == "Sandra heeft overzicht over haar geld"
    assert rows[0].resident_view and rows[0].professional_view
    assert moment.planned_item.__class__.objects.get(pk=moment.planned_item_id).done_at is not None
    assert [m.due_on for m in selectors.open_moments(w.case)] == [in_days(60)]


def test_progress_is_followed_over_time_per_goal():
    w = make_world()
    keys = with_plan(w)
    services.evaluation_record(case=w.case, held_on=in_days(0), by=w.pro, next_step="doorgaan", goals=[progress(keys[0], "niet_gestart")])
    services.evaluation_record(case=w.case, held_on=in_days(0), by=w.pro, next_step="doorgaan", goals=[progress(keys[0], "behaald")])
    rows = selectors.goal_rows(w.case)
    assert [p.status for p in rows[0]["history"]] == ["niet_gestart", "behaald"]
    assert rows[0]["latest"].status == "behaald" and rows[1]["history"] == []


def test_evaluation_without_any_goal_assessed_is_refused_and_nothing_is_written():
    w = make_world()
    keys = with_plan(w)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_record(case=w.case, held_on=in_days(0), by=w.pro, next_step="doorgaan",
                                   goals=[progress(keys[0], ""), progress(keys[1], "", resident_view="", professional_view="")])
    errors = exc.value.message_dict
    assert f"goal_{keys[0]}" in errors  # views written but no status
    with pytest.raises(ValidationError) as exc:
        services.evaluation_record(case=w.case, held_on=in_days(0), by=w.pro, next_step="doorgaan",
                                   goals=[progress(keys[0], "", resident_view="", professional_view="")])
    assert "Beoordeel ten minste één doel" in " ".join(exc.value.message_dict["goals"])
    assert not Evaluation.objects.exists()


def test_evaluation_without_a_plan_says_so():
    w = make_world()
    with pytest.raises(ValidationError) as exc:
        services.evaluation_record(case=w.case, held_on=in_days(0), by=w.pro, next_step="doorgaan", goals=[])
    assert "plan" in " ".join(exc.value.message_dict["goals"])


def test_evaluation_in_the_future_or_before_the_case_is_refused():
    w = make_world()
    keys = with_plan(w)
    for day in (in_days(1), in_days(-400)):
        with pytest.raises(ValidationError) as exc:
            services.evaluation_record(case=w.case, held_on=day, by=w.pro, next_step="doorgaan", goals=[progress(keys[0])])
        assert "held_on" in exc.value.message_dict


def test_adjust_writes_a_new_plan_version_with_the_reason_and_the_goal_status():
    w = make_world()
    keys = with_plan(w)
    before = current_version(w.case).number
    evaluation = services.evaluation_record(
        case=w.case, held_on=in_days(0), by=w.pro, next_step="bijstellen",
        goals=[progress(keys[0], "behaald"), progress(keys[1], "niet_behaald")],
        adjustment=PlanAdjustment(kind="opschalen", reason="Daginvulling lukt niet zonder begeleiding", goal_key=keys[1],
                                  solution_frame="maatwerk", solution="Dagbesteding via Wmo", action="Aanvraag Wmo indienen",
                                  action_owner_kind="professional", action_owner="Anna", action_due_on=in_days(14)),
    )
    version = PlanVersion.objects.get(pk=evaluation.new_plan_version_id)
    assert version.number == before + 1
    assert version.source == f"followup.Evaluation:{evaluation.pk}"
    assert "opschalen" in version.reason.lower() and "Daginvulling lukt niet" in version.reason
    assert Goal.objects.get(version=version, key=keys[0]).status == "behaald"
    assert version.actions.filter(what="Aanvraag Wmo indienen").exists()
    assert version.solutions.filter(frame="maatwerk").exists()


def test_adjust_without_reason_or_change_is_refused_and_nothing_is_written():
    w = make_world()
    keys = with_plan(w)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_record(case=w.case, held_on=in_days(0), by=w.pro, next_step="bijstellen", goals=[progress(keys[0])],
                                   adjustment=PlanAdjustment(kind="afschalen", reason=""))
    assert "adjustment_reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.evaluation_record(case=w.case, held_on=in_days(0), by=w.pro, next_step="bijstellen", goals=[progress(keys[0])],
                                   adjustment=PlanAdjustment(kind="afschalen", reason="Gaat goed"))
    assert "adjustment" in exc.value.message_dict
    assert not Evaluation.objects.exists() and PlanVersion.objects.count() == 1
