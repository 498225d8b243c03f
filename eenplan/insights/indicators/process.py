"""Process indicators, read from cases, their phase history (PhaseTransition), regie history
(RegieChange) and planned items (PlannedItem)."""

from datetime import timedelta

from django.db.models import Case as When_
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from eenplan.cases.models import Case, Phase, PhaseTransition, PlannedItem, RegieChange

from ..framework import MUNICIPALITY, Column, CountIndicator, DistributionIndicator, Indicator, Row, Table, register
from ..stats import median, percentile
from ..suppression import Cell

EVALUATION_KINDS = ("evaluatie", "evaluation", "evaluatiemoment")


def open_at_end(period):
    """Cases opened before the period ended and not closed by then."""
    return Case.objects.filter(opened_at__lt=period.end_dt).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=period.end_dt))


def phase_at_end(period):
    return (
        PhaseTransition.objects.filter(case=OuterRef("pk"), at__lt=period.end_dt).order_by("-at", "-pk").values("to_phase")[:1]
    )


def first_entry(phase):
    return PhaseTransition.objects.filter(case=OuterRef("pk"), to_phase=phase).order_by("at", "pk").values("at")[:1]


def regisseur_at_end(period):
    """The regisseur on the last day: from the regie history; none when the history only starts later;
    the case's regisseur when the case has no regie history at all."""
    history = RegieChange.objects.filter(case=OuterRef("pk"))
    before = history.filter(at__lt=period.end_dt)
    return When_(
        When(Exists(before), then=Subquery(before.order_by("-at", "-pk").values("regisseur_id")[:1])),
        When(Exists(history), then=Value(None)),
        default=F("regisseur_id"),
        output_field=IntegerField(),
    )


OPEN_PHASES = [(p.value, p.label) for p in Phase if p != Phase.AFGESLOTEN]


@register
class CasesOpened(CountIndicator):
    key = "cases_opened"
    section = "process"
    title = _("Cases opened per month")
    definition = _(
        "Counts cases (one household each) whose opening date lies in the period, per calendar month of "
        "the opening date. Source: cases (opening date, team, household's wijk)."
    )
    chart = "line"
    show_share = False
    by_month = True

    def records(self, period):
        return Case.objects.filter(opened_at__gte=period.start_dt, opened_at__lt=period.end_dt).annotate(category=TruncMonth("opened_at"))

    def normalise(self, category):
        return timezone.localtime(category).date().replace(day=1) if hasattr(category, "tzinfo") else category

    def categories(self, period):
        return [(m, formats.date_format(m, "F Y")) for m in period.months()]


@register
class CasesPerPhase(CountIndicator):
    key = "cases_per_phase"
    section = "process"
    title = _("Open cases per phase")
    definition = _(
        "Counts cases that were open on the last day of the period, by the phase they were in on that day "
        "(the latest phase change before the end of the period). Source: cases and their phase history."
    )

    def records(self, period):
        return open_at_end(period).annotate(category=Subquery(phase_at_end(period))).exclude(category=Phase.AFGESLOTEN)

    def categories(self, period):
        return OPEN_PHASES


@register
class TimeInPhase(DistributionIndicator):
    key = "time_in_phase"
    section = "process"
    title = _("Time in the current phase")
    definition = _(
        "For cases open on the last day of the period: the days from entering the phase they were in on that "
        "day until the end of the period, per phase (median and 90th percentile). Source: phase history."
    )

    def records(self, period):
        last = PhaseTransition.objects.filter(case=OuterRef("pk"), at__lt=period.end_dt).order_by("-at", "-pk")
        return (
            open_at_end(period)
            .annotate(category=Subquery(last.values("to_phase")[:1]), since=Subquery(last.values("at")[:1]))
            .exclude(category=Phase.AFGESLOTEN)
            .filter(since__isnull=False)
            .annotate(value=ExpressionWrapper(Value(period.end_dt, output_field=DateTimeField()) - F("since"), output_field=DurationField()))
        )

    def categories(self, period):
        return OPEN_PHASES


class _FirstEntryDuration(DistributionIndicator):
    phase = None

    def records(self, period):
        return (
            Case.objects.annotate(reached=Subquery(first_entry(self.phase)))
            .filter(reached__gte=period.start_dt, reached__lt=period.end_dt)
            .annotate(category=Value("all"), value=ExpressionWrapper(F("reached") - F("opened_at"), output_field=DurationField()))
        )

    def categories(self, period):
        return [("all", _("All cases"))]


