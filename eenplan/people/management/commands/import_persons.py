"""`python manage.py import_persons personen.csv [--dry-run] [--valid-only] [--by USERNAME]` (docs/import.md)."""

from django.core.management.base import BaseCommand

from eenplan.core.csvimport import add_import_arguments, run_import_command
from eenplan.people.importing import persons_import


class Command(BaseCommand):
    help = "Import persons and households from a CSV file in a BRP extract's columns (docs/import.md)."

    def add_arguments(self, parser):
        add_import_arguments(parser)

    def handle(self, *args, file, dry_run, valid_only, by, **options):
        run_import_command(self, persons_import, path=file, dry_run=dry_run, valid_only=valid_only, by=by, name="import_persons")
