"""Daily reminders: `python manage.py reminders --date 2026-11-22` (default: today). Run it from cron."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from eenplan.followup.reminders import reminders_send, summary_lines


class Command(BaseCommand):
    help = "Notify each professional and team lead of the planned items due on a date (overdue included)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD; default today")

    def handle(self, *args, date: str | None = None, **options):
        on = _parse(date) if date else timezone.localdate()
        run = reminders_send(on=on)
        for line in summary_lines(run):
            self.stdout.write(line)


def _parse(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError("Give the date as YYYY-MM-DD, e.g. 2026-11-22.")
