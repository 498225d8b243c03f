from axes.signals import user_locked_out
from django.dispatch import receiver


@receiver(user_locked_out)
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    from .models import Lockout

    if username and not Lockout.objects.filter(username=username, ip_address=ip_address, unlocked_at__isnull=True).exists():
        Lockout.objects.create(username=username[:150], ip_address=ip_address)
