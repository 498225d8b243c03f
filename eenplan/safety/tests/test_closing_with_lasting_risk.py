"""Defect 9: a case with a lasting safety risk is not closed — concerns, a violated safety condition, a
Veilig Thuis outcome pending — unless the team's safety specialist records consent; planned items are
never closed silently; a reopened case keeps its safety status and safety plan."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.cases.models import ItemOutcome, Phase, PlannedItem, SafetyStatus
from eenplan.cases.services import case_close, case_set_safety_status, planned_item_add
from eenplan.followup import services as followup_services
from eenplan.safety import services
from eenplan.safety.models import ClosingConsent, Decision, SafetyPlan
from eenplan.testing.auth import login_verified

from .factories import make_world

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _refused(world, words):
    with pytest.raises(ValidationError) as exc:
        case_close(case=world.case, by=world.pro)
    assert words in " ".join(exc.value.messages)
    world.case.refresh_from_db()
    assert world.case.phase != Phase.AFGESLOTEN


def _violated_condition(world):
    plan = services.safety_plan_create(case=world.case, agreed_with="Moeder", agreed_on=_today(), by=world.pro)
    condition = services.safety_condition_add(plan=plan, description="Vader komt niet in huis", checker="School", every_days=7,
                                              first_check_on=_today(), by=world.pro)
    services.safety_check_record(condition=condition, checked_on=_today(), result="geschonden", note="Vader was er gisteren", by=world.pro)
    return condition


def _reported(world):
    trajectory = services.meldcode_start(case=world.case, concern="Blauwe plekken", by=world.pro)
    services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=_today(), by=world.pro, considered="Gezien", kindcheck="ja")
    for step in (2, 3, 4):
        services.meldcode_step_record(trajectory=trajectory, step=step, performed_on=_today(), by=world.pro, skipped=True,
                                      skip_reason="Direct melden bij acuut gevaar")
    answers = {1: ("ja", ""), 2: ("ja", "acuut"), 3: ("nee", ""), 4: ("nee", ""), 5: ("nee", "")}
    services.meldcode_decide(trajectory=trajectory, performed_on=_today(), answers=answers, decision=Decision.REPORT,
                             reported_on=_today(), by=world.pro)
    return trajectory


def _calm_status(world):
    case_set_safety_status(case=world.case, status=SafetyStatus.VEILIG, reason="Besproken", by=world.pro)


def test_concerns_block_closing_with_a_dutch_reason():
    world = make_world()
    case_set_safety_status(case=world.case, status=SafetyStatus.ZORGEN, reason="Spanningen thuis", by=world.pro)
    _refused(world, "De veiligheidsstatus is 'zorgen'")


def test_a_violated_safety_condition_blocks_closing():
    world = make_world()
    _violated_condition(world)
    _calm_status(world)
    _refused(world, "Vader komt niet in huis")


def test_a_pending_veilig_thuis_outcome_blocks_closing_until_recorded():
    world = make_world()
    trajectory = _reported(world)
    _calm_status(world)
    _refused(world, "Veilig Thuis")
    with pytest.raises(ValidationError) as exc:
        services.veilig_thuis_outcome_record(trajectory=trajectory, received_on=_today(), outcome="", by=world.pro)
    assert "outcome" in exc.value.message_dict
    services.veilig_thuis_outcome_record(trajectory=trajectory, received_on=_today(), outcome="Geen onveiligheid vastgesteld", by=world.pro)
    item = PlannedItem.objects.get(case=world.case, kind="veilig_thuis")
    assert item.outcome == ItemOutcome.DONE and item.outcome_note == "Geen onveiligheid vastgesteld"
    assert case_close(case=world.case, by=world.pro).phase == Phase.AFGESLOTEN


def test_the_safety_specialists_recorded_consent_lets_the_case_close_and_is_logged():
    world = make_world()
    case_set_safety_status(case=world.case, status=SafetyStatus.ZORGEN, reason="Spanningen", by=world.pro)
    _violated_condition(world)
    with pytest.raises(ValidationError):  # a professional cannot consent
        services.closing_consent_record(case=world.case, reason="Gaat wel", by=world.pro)
    with pytest.raises(ValidationError) as exc:
        services.closing_consent_record(case=world.case, reason=" ", by=world.specialist)
    assert "reason" in exc.value.message_dict
    consent = services.closing_consent_record(case=world.case, reason="Gezin verhuist; overgedragen aan Veilig Thuis", by=world.specialist)
    assert consent.codes == {"concerns", "condition_violated"}
    assert AccessLogEntry.objects.filter(user=world.specialist, detail="consent to close despite safety risk").exists()
    items = {i.pk: ("vervallen", "Casus sluit") for i in PlannedItem.objects.filter(case=world.case, done_at__isnull=True)}
    closed = case_close(case=world.case, by=world.pro, items=items)
    assert closed.phase == Phase.AFGESLOTEN
    assert "Gezin verhuist" in closed.transitions.last().note


def test_consent_covers_only_the_risks_it_saw_and_only_for_a_week():
    world = make_world()
    case_set_safety_status(case=world.case, status=SafetyStatus.ZORGEN, reason="Spanningen", by=world.pro)
    consent = services.closing_consent_record(case=world.case, reason="Besproken in het teamoverleg", by=world.specialist)
    _violated_condition(world)  # a new risk after the consent
    _refused(world, "Vader komt niet in huis")
    ClosingConsent.objects.filter(pk=consent.pk).update(at=timezone.now() - timedelta(days=8))
    _refused(world, "zorgen")


def test_consent_does_not_override_a_running_meldcode_or_an_unsafe_household():
    world = make_world()
    case_set_safety_status(case=world.case, status=SafetyStatus.ONVEILIG, reason="Geweld", by=world.pro)
    with pytest.raises(ValidationError):
        services.closing_consent_record(case=world.case, reason="Toch sluiten", by=world.specialist)
    _refused(world, "onveilig")


def test_planned_items_are_never_closed_silently():
    world = make_world()
    visit = planned_item_add(case=world.case, kind="afspraak", label="Huisbezoek", due_on=_today(), by=world.pro, owner=world.pro)
    call = planned_item_add(case=world.case, kind="afspraak", label="Bellen met school", due_on=_today(), by=world.pro)
    with pytest.raises(ValidationError) as exc:
        case_close(case=world.case, by=world.pro)
    assert f"item_{visit.pk}" in exc.value.message_dict and f"item_{call.pk}" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # handed over without saying to whom
        case_close(case=world.case, by=world.pro, items={visit.pk: ("gedaan", ""), call.pk: ("overgedragen", "")})
    assert list(exc.value.message_dict) == [f"item_{call.pk}"]
    visit.refresh_from_db()
    assert visit.done_at is None  # nothing half-written
    case_close(case=world.case, by=world.pro, items={visit.pk: ("gedaan", ""), call.pk: ("overgedragen", "Schoolmaatschappelijk werk belt")})
    visit.refresh_from_db()
    call.refresh_from_db()
    assert (visit.outcome, call.outcome, call.outcome_note) == ("gedaan", "overgedragen", "Schoolmaatschappelijk werk belt")
    assert call.closed_by == world.pro


def test_the_closing_page_lists_the_open_items_and_the_refusal_in_dutch(client):
    from eenplan.followup.tests.factories import answers

    world = make_world(phase=Phase.EVALUATIE)
    case_set_safety_status(case=world.case, status=SafetyStatus.ZORGEN, reason="Spanningen", by=world.pro)
    item = planned_item_add(case=world.case, kind="afspraak", label="Huisbezoek met oma", due_on=_today(), by=world.pro)
    login_verified(client, world.pro)
    url = reverse("followup:close", args=[world.case.pk])
    body = client.get(url).content.decode()
    assert "Huisbezoek met oma" in body and "De veiligheidsstatus is &#x27;zorgen&#x27;" in body
    a = answers()
    data = {"cl-decided_on": a.decided_on.isoformat(), "cl-outcome": "afsluiten", "cl-question_answered": "ja",
            "cl-process": a.process, "cl-lessons": a.lessons, "cl-self_reliance": "gestegen", "cl-participation": "gelijk",
            "cl-resident_satisfaction": "8", f"item{item.pk}-outcome": "gedaan"}
    response = client.post(url, data)
    assert response.status_code == 400 and "De casus is afgesloten" not in response.content.decode()
    world.case.refresh_from_db()
    assert world.case.phase == Phase.EVALUATIE
    # the specialist consents on the safety page; then the same form closes the case
    client.logout()
    login_verified(client, world.specialist)
    safety_page = client.get(reverse("safety:case", args=[world.case.pk])).content.decode()
    assert reverse("safety:closing_consent", args=[world.case.pk]) in safety_page
    assert client.post(reverse("safety:closing_consent", args=[world.case.pk]),
                       {"consent-reason": "Zorgen zijn besproken; huisarts volgt het gezin"}).status_code == 302
    client.logout()
    login_verified(client, world.pro)
    response = client.post(url, data)
    assert response.status_code == 302
    world.case.refresh_from_db()
    item.refresh_from_db()
    assert world.case.phase == Phase.AFGESLOTEN and item.outcome == "gedaan"


def test_the_closing_form_does_not_call_required_fields_optional(client):
    world = make_world(phase=Phase.EVALUATIE)
    login_verified(client, world.pro)
    body = client.get(reverse("followup:close", args=[world.case.pk])).content.decode()
    for label in ("Hoe ging het proces", "Wat leren we hiervan"):
        start = body.index(label)
        assert "(optioneel)" not in body[start:body.index("</label>", start)]


def test_a_reopened_case_keeps_its_safety_status_and_safety_plan():
    from eenplan.followup.tests.factories import answers

    world = make_world(phase=Phase.EVALUATIE)
    plan = services.safety_plan_create(case=world.case, agreed_with="Moeder en oma", agreed_on=_today(), by=world.pro)
    services.safety_condition_add(plan=plan, description="Oma haalt de kinderen op", checker="School", every_days=14,
                                  first_check_on=_today(), by=world.pro)
    case_set_safety_status(case=world.case, status=SafetyStatus.ZORGEN, reason="Spanningen", by=world.pro)
    services.closing_consent_record(case=world.case, reason="Verhuizing, overgedragen", by=world.specialist)
    open_items = {i.pk: ("vervallen", "Casus sluit") for i in PlannedItem.objects.filter(case=world.case, done_at__isnull=True)}
    followup_services.case_close_with_evaluation(case=world.case, answers=answers(), by=world.pro, items=open_items)
    new = followup_services.case_reopen(case=world.case, reason="Nieuwe zorgen van school", by=world.pro)
    assert new.safety_status == SafetyStatus.ZORGEN
    assert "#%d" % world.case.pk in new.safety_changes.get().reason
    new_plan = SafetyPlan.objects.get(case=new)
    assert new_plan.agreed_with == "Moeder en oma"
    condition = new_plan.conditions.get()
    assert condition.description == "Oma haalt de kinderen op"
    assert PlannedItem.objects.filter(case=new, kind="veiligheidscheck", done_at__isnull=True).exists()


def test_reopening_lands_on_the_page_that_shows_the_earlier_route(client):
    from eenplan.followup.tests.factories import answers

    world = make_world(phase=Phase.EVALUATIE)
    followup_services.case_close_with_evaluation(case=world.case, answers=answers(), by=world.pro)
    login_verified(client, world.pro)
    response = client.post(reverse("followup:reopen", args=[world.case.pk]), {"ro-reason": "Opnieuw schulden", "ro-to_phase": "vraagverheldering"})
    assert response.status_code == 302
    body = client.get(response.url).content.decode()
    assert f"casus #{world.case.pk}" in body.lower() and "Opnieuw schulden" in body


def test_the_meldcode_step_forms_do_not_call_required_fields_optional(client):
    world = make_world()
    services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    login_verified(client, world.pro)
    body = client.get(reverse("safety:meldcode", args=[world.case.pk])).content.decode()
    start = body.index('for="id_step-considered"')
    assert "(optioneel)" not in body[start:body.index("</label>", start)]


def test_empty_posts_to_the_new_pages_are_refused_in_words_not_errors(client):
    from eenplan.plans.tests.factories import add_goal
    from eenplan.plans.tests.factories import make_world as plan_world

    world = make_world()
    _reported(world)
    case_set_safety_status(case=world.case, status=SafetyStatus.ZORGEN, reason="Spanningen", by=world.pro)
    login_verified(client, world.specialist)
    for name in ("safety:veilig_thuis_outcome", "safety:closing_consent"):
        response = client.post(reverse(name, args=[world.case.pk]), {})
        assert response.status_code == 400, name
    client.logout()
    pw = plan_world()
    version, _ = add_goal(pw)
    login_verified(client, pw.pro)
    response = client.post(reverse("plans:action_outcome", args=[pw.case.pk, version.actions.get().key]), {})
    assert response.status_code == 400 and "Kies gedaan of niet gedaan." in response.content.decode()
