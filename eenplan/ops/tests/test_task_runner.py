"""The task runner itself (procrastinate on PostgreSQL): periodic registration, a run, a retry."""

import threading
import time

import pytest
from procrastinate import RetryStrategy

from eenplan.ops import jobs
from eenplan.ops.models import JobRun

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]


def _app():
    from procrastinate.contrib.django import app

    return app


def test_every_job_is_a_periodic_task_with_retries():
    from eenplan.ops.tasks import TASKS

    periodic = {t.task.name: t.cron for t in _app().periodic_registry.periodic_tasks.values()}
    for name, job in jobs.registered_jobs().items():
        assert periodic[f"eenplan.jobs.{name}"] == job.cron
        assert TASKS[name].retry_strategy.max_attempts == 3


def test_the_worker_runs_a_deferred_job_and_retries_a_failed_attempt(monkeypatch):
    from eenplan.ops.tasks import TASKS

    attempts = []
    real_run = jobs.registered_jobs()["reminders"].run

    def flaky(on):
        attempts.append(on)
        if len(attempts) == 1:
            raise ConnectionError("SMTP server not reachable")
        return real_run(on)

    real = jobs.registered_jobs()
    monkeypatch.setattr(jobs, "registered_jobs", lambda: {**real, "reminders": jobs.Job("reminders", "0 6 * * *", flaky, "x")})
    task = TASKS["reminders"]
    monkeypatch.setattr(task, "retry_strategy", RetryStrategy(max_attempts=3, wait=0))
    task.defer(timestamp=int(time.mktime((2026, 11, 2, 7, 0, 0, 0, 0, -1))))
    app = _app()
    errors = []

    def work():  # in a thread of its own: Playwright's sync API may hold an event loop in this one
        try:
            with app.replace_connector(app.connector.get_worker_connector()):  # as `manage.py procrastinate worker` does
                app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False, queues=["jobs"])
        except BaseException as exc:  # reported below
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=300)
    assert not worker.is_alive() and errors == []

    # (The worker also defers the periodic jobs due now, e.g. notifications_deliver every 5 minutes: not this test's.)
    runs = list(JobRun.objects.filter(job="reminders").order_by("pk").values_list("attempt", "status", "trigger"))
    assert runs == [(1, "failed", "schedule"), (2, "succeeded", "schedule")]
    from procrastinate.contrib.django.models import ProcrastinateJob

    assert list(ProcrastinateJob.objects.filter(task_name="eenplan.jobs.reminders").values_list("status", "attempts")) == [
        ("succeeded", 2)]
