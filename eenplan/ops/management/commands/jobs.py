"""`python manage.py jobs`: when each scheduled job last ran and whether it failed (exit 1 if one did)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from eenplan.ops.jobs import job_statuses


class Command(BaseCommand):
    help = "Show each scheduled job's schedule, last run and last success; exit status 1 when the last run failed."

    def handle(self, *args, **options):
        failing = False
        for status in job_statuses():
            last = status.last
            when = timezone.localtime(last.started_at).strftime("%Y-%m-%d %H:%M") if last else "never"
            ok = timezone.localtime(status.last_success.started_at).strftime("%Y-%m-%d %H:%M") if status.last_success else "never"
            state = last.status if last else "-"
            self.stdout.write(f"{status.job.name:<12} cron '{status.job.cron}'  last run {when} {state}  last success {ok}")
            if last and last.summary:
                self.stdout.write(f"{'':<12} {last.summary}")
            failing = failing or status.failing
        if failing:
            raise SystemExit(1)
