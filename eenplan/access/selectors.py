"""Queries over the access log: the functional administrator's log page, and the period helpers the privacy
officer's pages (eenplan.privacy.selectors) use too.

A period is given as dates (local time, both ends included) and becomes a range on `at` — not a cast of `at` to a
date, which no index can serve."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import AccessLogEntry


def period_bounds(date_from: date | None, date_until: date | None) -> tuple[datetime | None, datetime | None]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(date_from, time.min, tzinfo=tz) if date_from else None
    end = datetime.combine(date_until + timedelta(days=1), time.min, tzinfo=tz) if date_until else None
    return start, end


def in_period(entries, date_from, date_until):
    start, end = period_bounds(date_from, date_until)
    if start:
        entries = entries.filter(at__gte=start)
    if end:
        entries = entries.filter(at__lt=end)
    return entries


def log_lines(*, username="", person_id=None, household_id=None, action="", outcome="", date_from=None, date_until=None):
    """The log page's lines, newest first (the (at, id) index), filtered by what the administrator filled in."""
    entries = AccessLogEntry.objects.all()
    if username:
        entries = entries.filter(username__icontains=username)
    if person_id:
        entries = entries.filter(person_id=person_id)
    if household_id:
        entries = entries.filter(household_id=household_id)
    if action:
        entries = entries.filter(action=action)
    if outcome:
        entries = entries.filter(outcome=outcome)
    return in_period(entries, date_from, date_until).order_by("-at", "-pk")
