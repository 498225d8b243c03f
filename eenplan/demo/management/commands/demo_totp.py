from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from eenplan.accounts.models import User
from eenplan.accounts.services import DEMO_DEVICE_NAME, current_code


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo user (demo databases only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not (settings.DEBUG and settings.EENPLAN_DEMO):
            raise CommandError("Only available with DEBUG=1 and EENPLAN_DEMO=1.")
        user = User.objects.filter(username=username).first()
        device = user and user.totpdevice_set.filter(name=DEMO_DEVICE_NAME).first()
        if device is None:
            raise CommandError(f"{username} is not a demo user.")
        self.stdout.write(current_code(device))
