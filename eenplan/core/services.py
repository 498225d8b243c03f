from django.db import transaction
from django.utils import timezone

from .models import Notification


@transaction.atomic
def notify(*, users, kind: str, message: str, case=None, url: str = "") -> list[Notification]:
    """Send the same short notification to each user (no case content in the text)."""
    seen, notes = set(), []
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        notes.append(Notification(user=user, case=case, kind=kind, message=message[:300], url=url))
    return Notification.objects.bulk_create(notes)


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    notification.read_at = timezone.now()
    notification.save(update_fields=["read_at"])
    return notification
