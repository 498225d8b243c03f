"""Demo safety records, consistent with the cases' safety status:

- running meldcode trajectories of various ages (cases with concerns or unsafe),
- one decided trajectory with a report to Veilig Thuis,
- safety plans with conditions and checks, one condition violated (case raised to concerns),
- stut-en-steun households in the monitoring phase, one with an overdue check,
- one case where regie was taken over, with a review date.
"""

from datetime import timedelta

from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case, Phase, PhaseTransition, PlannedItem, SafetyStatus, SafetyStatusChange

from .models import (
    Decision,
    FrameworkAnswer,
    MeldcodeStep,
    MeldcodeTrajectory,
    RegieTakeover,
    SafetyCheck,
    SafetyCondition,
    SafetyPlan,
    StutEnSteun,
    StutEnSteunCheck,
    TrajectoryStatus,
)
from .texts import QUESTION_DEFAULTS

CONCERNS = [
    "School meldt blauwe plekken bij de jongste; moeder ontwijkt vragen.",
    "Buren horen 's nachts geschreeuw en gestommel, politie is twee keer geweest.",
    "Oudste zoon vertelt dat vader dreigt als er geen geld is.",
    "Moeder vertelt over controle door partner: telefoon en geld afgepakt.",
    "Zorgen om verwaarlozing: kinderen vaak zonder ontbijt en te laat op school.",
]
STEP_NOTES = {
    1: ("Gezien: blauwe plek op bovenarm (school, juf De Vries). Gehoord: moeder zegt 'gevallen'. Hypothese (regisseur): fysiek geweld thuis.", "", ""),
    2: ("Besproken in collegiale consultatie; advies: Veilig Thuis anoniem raadplegen.", "Aandachtsfunctionaris en Veilig Thuis (anoniem)", "Gesprek met moeder voeren, signalen benoemen."),
    3: ("Zorgen besproken met moeder, in haar eigen woorden teruggegeven.", "Moeder", "Moeder erkent spanningen, wil hulp voor zichzelf."),
    4: ("Risico gewogen: herhaald, kinderen getuige.", "", "Structurele onveiligheid niet uit te sluiten."),
}
CONDITIONS = [
    ("Vader komt niet in huis zonder afspraak met de regisseur.", "Regisseur en oma", 14),
    ("Kinderen gaan elke dag naar school; school belt bij afwezigheid.", "Basisschool De Regenboog", 7),
    ("Bij ruzie gaat moeder met de kinderen naar haar zus.", "Moeder en zus", 28),
    ("Geen alcohol in huis als de kinderen er zijn.", "Regisseur (huisbezoek)", 14),
]


