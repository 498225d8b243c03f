"""Outcomes for residents: ZRM and participatieladder movement (assessment app), goals achieved and the
residents' own judgement at closing (follow-up app)."""

from django.db.models import Case as When_
from django.db.models import CharField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from ..framework import CountIndicator, register

DIRECTIONS = [("up", _("up")), ("same", _("the same")), ("down", _("down"))]


def _direction(first, last):
    return When_(When(**{f"{last}__gt": F(first)}, then=Value("up")), When(**{f"{last}__lt": F(first)}, then=Value("down")), default=Value("same"))


@register
class ZrmChange(CountIndicator):
    key = "zrm_change"
    section = "outcomes"
    title = _("ZRM change per domain, first to last measurement")
    definition = _(
        "For residents with at least two ZRM measurements in the same case, whose last measurement up to the end of "
        "the period was taken in the period: per life domain, whether the score of that last measurement is higher, "
        "the same or lower than the first scored measurement of that domain in the case. Domains not scored or not "
        "applicable are left out. Source: the assessment app's ZRM measurements and scores."
    )
    case_path = "measurement__case__"
    show_share = False
    chart = "hbar"
    requires = ("assessment.ZrmScore", "assessment.ZrmMeasurement")

    def records(self, period):
        from eenplan.assessment.models import ZrmMeasurement, ZrmScore

        latest = ZrmMeasurement.objects.filter(
            case=OuterRef("measurement__case"), person=OuterRef("measurement__person"), measured_on__lte=period.end
        ).order_by("-measured_on", "-pk")
        first = ZrmScore.objects.filter(
            measurement__case=OuterRef("measurement__case"), measurement__person=OuterRef("measurement__person"),
            domain=OuterRef("domain"), score__isnull=False, not_applicable=False,
        ).order_by("measurement__measured_on", "measurement__pk")
        return (
            ZrmScore.objects.filter(score__isnull=False, not_applicable=False, measurement__measured_on__gte=period.start,
                                    measurement__measured_on__lte=period.end)
            .annotate(latest_id=Subquery(latest.values("pk")[:1]), first_score=Subquery(first.values("score")[:1]),
                      first_measurement=Subquery(first.values("measurement_id")[:1]))
            .filter(latest_id=F("measurement_id"))
            .exclude(first_measurement=F("measurement_id"))
            .annotate(category=Concat(F("domain__code"), Value("|"), _direction("first_score", "score"), output_field=CharField()))
        )

    def categories(self, period):
        from eenplan.assessment.models import Domain

        domains = Domain.objects.filter(instrument__is_current=True).order_by("order").values_list("code", "name")
        return [(f"{code}|{d}", f"{name}: {label}") for code, name in domains for d, label in DIRECTIONS]


@register
class ParticipationMovement(CountIndicator):
    key = "participation_movement"
    section = "outcomes"
    title = _("Participatieladder movement")
    definition = _(
        "For residents with at least two participatieladder measurements in the same case, whose last measurement up "
        "to the end of the period was taken in the period: whether that last rung is higher, the same or lower than "
        "the first. Source: the assessment app's participatieladder measurements."
    )
    case_path = "case__"
    requires = ("assessment.ParticipationMeasurement",)

    def records(self, period):
        from eenplan.assessment.models import ParticipationMeasurement as PM

        same = PM.objects.filter(case=OuterRef("case"), person=OuterRef("person"))
        latest = same.filter(measured_on__lte=period.end).order_by("-measured_on", "-pk")
        first = same.order_by("measured_on", "pk")
        return (
            PM.objects.filter(measured_on__gte=period.start, measured_on__lte=period.end)
            .annotate(latest_id=Subquery(latest.values("pk")[:1]), first_id=Subquery(first.values("pk")[:1]),
                      first_level=Subquery(first.values("level")[:1]))
            .filter(latest_id=F("pk"))
            .exclude(first_id=F("pk"))
            .annotate(category=_direction("first_level", "level"))
        )

    def categories(self, period):
        return [(code, label) for code, label in DIRECTIONS]


@register
class GoalsAchieved(CountIndicator):
    key = "goals_achieved"
    section = "outcomes"
    title = _("Goals achieved")
    definition = _(
        "For goals evaluated in the period: the status at their last evaluation in the period (achieved, partly "
        "achieved, not achieved, in progress, …). Counts goals; hidden when they concern fewer than the threshold of "
        "households. Source: the follow-up app's goal progress at evaluations."
    )
    case_path = "case__"
    requires = ("followup.GoalProgress", "followup.Evaluation")

    def records(self, period):
        from eenplan.followup.models import GoalProgress

        in_period = Q(evaluation__held_on__gte=period.start, evaluation__held_on__lte=period.end)
        latest = GoalProgress.objects.filter(in_period, case=OuterRef("case"), goal_key=OuterRef("goal_key")).order_by(
            "-evaluation__held_on", "-pk")
        return GoalProgress.objects.filter(in_period).annotate(latest_id=Subquery(latest.values("pk")[:1])).filter(
            latest_id=F("pk")).annotate(category=F("status"))

    def categories(self, period):
        from eenplan.followup.models import GoalStatus

        return list(GoalStatus.choices)


@register
class ClosingJudgement(CountIndicator):
    key = "closing_judgement"
    section = "outcomes"
    title = _("The residents' own judgement at closing")
    definition = _(
        "For support ended in the period (the closing evaluation's date): the score the resident gave (1–10), in "
        "bands, or that the resident was not asked. Source: the follow-up app's closing evaluations."
    )
    case_path = "case__"
    requires = ("followup.Closing", "followup.Closing.resident_satisfaction")

    def records(self, period):
        from eenplan.followup.models import Closing

        return Closing.objects.filter(decided_on__gte=period.start, decided_on__lte=period.end).annotate(category=When_(
            When(resident_satisfaction__isnull=True, then=Value("none")),
            When(resident_satisfaction__gte=8, then=Value("8-10")),
            When(resident_satisfaction__gte=6, then=Value("6-7")),
            default=Value("1-5"),
        ))

    def categories(self, period):
        return [("8-10", _("8 to 10")), ("6-7", _("6 or 7")), ("1-5", _("1 to 5")), ("none", _("No score from the resident"))]
