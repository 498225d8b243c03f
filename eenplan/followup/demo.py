"""Demo data for route steps 8–9, consistent with the cases' phases:

- planned evaluation moments on cases in plan/support/evaluation, some overdue;
- evaluations with goal progress (resident's and professional's view) on cases in
  evaluation, monitoring and closed;
- closing evaluations with the answers for closed cases (and for monitoring cases, with a
  monitoring period, planned check-ins and check-ins held);
- one reopened household (a closed case reopened as a new case within the year).

Cases in stut en steun (safety) stay in monitoring without a closing: their monitoring is the
safety app's. In `ctx.large` mode only a slice of the cases gets records, all bulk-created.
"""

import uuid
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from eenplan.cases.models import Phase, PlannedItem

from .models import (
    PLANNED_CHECKIN,
    PLANNED_EVALUATION,
    PLANNED_MONITORING_END,
    CheckIn,
    Closing,
    Evaluation,
    EvaluationMoment,
    GoalProgress,
    MonitoringPeriod,
)

LARGE_LIMIT = 400
CLOSED_GOALS = [
    "Huurachterstand is afgelost met een betalingsregeling",
    "Vaste dagstructuur met twee dagdelen dagbesteding",
    "Oudste kind gaat weer elke dag naar school",
    "Mantelzorger heeft één dag per week rust",
    "Administratie is op orde met hulp van een vrijwilliger",
]
RESIDENT_VIEWS = [
    "Het gaat beter, ik open de post weer zelf.",
    "Nog lastig, maar mijn zus helpt mee.",
    "Ik heb meer rust in mijn hoofd.",
    "Het lukt nog niet, ik wil wel.",
    "Dit is niet meer belangrijk voor ons.",
]
PRO_VIEWS = [
    "Regeling loopt, geen nieuwe achterstanden.",
    "Netwerk doet veel; afspraken worden nagekomen.",
    "Eerste stappen gezet, volgende evaluatie opnieuw bekijken.",
    "Nog geen beweging; aanbod opnieuw bespreken.",
    "Doel vervallen na verhuizing naar andere woning.",
]
PROCESS = [
    "Snel contact en korte lijnen met de woningcorporatie; het netwerk nam veel over.",
    "Het duurde lang voor de dagbesteding startte; daarna ging het vlot.",
    "Gezin wisselde vaak van afspraken; huisbezoeken werkten beter dan kantoor.",
]
LESSONS = [
    "Netwerk vanaf het begin betrekken.",
    "Eerder opschalen als een voorziening een wachtlijst heeft.",
    "Afspraken thuis maken, niet op kantoor.",
]
WORDS = ["Ik werd serieus genomen.", "Fijn dat er iemand meedacht.", "Het ging me te langzaam.", "Ik kan weer verder."]