def seed(ctx):
    now = timezone.now()
    today = ctx.today
    rng = ctx.rng
    open_cases = [c for c in ctx.cases if c.phase not in (Phase.AFGESLOTEN, Phase.AANMELDING) and c.regisseur_id]
    if len(open_cases) < 12:
        return
    specialists = {}
    for user in ctx.staff.values():
        if user.has_role(RoleCode.SAFETY_SPECIALIST):
            for team_id in user.memberships.values_list("team_id", flat=True):
                specialists.setdefault(team_id, user)
    rng.shuffle(open_cases)
    # Take cases from every team so each specialist and lead sees some.
    by_team = {}
    for case in open_cases:
        by_team.setdefault(case.team_id, []).append(case)
    picked = []
    while len(picked) < 14 and any(by_team.values()):
        for cases in by_team.values():
            if cases and len(picked) < 14:
                picked.append(cases.pop())
    meldcode_cases, decided_cases, plan_cases, watch_cases, regie_cases = picked[:5], picked[5:6], picked[6:9], picked[9:13], picked[13:14]
    status_changes, transitions, planned = [], [], []

    def set_status(case, status, reason, at):
        if case.safety_status != status:
            case.safety_status = status
            status_changes.append(SafetyStatusChange(case=case, status=status, reason=reason, at=at, by=case.regisseur))

    def who(case):
        return specialists.get(case.team_id) if rng.random() < 0.3 and case.team_id in specialists else case.regisseur

    # Running meldcode trajectories, open for 2 to 60 days, at different steps.
    ages = [2, 9, 23, 41, 60]
    for i, case in enumerate(meldcode_cases):
        started = now - timedelta(days=ages[i])
        set_status(case, SafetyStatus.ZORGEN if i % 2 else SafetyStatus.ONVEILIG, "Signalen van huiselijk geweld; meldcode gestart.", started)
        t = MeldcodeTrajectory.objects.create(case=case, started_at=started, started_by=case.regisseur, concern=CONCERNS[i])
        steps_done = min(i, 4)
        _steps(t, steps_done, started, who, case, skip_conversation=(i == 3))

    # A decided trajectory: reported to Veilig Thuis, help organised.
    for case in decided_cases:
        started = now - timedelta(days=75)
        set_status(case, SafetyStatus.ZORGEN, "Melding gedaan bij Veilig Thuis; hulp loopt.", started + timedelta(days=20))
        t = MeldcodeTrajectory.objects.create(case=case, started_at=started, started_by=case.regisseur, concern=CONCERNS[0])
        _steps(t, 4, started, who, case)
        decided = started + timedelta(days=20)
        MeldcodeStep.objects.create(trajectory=t, step=5, performed_on=decided.date(), by=case.regisseur, recorded_at=decided,
                                    considered="Structurele onveiligheid; samen met Veilig Thuis gewogen.", advice=str(Decision.REPORT_AND_HELP.label))
        answers = {1: "ja", 2: "ja", 3: "ja", 4: "ja", 5: "ja"}
        FrameworkAnswer.objects.bulk_create([
            FrameworkAnswer(trajectory=t, question=q, question_text=str(QUESTION_DEFAULTS[q].title), answer=a,
                            explanation="Samen met Veilig Thuis besproken." if q > 2 else "")
            for q, a in answers.items()
        ])
        t.status, t.decided_at, t.decision = TrajectoryStatus.DECIDED, decided, Decision.REPORT_AND_HELP
        t.reported_on, t.agreements = decided.date(), "Gezinscoach via jeugd-ggz; wekelijks contact; veiligheidsplan met oma."
        t.save()

    # Safety plans with conditions and checks; the first plan's first condition was violated last week.
    for i, case in enumerate(plan_cases):
        agreed = today - timedelta(days=40 + 10 * i)
        plan = SafetyPlan.objects.create(case=case, agreed_with="Moeder, oma (netwerk)" if i != 1 else "Ouders samen",
                                         agreed_on=agreed, created_at=now - timedelta(days=40 + 10 * i), created_by=case.regisseur)
        set_status(case, SafetyStatus.ZORGEN, "Veiligheidsplan afgesproken met het gezin.", now - timedelta(days=40 + 10 * i))
        for j, (text, checker, every) in enumerate(CONDITIONS[i: i + 2]):
            cond = SafetyCondition.objects.create(plan=plan, case=case, description=text, checker=checker, every_days=every,
                                                  next_check_on=agreed + timedelta(days=every), created_at=plan.created_at, created_by=case.regisseur)
            checks, day = [], agreed + timedelta(days=every)
            while day <= today:
                violated = i == 0 and j == 0 and day + timedelta(days=every) > today
                checks.append(SafetyCheck(condition=cond, checked_on=day, result="geschonden" if violated else "nageleefd",
                                          note="Vader was zaterdag in huis, door oma gezien." if violated else "",
                                          by=case.regisseur, recorded_at=now))
                day += timedelta(days=every)
            SafetyCheck.objects.bulk_create(checks)
            if checks:
                last = checks[-1]
                cond.last_checked_on, cond.last_result, cond.next_check_on = last.checked_on, last.result, last.checked_on + timedelta(days=every)
                cond.save()
                if last.result == "geschonden":
                    set_status(case, SafetyStatus.ONVEILIG, "Veiligheidsvoorwaarde geschonden.", now - timedelta(days=1))
            planned.append(PlannedItem(case=case, kind="veiligheidscheck", label="Veiligheidsvoorwaarde controleren",
                                       due_on=cond.next_check_on, owner=case.regisseur, source=f"safety.SafetyCondition:{cond.pk}"))

    # Stut en steun: monitoring phase, periodic checks; the first one is overdue.
    for i, case in enumerate(watch_cases):
        # After the case's route so far (a case never moves into stut en steun before it opened or reached its phase).
        started = min(max(now - timedelta(days=120 + 30 * i), (case.phase_since or case.opened_at) + timedelta(days=1)), now - timedelta(hours=1))
        every = [42, 28, 56, 42][i]
        next_check = today - timedelta(days=9) if i == 0 else today + timedelta(days=5 + 7 * i)
        set_status(case, SafetyStatus.ONVEILIG if i == 0 else SafetyStatus.ZORGEN, "Blijvend veiligheidsrisico: stut en steun.", started)
        watch = StutEnSteun.objects.create(case=case, reason="Vader blijft een risico; contact met kinderen onder toezicht." if i % 2 == 0
                                           else "Terugkerende crises bij moeder (GGZ); kinderen kwetsbaar.",
                                           every_days=every, next_check_on=next_check, started_at=started, started_by=case.regisseur)
        StutEnSteunCheck.objects.bulk_create([
            StutEnSteunCheck(watch=watch, checked_on=next_check - timedelta(days=every * k), how=rng.choice(["Huisbezoek", "Telefonisch", "Via school"]),
                             note="Rustig, afspraken worden nagekomen.", by=case.regisseur, recorded_at=now)
            for k in range(1, 3) if next_check - timedelta(days=every * k) > started.date()
        ])
        if case.phase != Phase.MONITORING:
            transitions.append(PhaseTransition(case=case, from_phase=case.phase, to_phase=Phase.MONITORING, at=started, by=case.regisseur,
                                               note="Stut en steun: blijvend veiligheidsrisico"))
            case.phase, case.phase_since = Phase.MONITORING, started
        planned.append(PlannedItem(case=case, kind="stut_en_steun", label="Controle stut en steun", due_on=next_check,
                                   owner=case.regisseur, source=f"safety.StutEnSteun:{watch.pk}"))

    # Regie tenzij: taken over for a period because of a limitation, review soon.
    for case in regie_cases:
        takeover = RegieTakeover.objects.create(
            case=case, ground="beperking", reason="Moeder is opgenomen (psychose); vader LVB. Dagelijkse beslissingen over geld tijdelijk bij de regisseur.",
            starts_on=today - timedelta(days=20), ends_on=today + timedelta(days=70), review_on=today + timedelta(days=10),
            recorded_at=now - timedelta(days=20), by=case.regisseur,
        )
        planned.append(PlannedItem(case=case, kind="regie_evaluatie", label="Evaluatie: regie teruggeven?", due_on=takeover.review_on,
                                   owner=case.regisseur, source=f"safety.RegieTakeover:{takeover.pk}"))

    SafetyStatusChange.objects.bulk_create(status_changes)
    PhaseTransition.objects.bulk_create(transitions)
    PlannedItem.objects.bulk_create(planned)
    Case.objects.bulk_update(picked, ["safety_status", "phase", "phase_since"])


def _steps(trajectory, count, started, who, case, skip_conversation=False):
    rows = []
    for n in range(1, count + 1):
        day = min(started + timedelta(days=n * 2), timezone.now())
        considered, with_whom, advice = STEP_NOTES[n]
        skipped = skip_conversation and n == 3
        rows.append(MeldcodeStep(
            trajectory=trajectory, step=n, performed_on=min(day.date(), timezone.localdate()), by=who(case) or case.regisseur, recorded_at=day,
            skipped=skipped, skip_reason="Gesprek met vader brengt moeder en kinderen in gevaar (advies Veilig Thuis)." if skipped else "",
            considered="" if skipped else considered, with_whom="" if skipped else with_whom, advice="" if skipped else advice,
            kindcheck="ja" if n == 1 else "",
        ))
    MeldcodeStep.objects.bulk_create(rows)
