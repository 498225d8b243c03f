"""Intake indicators, read from the intake app's signals and triage."""

from django.db.models import Case as When_
from django.db.models import DurationField, ExpressionWrapper, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from ..framework import CountIndicator, DistributionIndicator, register


def _intake():
    from eenplan.intake import models

    return models


class _SignalIndicator(CountIndicator):
    team_field = "team_id"
    wijk_field = "wijk_id"
    household_path = "household_id"
    section = "intake"
    requires = ("intake.Signal", "intake.Signal.channel", "intake.Signal.source")

    def received(self, period):
        return _intake().Signal.objects.filter(received_at__gte=period.start_dt, received_at__lt=period.end_dt)


@register
class SignalsBySource(_SignalIndicator):
    key = "signals_by_source"
    title = _("Signals and intakes by source")
    definition = _(
        "Counts signals and intakes received in the period, by who reported them (the source). A signal about a "
        "resident not yet known counts as one household. Source: the intake app's signals (received date, source, "
        "team and wijk of the signal)."
    )
    chart = "hbar"

    def records(self, period):
        return self.received(period).annotate(category=F("source_id"))

    def categories(self, period):
        return list(_intake().SourceType.objects.order_by("order", "name").values_list("pk", "name"))


@register
class SignalsByChannel(_SignalIndicator):
    key = "signals_by_channel"
    title = _("Signals and intakes by channel")
    definition = _(
        "Counts signals and intakes received in the period, by the way they came in (walk-in, phone, web form, "
        "referral, e-mail, outreach). Source: the intake app's signals."
    )

    def records(self, period):
        return self.received(period).annotate(category=F("channel"))

    def categories(self, period):
        return list(_intake().Channel.choices)


@register
class TriageOutcomes(_SignalIndicator):
    key = "triage_outcomes"
    title = _("Triage outcomes: solved at triage or advised without a case")
    definition = _(
        "Counts triages decided in the period, by outcome: solved at once, advice given or nothing to do (no case "
        "needed), referred elsewhere, or a case opened. The share column gives the share solved or advised without a "
        "case. Source: the intake app's triage decisions."
    )
    team_field = "signal__team_id"
    wijk_field = "signal__wijk_id"
    household_path = "signal__household_id"
    requires = ("intake.Triage", "intake.Triage.decision")

    def records(self, period):
        m = _intake()
        return m.Triage.objects.filter(decided_at__gte=period.start_dt, decided_at__lt=period.end_dt).annotate(
            category=When_(
                When(decision__in=list(m.SOLVED_AT_TRIAGE), then=Value("solved")),
                When(decision=m.TriageDecision.REFERRED, then=Value("referred")),
                default=Value("case"),
            )
        )

    def categories(self, period):
        return [("solved", _("Solved or advised at triage, no case")), ("referred", _("Referred elsewhere")), ("case", _("Case opened"))]


@register
class TimeToFirstContact(DistributionIndicator):
    key = "time_to_first_contact"
    section = "intake"
    title = _("Time from signal to first contact")
    definition = _(
        "For signals received in the period that led to contact with the resident before its end: the days from "
        "receiving the signal to the first contact (median and 90th percentile). Signals without contact yet are in 'overdue "
        "signals'. Source: the intake app's signals (received, first contact)."
    )
    team_field = "team_id"
    wijk_field = "wijk_id"
    household_path = "household_id"
    requires = ("intake.Signal.first_contact_at",)

    def records(self, period):
        return (
            _intake().Signal.objects.filter(received_at__gte=period.start_dt, received_at__lt=period.end_dt,
                                         first_contact_at__lt=period.end_dt)
            .annotate(category=Value("all"), value=ExpressionWrapper(F("first_contact_at") - F("received_at"), output_field=DurationField()))
        )

    def categories(self, period):
        return [("all", _("Signals with contact"))]


@register
class OverdueSignals(_SignalIndicator):
    key = "overdue_signals"
    title = _("Overdue signals")
    definition = _(
        "Counts signals received before the end of the period whose contact deadline had passed on the last day of "
        "the period without contact with the resident by then (withdrawn signals left out). Source: the intake app's "
        "signals (deadline, first contact)."
    )
    show_share = False
    show_total = False
    requires = ("intake.Signal.deadline", "intake.Signal.first_contact_at")

    def records(self, period):
        m = _intake()
        return (
            m.Signal.objects.filter(received_at__lt=period.end_dt, deadline__lt=period.end)
            .exclude(status=m.SignalStatus.WITHDRAWN)
            .filter(Q(first_contact_at__isnull=True) | Q(first_contact_at__gte=period.end_dt))
            .annotate(category=Value("overdue"))
        )

    def categories(self, period):
        return [("overdue", _("Deadline passed, no contact yet"))]