def seed(ctx):
    rng, today, now = ctx.rng, ctx.today, timezone.now()
    cases = [c for c in ctx.cases if c.regisseur_id]
    if ctx.large:
        cases = cases[:LARGE_LIMIT]
    goals = _current_goals([c.pk for c in cases])
    watched = _stut_en_steun_cases()

    moments, planned = [], []
    evaluations, progress_rows = [], []
    closings, periods, checkins = [], [], []

    # Planned evaluation moments, about a third overdue.
    for case in [c for c in cases if c.phase in (Phase.PLAN, Phase.ONDERSTEUNING, Phase.EVALUATIE)]:
        due = today + timedelta(days=rng.choice([-21, -9, -3, 4, 12, 25, 40, 60]))
        moments.append(EvaluationMoment(case=case, due_on=due, proposed_on=due - timedelta(days=rng.choice([0, 0, 7])),
                                        note=rng.choice(["", "Doelen geldzaken", "Dagbesteding bespreken"]),
                                        created_at=now - timedelta(days=30), created_by=case.regisseur))
    EvaluationMoment.objects.bulk_create(moments)
    for m in moments:
        planned.append(PlannedItem(case=m.case, kind=PLANNED_EVALUATION, label="Evaluatie met het huishouden", due_on=m.due_on,
                                   owner=m.case.regisseur, source=f"followup.EvaluationMoment:{m.pk}"))

    # Evaluations with goal progress.
    evaluated = [c for c in cases if c.phase in (Phase.EVALUATIE, Phase.MONITORING, Phase.AFGESLOTEN, Phase.ONDERSTEUNING)]
    for case in evaluated:
        if case.phase == Phase.ONDERSTEUNING and rng.random() < 0.6:
            continue
        case_goals = goals.get(case.pk) or [(str(uuid.uuid4()), t) for t in rng.sample(CLOSED_GOALS, 2)]
        opened = timezone.localtime(case.opened_at).date()
        held = [max(opened, today - timedelta(days=d)) for d in sorted(rng.sample([12, 40, 75, 110], k=rng.choice([1, 2])), reverse=True)]
        final = case.phase in (Phase.MONITORING, Phase.AFGESLOTEN)
        for n, day in enumerate(held):
            last = n == len(held) - 1
            ev = Evaluation(case=case, held_on=day, with_resident=rng.random() < 0.85, present=rng.choice(["", "Zus", "Partner", "Mentor school"]),
                            summary="Samen teruggekeken op de doelen.", next_step="afronden" if (last and final) else "doorgaan",
                            by=case.regisseur, created_at=now - timedelta(days=(today - day).days))
            evaluations.append((ev, case_goals, last and final))
    Evaluation.objects.bulk_create([e for e, *_ in evaluations])
    for ev, case_goals, final in evaluations:
        for key, text in case_goals:
            status = rng.choice(["behaald", "deels_behaald", "behaald"] if final else ["bezig", "bezig", "niet_gestart", "deels_behaald"])
            i = rng.randrange(len(RESIDENT_VIEWS))
            progress_rows.append(GoalProgress(
                evaluation=ev, case=ev.case, goal_key=key, goal_text=text, status=status,
                resident_status=rng.choice(["", status, "behaald"]), resident_view=RESIDENT_VIEWS[i], professional_view=PRO_VIEWS[i],
            ))
    GoalProgress.objects.bulk_create(progress_rows)

    # Closing evaluations: closed cases, and monitoring cases that are not in stut en steun.
    for case in [c for c in cases if c.phase == Phase.AFGESLOTEN or (c.phase == Phase.MONITORING and c.pk not in watched)]:
        monitoring = case.phase == Phase.MONITORING
        ended = timezone.localtime(case.phase_since).date() if monitoring else timezone.localtime(case.closed_at).date()
        answered = rng.choice(["ja", "ja", "deels", "nee"])
        score = None if rng.random() < 0.1 else rng.choice([6, 7, 7, 8, 8, 8, 9, 10, 5])
        closings.append(Closing(
            case=case, decided_on=ended, outcome="monitoring" if monitoring else "afsluiten", question_answered=answered,
            process=rng.choice(PROCESS), lessons=rng.choice(LESSONS),
            self_reliance=rng.choice(["gestegen", "gestegen", "gelijk", "gedaald"]), self_reliance_measured=rng.choice(["gestegen", "onbekend"]),
            participation=rng.choice(["gestegen", "gelijk", "gelijk", "onbekend"]), participation_measured="onbekend",
            resident_satisfaction=score, resident_words=rng.choice(WORDS) if score else "",
            resident_not_asked_reason="" if score else "Inwoner niet meer bereikbaar na verhuizing.",
            by=case.regisseur, created_at=now - timedelta(days=(today - ended).days),
        ))
    Closing.objects.bulk_create(closings)
    for closing in [c for c in closings if c.outcome == "monitoring"]:
        case = closing.case
        ends = max(closing.decided_on + timedelta(days=rng.choice([90, 120, 180])), today + timedelta(days=14))
        periods.append(MonitoringPeriod(case=case, closing=closing, starts_on=closing.decided_on, ends_on=ends,
                                        watch_for=rng.choice(["Nieuwe betalingsachterstanden", "Dagstructuur die wegvalt", "Schoolverzuim"]),
                                        started_by=case.regisseur, started_at=closing.created_at))
    MonitoringPeriod.objects.bulk_create(periods)
    for i, period in enumerate(periods):
        day = period.starts_on + timedelta(days=30)
        while day < today:
            checkins.append(CheckIn(period=period, case=period.case, held_on=day, how=rng.choice(["telefoon", "huisbezoek"]),
                                    result=rng.choice(["goed", "goed", "zorgen"]), note="Kort contact; afspraken lopen.",
                                    by=period.case.regisseur, created_at=now - timedelta(days=(today - day).days)))
            day += timedelta(days=30)
        next_due = today - timedelta(days=5) if i % 3 == 0 else today + timedelta(days=rng.randint(3, 25))
        planned.append(PlannedItem(case=period.case, kind=PLANNED_CHECKIN, label="Contactmoment: telefoongesprek", due_on=next_due,
                                   owner=period.case.regisseur, source=f"followup.MonitoringPeriod:{period.pk}"))
        planned.append(PlannedItem(case=period.case, kind=PLANNED_MONITORING_END, label="Einde vinger aan de pols: casus afsluiten",
                                   due_on=period.ends_on, owner=period.case.regisseur, source=f"followup.MonitoringPeriod:{period.pk}"))
    CheckIn.objects.bulk_create(checkins)
    created = PlannedItem.objects.bulk_create(planned)
    by_source = {p.source: p for p in created if p.kind == PLANNED_EVALUATION}
    for m in moments:
        m.planned_item = by_source.get(f"followup.EvaluationMoment:{m.pk}")
    EvaluationMoment.objects.bulk_update(moments, ["planned_item"])
    _reopen_one(ctx, closings)


def _reopen_one(ctx, closings):
    """One household came back within the year: its closed case is reopened as a new case."""
    from django.core.exceptions import ValidationError

    from eenplan.cases.services import open_case_of

    from .services import case_reopen

    for closing in closings:
        case = closing.case
        if closing.outcome != "afsluiten" or case.regisseur is None or not case.regisseur.is_active:
            continue
        if (timezone.now() - case.closed_at).days > 200 or open_case_of(case.household) is not None:
            continue
        try:
            case_reopen(case=case, by=case.regisseur, reason="Nieuwe aanmaningen ontvangen; inwoner belt zelf terug.")
        except ValidationError:
            continue
        return


def _current_goals(case_ids) -> dict:
    from eenplan.plans.models import Goal

    rows = (
        Goal.objects.filter(version__plan__case_id__in=case_ids, version__number=F("version__plan__current_number"))
        .values_list("version__plan__case_id", "key", "title")
    )
    goals: dict[int, list] = {}
    for case_id, key, title in rows:
        goals.setdefault(case_id, []).append((str(key), title))
    return goals


def _stut_en_steun_cases() -> set:
    from eenplan.safety.models import StutEnSteun

    return set(StutEnSteun.objects.filter(ended_at__isnull=True).values_list("case_id", flat=True))
