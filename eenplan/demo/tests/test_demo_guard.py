import pytest
from django.core.management import CommandError, call_command

from eenplan.accounts.models import User
from eenplan.accounts.services import DEMO_DEVICE_NAME

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("debug", "demo"), [(False, False), (True, False), (False, True)])
def test_seed_demo_refuses_outside_demo_mode(settings, debug, demo):
    settings.DEBUG, settings.EENPLAN_DEMO = debug, demo
    with pytest.raises(CommandError):
        call_command("seed_demo", "--households", "3", "--quiet")
    assert not User.objects.exists()


def test_demo_totp_secrets_are_random_per_seed(settings):
    from eenplan.demo.management.commands.seed_demo import STAFF, Command

    settings.DEBUG, settings.EENPLAN_DEMO = True, True
    import hashlib
    from random import Random

    Command().seed_core(Random(1), 2)
    first = {u.username: u.totpdevice_set.get(name=DEMO_DEVICE_NAME).key for u in User.objects.all()}
    username = STAFF[0][0]
    assert first[username] != hashlib.sha1(f"eenplan-demo:{username}".encode()).hexdigest()
    assert len(set(first.values())) == len(first)
