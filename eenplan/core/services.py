from django.db import transaction
from django.utils import timezone

from .mail import notification_mails_send
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
    created = Notification.objects.bulk_create(notes)
    notification_mails_send(created)  # only for those who chose e-mail (eenplan/core/mail.py)
    return created


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    notification.read_at = timezone.now()
    notification.save(update_fields=["read_at"])
    return notification


def submission_keys_prune(*, days: int = 7) -> int:
    """Remove used one-time form tokens older than `days` (a resend after a week is a new submission)."""
    from datetime import timedelta

    from .models import SubmissionKey

    deleted, _ = SubmissionKey.objects.filter(created_at__lt=timezone.now() - timedelta(days=days)).delete()
    return deleted