@register
class IntakeToPlan(_FirstEntryDuration):
    key = "intake_to_plan"
    section = "process"
    title = _("Time from intake to plan")
    definition = _(
        "For cases that entered the plan phase for the first time in the period: the days from opening the case "
        "(the intake) to that moment (median and 90th percentile). Source: cases and their phase history."
    )
    phase = Phase.PLAN


@register
class WaitingTime(_FirstEntryDuration):
    key = "waiting_time"
    section = "process"
    title = _("Waiting time until support starts")
    definition = _(
        "For cases whose support phase started for the first time in the period: the days from opening the case "
        "to the start of support (median and 90th percentile). Source: cases and their phase history."
    )
    phase = Phase.ONDERSTEUNING


@register
class WithoutRegisseur(CountIndicator):
    key = "without_regisseur"
    section = "process"
    title = _("Cases without a regisseur")
    definition = _(
        "Counts cases open on the last day of the period, with and without a regisseur on that day (from the "
        "regie history; the case's regisseur when it has no history). Source: cases and regie changes."
    )

    def records(self, period):
        return open_at_end(period).annotate(
            reg=regisseur_at_end(period),
            category=When_(When(reg__isnull=True, then=Value("without")), default=Value("with")),
        )

    def categories(self, period):
        return [("without", _("Without a regisseur")), ("with", _("With a regisseur"))]


@register
class OverdueEvaluations(CountIndicator):
    key = "overdue_evaluations"
    section = "process"
    title = _("Overdue evaluations")
    definition = _(
        "Counts households with an evaluation planned before the last day of the period that was not done by "
        "the end of the period, in an open case, by how late the oldest one was on that day. Source: planned "
        "items of kind evaluation (written by the follow-up app)."
    )
    case_path = "case__"
    additive = False  # a household with several overdue evaluations can fall in several bands

    def records(self, period):
        end = period.end
        return (
            PlannedItem.objects.filter(kind__in=EVALUATION_KINDS, due_on__lt=end, case__in=open_at_end(period))
            .filter(Q(done_at__isnull=True) | Q(done_at__gte=period.end_dt))
            .annotate(
                category=When_(
                    When(due_on__gt=end - timedelta(days=15), then=Value("1-14")),
                    When(due_on__gt=end - timedelta(days=31), then=Value("15-30")),
                    default=Value("31+"),
                )
            )
        )

    def categories(self, period):
        return [("1-14", _("1 to 14 days late")), ("15-30", _("15 to 30 days late")), ("31+", _("more than 30 days late"))]


@register
class Caseload(Indicator):
    """Caseload per professional: open cases per regisseur on the last day, as median and 90th percentile.
    Not a count of residents; hidden when fewer than the threshold of households or professionals are behind it."""

    key = "caseload"
    section = "process"
    title = _("Caseload per professional")
    definition = _(
        "For cases open on the last day of the period: the number of cases per regisseur on that day, summarised "
        "over the professionals who were regisseur of at least one case (median and 90th percentile; no names). "
        "Source: cases and regie changes."
    )

    def _per_professional(self, ctx, period):
        qs = open_at_end(period).annotate(reg=regisseur_at_end(period)).filter(reg__isnull=False)
        if ctx.scope.kind != MUNICIPALITY:
            qs = qs.filter(**{"team_id" if ctx.scope.kind == "team" else "household__wijk_id": ctx.scope.unit})
        return qs

    def _cells(self, ctx, period):
        qs = self._per_professional(ctx, period)
        totals = qs.aggregate(h=Count("household_id", distinct=True), p=Count("reg", distinct=True))
        loads = qs.values("reg").order_by().annotate(n=Count("pk")).order_by("n").values_list("n", flat=True)
        hidden = totals["h"] < ctx.k or totals["p"] < ctx.k
        mid, p90 = median(loads, totals["p"]), percentile(loads, totals["p"])
        return [
            Cell(totals["p"], totals["h"], hidden and totals["p"] > 0),
            Cell(mid, totals["h"], hidden or mid is None),
            Cell(p90, totals["h"], hidden or p90 is None),
        ]

    def table(self, ctx):
        columns = [Column(str(_("Professionals")), "number"), Column(str(_("Median")), "number"), Column(str(_("90th percentile")), "number")]
        table = Table(self, columns)
        table.rows.append(Row(str(_("This period")), self._cells(ctx, ctx.period)))
        table.rows.append(Row(str(_("Previous period")), self._cells(ctx, ctx.previous)))
        return table
