"""The functional administrator's account help: lift a django-axes lockout, reset a colleague's authenticator.

Both are written to the access log (NEN 7513), with a Dutch description.
"""

from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.access.audit import log_access
from eenplan.access.models import Action

from .models import Lockout


def current_lockouts():
    """Lockouts that still hold: not lifted, and younger than axes' cool-off period."""
    since = timezone.now() - timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    return Lockout.objects.filter(unlocked_at__isnull=True, locked_at__gte=since)


@transaction.atomic
def account_unlock(*, lockout: Lockout, by, request=None) -> Lockout:
    axes_reset(ip=lockout.ip_address, username=lockout.username)
    lockout.unlocked_at = timezone.now()
    lockout.unlocked_by = by
    lockout.save(update_fields=["unlocked_at", "unlocked_by"])
    log_access(user=by, action=Action.UPDATE, record_type="account", record_id=lockout.username,
               acting_role="functional_admin", detail="account ontgrendeld na te veel mislukte inlogpogingen",
               request=request)
    return lockout


@transaction.atomic
def authenticator_reset(*, user, by, request=None) -> int:
    """Remove the colleague's TOTP devices: at the next login they link a new authenticator app."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    log_access(user=by, action=Action.UPDATE, record_type="account", record_id=user.username,
               acting_role="functional_admin",
               detail=f"authenticator-app van {user.username} teruggezet: bij de volgende inlog koppelt de medewerker een nieuwe app",
               request=request)
    return removed
