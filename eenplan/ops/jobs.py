"""Scheduled jobs: what each does, and one way to run one that records the run (`JobRun`).

The task runner (procrastinate, eenplan/ops/tasks.py, production on PostgreSQL) and the command
`python manage.py run_job NAME` (any database, also from cron) both call `run_job`. A job that raises
is recorded as failed and the error re-raised, so the runner retries it (docs/adr/0085-scheduled-jobs-procrastinate.md).
"""

import importlib
import logging
import traceback
from dataclasses import dataclass
from datetime import date
from typing import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import JobRun

logger = logging.getLogger("eenplan.jobs")


@dataclass(frozen=True)
class Job:
    name: str
    cron: str  # when the task runner starts it (UTC)
    run: Callable[[date], str]  # does the work for a date, returns a one-line summary (no personal data)
    description: str
    label: str = ""


def _reminders(on: date) -> str:
    from eenplan.followup.reminders import reminders_send

    run = reminders_send(on=on)
    due = sum(len(d.today) + len(d.overdue) for d in run.personal)
    return _("%(people)s professionals with %(due)s due items, %(sent)s notifications sent") % {
        "people": len(run.personal), "due": due, "sent": run.sent}


def _retention(on: date) -> str:
    report = _retention_service()(today=on, dry_run=False)
    removal = getattr(report, "removal", None)
    if removal is None:  # a stand-in service in tests
        return str(report)[:300]
    counts = ", ".join(f"{name} {n}" for name, n in sorted(removal.counts.items())) or "-"
    return (_("%(cases)s cases past their retention period; removed: %(counts)s") % {"cases": len(report.cases), "counts": counts})[:300]


def _retention_service():
    """`eenplan.privacy.services.retention_run` (the privacy app); None while that app is not installed."""
    try:
        module = importlib.import_module("eenplan.privacy.services")
    except ImportError:
        return None
    return getattr(module, "retention_run", None)


def _submission_keys(on: date) -> str:
    from eenplan.core.services import submission_keys_prune

    return _("%(n)s used form tokens removed") % {"n": submission_keys_prune()}


def _notifications(on: date) -> str:
    from eenplan.partners.notifications import deliveries_send_due

    counts = deliveries_send_due()
    return _("notifications: %(delivered)s delivered, %(waiting)s to try again, %(dead)s failed, %(withheld)s withheld") % {
        "delivered": counts["afgeleverd"], "waiting": counts["wachtend"], "dead": counts["mislukt"], "withheld": counts["tegengehouden"]}


def _idempotency_keys(on: date) -> str:
    from eenplan.partners.idempotency import idempotency_keys_prune

    return _("%(n)s partner Idempotency-Keys removed") % {"n": idempotency_keys_prune()}


def _zaken(on: date) -> str:
    from eenplan.zgw.config import zgw_config
    from eenplan.zgw.services import zaken_status_sync_all

    if zgw_config() is None:
        return _("no zaaksysteem configured")
    counts = zaken_status_sync_all(on)
    return _("%(checked)s zaken checked, %(changed)s statuses taken over") % counts


def _insight_figures(on: date) -> str:
    from eenplan.insights.snapshots import snapshots_refresh_all

    counts = snapshots_refresh_all(on)
    return _("figures of %(pages)s insight pages computed, %(removed)s of earlier periods removed") % counts


def registered_jobs() -> dict[str, Job]:
    jobs = [
        Job("reminders", "0 6 * * *", _reminders, gettext_lazy("Due planned items as notifications (and e-mail where chosen)."),
            gettext_lazy("Reminders")),
        Job("submission_keys_prune", "15 3 * * *", _submission_keys,
            gettext_lazy("Remove used one-time form tokens older than a week (resent forms, docs/adr/0120)."),
            gettext_lazy("Used form tokens")),
        Job("notifications_deliver", "*/5 * * * *", _notifications,
            gettext_lazy("Deliver notifications to partner systems that are due (retries; docs/adr/0116)."),
            gettext_lazy("Notifications to partners")),
        Job("idempotency_keys_prune", "20 3 * * *", _idempotency_keys,
            gettext_lazy("Remove partner systems' Idempotency-Keys older than a day (docs/adr/0118)."),
            gettext_lazy("Partner Idempotency-Keys")),
        Job("insight_figures", "5 * * * *", _insight_figures,
            gettext_lazy("Compute the figures of every team, wijk and the municipality for the insight pages (docs/adr/0134)."),
            gettext_lazy("Insight figures")),
        Job("zaken_status_sync", "*/15 * * * *", _zaken,
            gettext_lazy("Take the status of registered zaken back into their tailored-provision requests (docs/adr/0117)."),
            gettext_lazy("Zaaksysteem statuses")),
    ]
    if _retention_service() is not None:
        jobs.append(Job("retention", "30 2 * * *", _retention, gettext_lazy("Remove records past their retention period."),
                        gettext_lazy("Retention periods")))
    return {job.name: job for job in jobs}


def run_job(name: str, *, trigger: str, on: date | None = None, attempt: int = 1) -> JobRun:
    job = registered_jobs()[name]
    on = on or timezone.localdate()
    record = JobRun.objects.create(job=name, trigger=trigger, attempt=attempt, run_for=on)
    try:
        summary = job.run(on)
    except Exception as exc:
        record.status = JobRun.Status.FAILED
        record.summary = f"{type(exc).__name__}: {exc}"[:300]
        record.finished_at = timezone.now()
        record.save(update_fields=["status", "summary", "finished_at"])
        logger.error("job failed", extra={"job": name, "attempt": attempt, "error": traceback.format_exc(limit=5)})
        raise
    record.status = JobRun.Status.SUCCEEDED
    record.summary = summary[:300]
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "summary", "finished_at"])
    logger.info("job succeeded", extra={"job": name, "attempt": attempt, "summary": record.summary})
    return record


@dataclass
class JobStatus:
    job: Job
    last: JobRun | None
    last_success: JobRun | None

    @property
    def failing(self) -> bool:
        return self.last is not None and self.last.status == JobRun.Status.FAILED


def job_statuses() -> list[JobStatus]:
    statuses = []
    for job in registered_jobs().values():
        runs = JobRun.objects.filter(job=job.name)
        statuses.append(JobStatus(job, runs.first(), runs.filter(status=JobRun.Status.SUCCEEDED).first()))
    return statuses
