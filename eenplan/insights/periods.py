"""A period is a range of whole days, both ends included; the previous period has the same length
and ends the day before. Records are compared with aware datetimes: [start 00:00, end+1 00:00)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

DEFAULT_DAYS = 91  # about a quarter
MAX_DAYS = 366 * 5


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def start_dt(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_dt(self) -> datetime:
        """The first moment after the period (exclusive upper bound)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def previous(self) -> "Period":
        end = self.start - timedelta(days=1)
        return Period(start=end - timedelta(days=self.days - 1), end=end)

    def months(self) -> list[date]:
        """First days of the calendar months the period touches."""
        first, out = self.start.replace(day=1), []
        while first <= self.end:
            out.append(first)
            first = (first + timedelta(days=32)).replace(day=1)
        return out


def default_period(today: date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period(start=today - timedelta(days=DEFAULT_DAYS - 1), end=today)
