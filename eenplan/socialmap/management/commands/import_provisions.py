"""`python manage.py import_provisions voorzieningen.csv [--dry-run] [--valid-only]` (docs/import.md)."""

from django.core.management.base import BaseCommand

from eenplan.core.csvimport import add_import_arguments, run_import_command
from eenplan.socialmap.importing import provisions_import


class Command(BaseCommand):
    help = "Import or update the sociale kaart's provisions from a CSV file (docs/import.md)."

    def add_arguments(self, parser):
        add_import_arguments(parser)

    def handle(self, *args, file, dry_run, valid_only, by, **options):
        run_import_command(self, provisions_import, path=file, dry_run=dry_run, valid_only=valid_only, by=by,
                           name="import_provisions")
