from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from eenplan.accounts.models import RoleCode
from eenplan.ops import jobs
from eenplan.ops.models import JobRun
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_run_job_records_a_successful_run_with_its_summary():
    record = jobs.run_job("reminders", trigger=JobRun.Trigger.COMMAND, on=date(2026, 11, 2))
    record.refresh_from_db()
    assert record.status == JobRun.Status.SUCCEEDED
    assert record.run_for == date(2026, 11, 2) and record.finished_at is not None
    assert "berichten verstuurd" in record.summary


def test_a_failing_job_is_recorded_as_failed_and_raises_for_the_runner_to_retry(monkeypatch):
    def broken(on):
        raise RuntimeError("database went away")

    real = jobs.registered_jobs()
    monkeypatch.setattr(jobs, "registered_jobs", lambda: {**real, "reminders": jobs.Job("reminders", "0 6 * * *", broken, "x")})
    with pytest.raises(RuntimeError):
        jobs.run_job("reminders", trigger=JobRun.Trigger.SCHEDULE, attempt=2)
    run = JobRun.objects.get()
    assert (run.status, run.attempt, run.summary) == (JobRun.Status.FAILED, 2, "RuntimeError: database went away")


def test_jobs_command_shows_the_last_run_and_exits_1_after_a_failure(capsys):
    call_command("run_job", "reminders", "--date", "2026-11-02")
    call_command("jobs")
    out = capsys.readouterr().out
    assert "reminders" in out and "succeeded" in out
    JobRun.objects.create(job="reminders", trigger=JobRun.Trigger.SCHEDULE, run_for=date(2026, 11, 3), status=JobRun.Status.FAILED, summary="boom")
    with pytest.raises(SystemExit) as exit_:
        call_command("jobs")
    assert exit_.value.code == 1
    assert "failed" in capsys.readouterr().out


def test_the_retention_job_is_scheduled_when_the_privacy_service_exists(monkeypatch):
    calls = []

    def retention_run(*, today, dry_run):
        calls.append((today, dry_run))
        return "2 cases removed"

    monkeypatch.setattr(jobs, "_retention_service", lambda: retention_run)
    assert "retention" in jobs.registered_jobs()
    record = jobs.run_job("retention", trigger=JobRun.Trigger.COMMAND, on=date(2026, 11, 2))
    assert calls == [(date(2026, 11, 2), False)] and record.summary == "2 cases removed"


def test_the_status_page_shows_failures_to_the_functional_administrator(verified_client):
    JobRun.objects.create(job="reminders", trigger=JobRun.Trigger.SCHEDULE, run_for=date(2026, 11, 3), status=JobRun.Status.FAILED, summary="OperationalError: timeout")
    client = verified_client(UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN]))
    page = client.get(reverse("ops:status"))
    assert page.status_code == 200
    assert "OperationalError: timeout" in page.content.decode()


def test_the_status_page_is_refused_to_a_professional(verified_client):
    client = verified_client(UserFactory(roles=[RoleCode.PROFESSIONAL]))
    assert client.get(reverse("ops:status")).status_code == 403


def test_the_real_retention_job_runs_and_is_recorded():
    assert "retention" in jobs.registered_jobs()  # privacy's retention_run is on main
    record = jobs.run_job("retention", trigger=JobRun.Trigger.COMMAND, on=date(2026, 11, 2))
    assert record.status == JobRun.Status.SUCCEEDED
    assert record.summary.startswith("0 casussen over hun bewaartermijn")


def test_create_staff_makes_an_account_with_roles(monkeypatch):
    from eenplan.accounts.models import User

    monkeypatch.setenv("EENPLAN_NEW_PASSWORD", "een lang en sterk wachtwoord 2026")
    call_command("create_staff", "mira", "--role", "functional_admin", "--email", "mira@eendijk.example")
    mira = User.objects.get(username="mira")
    assert mira.role_codes() == {"functional_admin"} and mira.check_password("een lang en sterk wachtwoord 2026")
