"""Collaboration indicators (socialmap and plans apps), domeinstapelaars, and recurring themes per wijk."""

from django.conf import settings
from django.db.models import Case as When_
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..framework import WIJK, CountIndicator, register
from .process import open_at_end


@register
class PartnersInvolved(CountIndicator):
    key = "partners_involved"
    section = "collaboration"
    title = _("Partners involved in cases")
    definition = _(
        "Counts households whose case had a partner organisation involved at some time in the period (involved "
        "since before the end, not ended before the start), per organisation. A household with several partners "
        "counts once per partner. Source: the socialmap app's partners on a case."
    )
    case_path = "case__"
    additive = False
    show_share = False
    show_total = False
    chart = "hbar"
    requires = ("socialmap.CasePartner",)

    def records(self, period):
        from eenplan.socialmap.models import CasePartner

        return CasePartner.objects.filter(since__lte=period.end).filter(Q(until__isnull=True) | Q(until__gte=period.start)).annotate(
            category=F("organisation_id"))

    def categories(self, period):
        from eenplan.socialmap.models import Organisation

        return list(Organisation.objects.order_by("name").values_list("pk", "name"))


@register
class SolutionFrames(CountIndicator):
    key = "solution_frames"
    section = "collaboration"
    title = _("Provisions and solutions used in plans")
    definition = _(
        "Counts households with a plan version made in the period that uses a solution from each of De Kanteling's "
        "frames: own strength, social network, general or preceding provisions, tailored provisions. A household can "
        "count in several frames. Source: the plans app's plan versions and solutions."
    )
    case_path = "version__plan__case__"
    additive = False
    show_share = False
    show_total = False
    requires = ("plans.Solution", "plans.PlanVersion")

    def records(self, period):
        from eenplan.plans.models import Solution

        return Solution.objects.filter(version__created_at__gte=period.start_dt, version__created_at__lt=period.end_dt).annotate(
            category=F("frame"))

    def categories(self, period):
        from eenplan.assessment.models import SolutionFrame

        return list(SolutionFrame.choices)


@register
class TailoredRequests(CountIndicator):
    key = "tailored_requests"
    section = "collaboration"
    title = _("Tailored provisions requested and granted")
    definition = _(
        "Counts requests for a tailored provision (Wmo or Jeugdwet) made in the period, by what had become of them "
        "by the end of the period: granted (also when started or ended since), refused, or still waiting for a "
        "decision. Source: the socialmap app's tailored-provision requests and their status history."
    )
    case_path = "case__"
    requires = ("socialmap.TailoredProvisionRequest", "socialmap.RequestStatusChange")

    def records(self, period):
        from eenplan.socialmap.models import RequestStatus, RequestStatusChange, TailoredProvisionRequest

        history = RequestStatusChange.objects.filter(request=OuterRef("pk"), on__lte=period.end)
        granted = [RequestStatus.GRANTED, RequestStatus.STARTED, RequestStatus.ENDED]
        return TailoredProvisionRequest.objects.filter(requested_on__gte=period.start, requested_on__lte=period.end).annotate(
            category=When_(
                When(Exists(history.filter(status__in=granted)), then=Value("granted")),
                When(Exists(history.filter(status=RequestStatus.REFUSED)), then=Value("refused")),
                default=Value("waiting"),
            ))

    def categories(self, period):
        return [("granted", _("Granted")), ("refused", _("Refused")), ("waiting", _("Waiting for a decision"))]


@register
class CaseDiscussions(CountIndicator):
    key = "case_discussions"
    section = "collaboration"
    title = _("Case discussions held")
    definition = _(
        "Counts case discussions (casusoverleg, expertisetent, maatwerktafel) held in the period, by kind. Anonymous "
        "discussions have no household and count one each; on the wijk page they are only in the municipality's "
        "total. Source: the socialmap app's case discussions."
    )
    team_field = "team_id"
    case_path = "case__"
    requires = ("socialmap.CaseDiscussion",)

    def records(self, period):
        from eenplan.socialmap.models import CaseDiscussion

        return CaseDiscussion.objects.filter(held_on__gte=period.start, held_on__lte=period.end).annotate(category=F("kind"))

    def categories(self, period):
        from eenplan.socialmap.models import DiscussionKind

        return list(DiscussionKind.choices)


@register
class DomainStacking(CountIndicator):
    key = "domain_stacking"
    section = "stacking"
    title = _("Domeinstapelaars: support from several domains at once")
    definition = _(
        "For cases open on the last day of the period: how many life domains the provisions in their plan serve at "
        "once — the ZRM 2017 domains the sociale kaart lists for each provision used in a solution of the case's "
        "latest plan version up to the end of the period. Three domains or more counts as a domeinstapelaar. Source: "
        "plans (solutions with a provision) and the sociale kaart (provision domains)."
    )
    requires = ("plans.Solution", "socialmap.Provision")

    def records(self, period):
        from eenplan.plans.models import PlanVersion, Solution

        latest = PlanVersion.objects.filter(plan__case=OuterRef("pk"), created_at__lt=period.end_dt).order_by("-created_at", "-pk")
        domains = (
            Solution.objects.filter(version=OuterRef("latest_version"), provision__isnull=False)
            .values("version").order_by().annotate(n=Count("provision__domains", distinct=True)).values("n")
        )
        return open_at_end(period).annotate(latest_version=Subquery(latest.values("pk")[:1])).annotate(
            domains=Coalesce(Subquery(domains, output_field=IntegerField()), 0)
        ).annotate(category=When_(
            When(domains__gte=3, then=Value("3+")), When(domains=2, then=Value("2")), When(domains=1, then=Value("1")),
            default=Value("0"),
        ))

    def categories(self, period):
        return [("3+", _("3 domains or more (domeinstapelaar)")), ("2", _("2 domains")), ("1", _("1 domain")),
                ("0", _("No provision in the plan (yet)"))]


def recurring_minimum() -> int:
    return int(getattr(settings, "INSIGHTS_RECURRING_THEME_MIN", 5))


@register
class RecurringThemes(CountIndicator):
    key = "recurring_themes"
    section = "themes"
    title = _("Recurring questions and signals")
    definition = _(
        "Counts signals received in the period by type of question or signal (e.g. payment arrears, loneliness). A "
        "type that concerns at least the set number of households (default 5) in one wijk is marked as recurring: "
        "a question that comes back often enough to look for a collective solution. Source: the intake app's "
        "signals (type, wijk). The mark is shown on the wijk pages."
    )
    team_field = "team_id"
    wijk_field = "wijk_id"
    household_path = "household_id"
    show_share = False
    chart = "hbar"
    requires = ("intake.Signal.signal_type", "intake.SignalType")

    def records(self, period):
        from eenplan.intake.models import Signal

        return Signal.objects.filter(received_at__gte=period.start_dt, received_at__lt=period.end_dt, signal_type__isnull=False).annotate(
            category=F("signal_type_id"))

    def categories(self, period):
        from eenplan.intake.models import SignalType

        return list(SignalType.objects.order_by("name").values_list("pk", "name"))

    def table(self, ctx):
        table = super().table(ctx)
        if ctx.scope.kind != WIJK:
            return table
        minimum, marker = recurring_minimum(), _("recurring")
        for row in table.rows:
            cell = row.cells[0]
            if not row.is_total and not cell.suppressed and cell.households >= minimum:
                row.label = f"{row.label} — {marker}"
        return table
