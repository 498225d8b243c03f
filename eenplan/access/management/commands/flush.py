"""`flush` empties every table, the access log included: the one sanctioned DELETE of log rows
besides retention. The database triggers refuse it otherwise (see `eenplan.access.dbguard`)."""

from django.core.management.commands.flush import Command as FlushCommand

from eenplan.access.dbguard import log_maintenance


class Command(FlushCommand):
    def handle(self, **options):
        with log_maintenance():
            return super().handle(**options)
