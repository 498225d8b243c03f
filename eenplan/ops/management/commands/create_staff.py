"""`python manage.py create_staff mira --role functional_admin --email mira@gemeente.nl`: a staff account
from the command line, e.g. the first functional administrator on a new server (docs/operations.md).
The password is asked twice (or read from EENPLAN_NEW_PASSWORD); the second factor is linked at first login."""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from eenplan.accounts.models import Role, RoleCode, User


class Command(BaseCommand):
    help = "Create a staff account with roles (the second factor is linked at the first login)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", action="append", required=True, choices=RoleCode.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, username, role, email, first_name, last_name, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"{username} exists already.")
        password = os.environ.get("EENPLAN_NEW_PASSWORD") or self._ask()
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.roles.set([Role.objects.get_or_create(code=code)[0] for code in role])
        self.stdout.write(f"{username} created with {', '.join(role)}; the authenticator app is linked at the first login.")

    def _ask(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first
