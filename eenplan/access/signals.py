"""Login events into the access log (NEN 7513: access and attempts, not only in axes' table)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from .audit import log_access
from .models import Action, Outcome


def _user_named(username):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")
    user = _user_named(username)
    log_access(user=user, action=Action.LOGIN, outcome=Outcome.REFUSED, record_type="session",
               detail=f"wrong password for '{username[:100]}'" if user is None else "wrong password", request=request,
               acting_role="" if user else "anonymous")


def _connect_axes():
    from axes.signals import user_locked_out

    @receiver(user_locked_out, weak=False)
    def log_lockout(sender, request, username=None, ip_address=None, **kwargs):
        user = _user_named(username)
        log_access(user=user, action=Action.LOGIN, outcome=Outcome.REFUSED, record_type="session",
                   detail=f"locked out after repeated wrong passwords ('{(username or '')[:100]}')", request=request,
                   acting_role="" if user else "anonymous")


_connect_axes()
