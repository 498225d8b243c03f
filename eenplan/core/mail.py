"""Notification e-mail: for staff who chose it (account page), a short mail with a link and nothing else.

No names, case content or counts: the link leads to eenplan, where the login and the access policy decide
what is shown. Sent after the notification is committed; a mail server outage never blocks the work
(the notification is in the app either way, and the failure is logged).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

logger = logging.getLogger("eenplan.mail")

# Notification kinds that may go out by e-mail: due items (personal and the team lead's) and assigned signals.
MAIL_KIND_PREFIXES = ("herinnering:", "herinnering-team:", "new_signal")


def mailable(kind: str) -> bool:
    return kind.startswith(MAIL_KIND_PREFIXES)


def _subject_and_intro(kind: str) -> tuple[str, str]:
    if kind.startswith("new_signal"):
        return _("eenplan: a new signal for you"), _("A signal has been assigned to you in eenplan.")
    return _("eenplan: items that need your attention"), _("There are items in eenplan that need your attention today.")


def notification_mails_send(notes) -> None:
    """Queue one mail per notification whose user chose e-mail and has an address (after commit)."""
    outgoing = [(n.user.email, n.kind, n.url) for n in notes if n.user.email_notifications and n.user.email and mailable(n.kind)]
    if outgoing:
        transaction.on_commit(lambda: _send(outgoing))


def _send(outgoing) -> None:
    base = settings.EENPLAN_BASE_URL.rstrip("/")
    for address, kind, url in outgoing:
        subject, intro = _subject_and_intro(kind)
        body = "\n\n".join([
            intro,
            _("Open it after logging in: %(link)s") % {"link": f"{base}{url or '/'}"},
            _("You receive this mail because you chose e-mail notifications on your account page in eenplan."),
        ]) + "\n"
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception:
            logger.exception("notification mail not sent", extra={"kind": kind.split(":")[0]})
