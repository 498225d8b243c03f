"""`python manage.py run_job reminders [--date YYYY-MM-DD]`: run one scheduled job now, recorded as a JobRun."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from eenplan.ops.jobs import registered_jobs, run_job
from eenplan.ops.models import JobRun


class Command(BaseCommand):
    help = "Run one scheduled job now (recorded like a scheduled run). Jobs: see `manage.py jobs`."

    def add_arguments(self, parser):
        parser.add_argument("job")
        parser.add_argument("--date", help="YYYY-MM-DD; default today")

    def handle(self, *args, job: str, date: str | None = None, **options):
        if job not in registered_jobs():
            raise CommandError(f"Unknown job {job!r}; known: {', '.join(registered_jobs())}.")
        on = _parse(date) if date else None
        try:
            record = run_job(job, trigger=JobRun.Trigger.COMMAND, on=on)
        except Exception as exc:
            raise CommandError(f"{job} failed: {exc}") from exc
        self.stdout.write(f"{job} {record.run_for.isoformat()}: {record.summary}")


def _parse(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError("Give the date as YYYY-MM-DD, e.g. 2026-11-22.")
