"""Bad input through the pages: refused with a Dutch message, everything typed is kept, nothing half-saved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.safety import services
from eenplan.safety.models import FrameworkAnswer, MeldcodeStep, SafetyCheck, SafetyCondition

from .factories import make_world

pytestmark = pytest.mark.django_db


def test_skip_without_reason_keeps_the_input(verified_client):
    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=timezone.localdate(), by=world.pro, considered="Feiten", kindcheck="ja")
    client = verified_client(world.pro)
    response = client.post(f"/casussen/{world.case.pk}/veiligheid/meldcode/", {
        "step-number": "2", "step-performed_on": timezone.localdate().isoformat(), "step-skipped": "on", "step-skip_reason": "",
        "step-with_whom": "Collega Ilse", "step-advice": "Bel Veilig Thuis",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Leg vast waarom deze stap wordt overgeslagen." in body
    assert 'value="Collega Ilse"' in body and "Bel Veilig Thuis" in body
    assert 'aria-invalid="true"' in body
    assert MeldcodeStep.objects.filter(trajectory=trajectory).count() == 1


def test_skipping_ahead_is_refused_in_dutch(verified_client):
    world = make_world()
    services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/veiligheid/meldcode/", {
        "step-number": "3", "step-performed_on": timezone.localdate().isoformat(), "step-considered": "Gesprek gevoerd", "step-with_whom": "Moeder",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Stappen gaan op volgorde: leg eerst stap 1 vast." in body
    assert "Gesprek gevoerd" in body
    assert not MeldcodeStep.objects.exists()


def _walk(world):
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    today = timezone.localdate()
    services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=today, by=world.pro, considered="Feiten", kindcheck="ja")
    for step in (2, 3, 4):
        services.meldcode_step_record(trajectory=trajectory, step=step, performed_on=today, by=world.pro, skipped=True, skip_reason="Acuut")
    return trajectory


def test_decision_without_answers_or_report_date_keeps_everything(verified_client):
    world = make_world()
    trajectory = _walk(world)
    client = verified_client(world.pro)
    url = f"/casussen/{world.case.pk}/veiligheid/meldcode/"
    data = {"decide-performed_on": timezone.localdate().isoformat(), "decide-q1": "ja", "decide-e1": "Letsel gezien",
            "decide-q2": "ja", "decide-decision": "melden", "decide-agreements": "Moeder belt dagelijks"}
    body = client.post(url, data).content.decode()
    assert "Beantwoord deze vraag van het afwegingskader." in body
    assert "Letsel gezien" in body and "Moeder belt dagelijks" in body
    data.update({"decide-q3": "ja", "decide-q4": "ja", "decide-q5": "ja"})
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Geef de datum van de melding bij Veilig Thuis." in response.content.decode()
    assert not FrameworkAnswer.objects.exists()
    trajectory.refresh_from_db()
    assert trajectory.is_running
    data["decide-reported_on"] = timezone.localdate().isoformat()
    assert client.post(url, data).status_code == 302
    trajectory.refresh_from_db()
    assert not trajectory.is_running and trajectory.answers.count() == 5


def test_check_in_the_future_is_refused_and_nothing_saved(verified_client):
    world = make_world()
    plan = services.safety_plan_create(case=world.case, agreed_with="Moeder", agreed_on=timezone.localdate(), by=world.pro)
    condition = services.safety_condition_add(plan=plan, description="Geen alcohol in huis", checker="Regisseur", every_days=7,
                                              first_check_on=timezone.localdate(), by=world.pro)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = verified_client(world.pro).post(
        f"/casussen/{world.case.pk}/veiligheid/veiligheidsplan/voorwaarden/{condition.pk}/controle/",
        {f"check-{condition.pk}-checked_on": tomorrow, f"check-{condition.pk}-result": "geschonden", f"check-{condition.pk}-note": "Flessen gezien"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Deze datum ligt in de toekomst." in body and "Flessen gezien" in body
    assert not SafetyCheck.objects.exists()
    world.case.refresh_from_db()
    assert world.case.safety_status == "onbekend"


def test_violation_is_atomic_when_raising_the_status_fails(monkeypatch):
    """If raising the case fails half-way, the check itself is not kept either."""
    from django.core.exceptions import ValidationError

    world = make_world()
    plan = services.safety_plan_create(case=world.case, agreed_with="Moeder", agreed_on=timezone.localdate(), by=world.pro)
    condition = services.safety_condition_add(plan=plan, description="Geen alcohol", checker="Regisseur", every_days=7,
                                              first_check_on=timezone.localdate(), by=world.pro)

    def boom(**kwargs):
        raise ValidationError("kapot")

    monkeypatch.setattr(services.case_services, "case_set_safety_status", boom)
    with pytest.raises(ValidationError):
        services.safety_check_record(condition=condition, checked_on=timezone.localdate(), result="geschonden", note="Flessen", by=world.pro)
    assert not SafetyCheck.objects.exists()
    condition.refresh_from_db()
    assert condition.last_result == "" and SafetyCondition.objects.count() == 1


def test_plan_create_then_condition_via_pages(verified_client):
    world = make_world()
    client = verified_client(world.pro)
    url = f"/casussen/{world.case.pk}/veiligheid/veiligheidsplan/"
    response = client.post(url, {"plan-agreed_with": "", "plan-agreed_on": ""})
    assert response.status_code == 400
    assert client.post(url, {"plan-agreed_with": "Moeder en oma", "plan-agreed_on": timezone.localdate().isoformat()}).status_code == 302
    response = client.post(url, {"cond-description": "Vader niet in huis", "cond-checker": "School", "cond-every_days": "7",
                                 "cond-first_check_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert "Vader niet in huis" in client.get(url).content.decode()
