"""Safety indicators, read from the safety app's meldcode trajectories and stut en steun."""

from datetime import timedelta

from django.db.models import Case as When_
from django.db.models import Q, Value, When
from django.utils.translation import gettext_lazy as _

from eenplan.safety.models import MeldcodeTrajectory, StutEnSteun

from ..framework import CountIndicator, register

AGE_BANDS = [
    ("0-2", _("less than 2 weeks"), 14),
    ("2-6", _("2 to 6 weeks"), 42),
    ("6-13", _("6 to 13 weeks"), 91),
    ("13+", _("13 weeks or more"), None),
]


@register
class MeldcodeRunning(CountIndicator):
    key = "meldcode_running"
    section = "safety"
    title = _("Running meldcode trajectories and their age")
    definition = _(
        "Counts meldcode trajectories that were running on the last day of the period (started before its end, "
        "no decision before its end), by their age on that day. Source: the safety app's meldcode trajectories."
    )
    case_path = "case__"
    requires = ("safety.MeldcodeTrajectory",)

    def records(self, period):
        end = period.end_dt
        bands = [When(started_at__gt=end - timedelta(days=days), then=Value(code)) for code, _l, days in AGE_BANDS if days]
        return (
            MeldcodeTrajectory.objects.filter(started_at__lt=end)
            .filter(Q(decided_at__isnull=True) | Q(decided_at__gte=end))
            .annotate(category=When_(*bands, default=Value(AGE_BANDS[-1][0])))
        )

    def categories(self, period):
        return [(code, label) for code, label, _d in AGE_BANDS]


@register
class StutEnSteunHouseholds(CountIndicator):
    key = "stut_en_steun"
    section = "safety"
    title = _("Households in stut en steun")
    definition = _(
        "Counts households in stut en steun (long-term background presence because of a lasting safety risk) on "
        "the last day of the period (started before its end and not ended by then). Source: the safety app's stut en "
        "steun records."
    )
    case_path = "case__"
    show_share = False
    show_total = False
    requires = ("safety.StutEnSteun",)

    def records(self, period):
        end = period.end_dt
        return StutEnSteun.objects.filter(started_at__lt=end).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=end)).annotate(
            category=Value("active")
        )

    def categories(self, period):
        return [("active", _("In stut en steun on the last day"))]
