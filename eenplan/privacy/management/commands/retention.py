"""Remove what is past its retention period: `python manage.py retention --dry-run` first, then without."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from eenplan.privacy.services import retention_run


class Command(BaseCommand):
    help = "Remove closed cases (and what only they refer to) past their retention period; --dry-run reports only."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would be removed; change nothing.")
        parser.add_argument("--date", help="Count as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, dry_run, date: str | None, json: bool, **options):
        try:
            today = _parse(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc
        report = retention_run(today=today, dry_run=dry_run)
        if json:
            self.stdout.write(_dumps(report.as_dict()))
            return
        removal = report.removal
        head = "DRY RUN — nothing removed" if dry_run else f"Removed (removal record {report.record.pk})"
        self.stdout.write(f"{head}; counted on {today.isoformat()}")
        for row in report.cases:
            self.stdout.write(f"  case {row['case_id']} (household {row['household_id']}): closed {row['closed_on']}, "
                              f"{row['law']}, keep until {row['keep_until']}")
        self.stdout.write(f"cases {len(removal.case_ids)}, households {len(removal.household_ids)}, "
                          f"people {len(removal.person_ids)}, signals {len(removal.signal_ids)}")
        for label, n in sorted(removal.counts.items()):
            self.stdout.write(f"  {label}: {n}")
        for why in removal.kept:
            self.stdout.write(f"  kept: {why}")


def _parse(text: str) -> date:
    return date.fromisoformat(text)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
