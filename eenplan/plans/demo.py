"""Demo plans for cases in the plan phase and later, made through the services so they are
real versions:

- version 1 from the kitchen-table conversation (two or three goals with solutions and actions),
- for cases past the plan phase: a second version (priorities, an added action or a changed goal),
  and for some a third one after an evaluation (a goal reached, support scaled down),
- the household's agreement (on paper, in person, digitally) and, for a few, a disagreement in
  their own words,
- who holds regie, with the reason when it is not the household,
- per team one case past the plan phase whose regisseur left (the team lead's flag).
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from eenplan.assessment.models import Domain
from eenplan.cases import services as case_services
from eenplan.cases.models import Phase
from eenplan.people.ages import age_on

from . import services
from .services import ActionData, AddAction, AddGoal, AddProblem, ChangeGoal, GoalData, SetPriorities, SolutionData

LARGE_LIMIT = 60

# (domain code, problem, goal, result, [(frame, solution, provision type wanted)], [(owner kind, owner, what, days)], who)
# Texts name the household's own members: {adult} (the first adult), {child} (a child of school age), {elder} (a member
# of 65 or over); `who` says which of them the template needs ("" = only an adult), so a story fits its household.
GOALS = [
    ("financien", "We hebben schulden en de post stapelt zich op.",
     "We hebben weer overzicht over ons geld", "Alle post is geopend en er komen geen nieuwe aanmaningen meer bij.",
     [("eigen_kracht", "Elke maandagavond samen de post openen.", None), ("voorliggend", "", "voorliggend")],
     [("inwoner", "{adult}", "Alle brieven verzamelen in één map", 7), ("netwerk", "Zus Miriam", "Helpt elke maandag met de post", 14),
      ("professional", "{regisseur}", "Aanmelden bij de schuldhulpverlening", 10)], ""),
    ("huisvesting", "De huur is drie maanden niet betaald; de verhuurder dreigt met ontruiming.",
     "We kunnen in ons huis blijven wonen", "Er is een betalingsregeling met de woningcorporatie en die wordt nagekomen.",
     [("professional_note", "Regisseur belt met de woningcorporatie over een regeling.", None), ("voorliggend", "", "voorliggend")],
     [("professional", "{regisseur}", "Contact opnemen met de woningcorporatie over een betalingsregeling", 5),
      ("inwoner", "{adult}", "Huur elke maand op de 1e automatisch laten betalen", 30)], ""),
    ("werk-opleiding", "{child} gaat al weken niet naar school.",
     "{child} gaat weer elke dag naar school", "{child} mist de komende zes weken hoogstens één dag zonder bericht.",
     [("netwerk", "Opa brengt {child} op dinsdag en donderdag naar school.", None), ("maatwerk", "", "maatwerk")],
     [("partner", "Leerplichtambtenaar", "Gesprek met {child} en de mentor op school", 10),
      ("netwerk", "Opa Wim", "Brengt {child} twee ochtenden per week naar school", 7)], "child"),
    ("sociaal-netwerk", "Sinds de verhuizing kent {adult} niemand in de buurt.",
     "Ik heb mensen in de buurt bij wie ik terecht kan", "Twee mensen in de buurt die ze kan bellen als het even niet gaat.",
     [("eigen_kracht", "Eén keer per week naar de koffieochtend in het buurthuis.", None), ("voorliggend", "", "collectief")],
     [("inwoner", "{adult}", "Naar de koffieochtend in het buurthuis", 7), ("partner", "Buurtcentrum", "Maatje zoeken via het maatjesproject", 21)], ""),
    ("geestelijke-gezondheid", "{adult} slaapt slecht en piekert veel sinds het werk weg is.",
     "Ik slaap weer beter en pieker minder", "{adult} slaapt vijf nachten per week door en zegt zelf dat het piekeren minder is.",
     [("eigen_kracht", "Elke dag een half uur wandelen.", None), ("voorliggend", "", "algemeen")],
     [("inwoner", "{adult}", "Afspraak maken bij de huisarts en praktijkondersteuner", 14),
      ("professional", "{regisseur}", "Samen de aanmelding voor de cursus Grip op je dip doen", 21)], ""),
    ("huiselijke-relaties", "Er is veel ruzie thuis over de opvoeding.",
     "We maken minder ruzie over de opvoeding", "De ouders maken samen drie afspraken over bedtijd en schermtijd en houden zich eraan.",
     [("netwerk", "Oma past één avond per week op, zodat de ouders samen kunnen praten.", None), ("voorliggend", "", "voorliggend")],
     [("inwoner", "Beide ouders", "Samen drie afspraken opschrijven over bedtijd en schermtijd", 14),
      ("partner", "Jeugdverpleegkundige", "Opvoedgesprek bij het gezin thuis", 21)], "parents"),
    ("tijdsbesteding", "{adult} zit de hele dag thuis en verveelt zich.",
     "Ik heb twee ochtenden per week iets te doen waar ik blij van word", "Twee vaste ochtenden per week vrijwilligerswerk of dagbesteding.",
     [("eigen_kracht", "{adult} kookt graag: vrijwilligerswerk in de buurtkeuken.", None)],
     [("inwoner", "{adult}", "Langsgaan bij de buurtkeuken voor een kennismaking", 10)], ""),
    ("lichamelijke-gezondheid", "{elder} kan niet meer goed zelf boodschappen doen.",
     "{elder} heeft elke week genoeg boodschappen in huis", "Elke week zijn er boodschappen, zonder dat {elder} zelf naar de winkel hoeft.",
     [("netwerk", "Buurman doet op zaterdag de boodschappen mee.", None), ("maatwerk", "", "maatwerk")],
     [("netwerk", "Buurman Gijs", "Doet elke zaterdag de boodschappen voor {elder}", 7),
      ("professional", "{regisseur}", "Wmo-melding doen voor huishoudelijke hulp", 14)], "elder"),
]
AGREE_HOW = ["papier", "mondeling", "digitaal"]
DISAGREEMENTS = [
    "Ik wil geen bewindvoering, ik wil het eerst zelf proberen met hulp van mijn zus.",
    "Ik vind niet dat we nu al over een andere school moeten praten. Eerst moet het thuis rustiger worden.",
    "Het gaat te snel. Ik wil eerst de schulden regelen voordat we over werk praten.",
]
REGIE_REASONS = [
    "{adult} heeft door de dreigende ontruiming nu te veel stress om het overzicht te houden; over drie maanden opnieuw bekijken.",
    "{adult} heeft een licht verstandelijke beperking; de regisseur houdt het overzicht, {adult} beslist mee.",
    "Crisissituatie: eerst rust en veiligheid, daarna neemt het gezin de regie weer over.",
]


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _provisions_by_type():
    try:
        from eenplan.socialmap.models import Provision
    except ImportError:
        return {}
    found = {}
    for p in Provision.objects.filter(active=True).prefetch_related("domains").order_by("pk"):
        for d in p.domains.all():
            found.setdefault((p.type, d.code), p)
        found.setdefault((p.type, None), p)
    return found


def _goal_change(template, *, domains, provisions, names, regisseur, members, start, rng, problem_key):
    code, _problem, title, result, solutions, actions, _who = template
    title, result = title.format(**names), result.format(**names)
    solutions = [(frame, text.format(**names), wanted) for frame, text, wanted in solutions]
    domain = domains[code]
    sols = []
    for frame, text, wanted in solutions:
        if frame == "professional_note":
            sols.append(SolutionData(frame="voorliggend", description=text))
            continue
        if wanted:
            provision = provisions.get((wanted, code)) or provisions.get((wanted, None))
            if provision is None:
                continue
            sols.append(SolutionData(frame="maatwerk" if wanted == "maatwerk" else "voorliggend", description="", provision_id=provision.pk))
        else:
            sols.append(SolutionData(frame=frame, description=text))
    acts = [
        ActionData(what=what.format(**names), owner_kind=kind,
                   owner_name=owner.format(**names, regisseur=regisseur.get_full_name() or regisseur.username),
                   owner_user_id=regisseur.pk if kind == "professional" else None,
                   due_on=start + timedelta(days=days + rng.randint(0, 5)))
        for kind, owner, what, days in actions
    ]
    target = start + timedelta(days=rng.choice([60, 90, 120, 180]))
    data = GoalData(title=title, result=result, term="kort" if (target - start).days <= 90 else "lang", target_date=target,
                    domain_ids=[domain.pk], member_ids=members, problem_key=problem_key)
    return AddGoal(data=data, solutions=sols, actions=acts)


def _cast(members, adult, on) -> dict:
    """Who in this household a story can be about: the adult, a school-age child, an elder, both parents."""
    cast = {"adult": adult}
    children = [m.person for m in members if m.role == "kind" and 5 <= (age_on(m.person, on) or 0) <= 17]
    if children:
        cast["child"] = children[0]
    elders = [m.person for m in members if (age_on(m.person, on) or 0) >= 65]
    if elders:
        cast["elder"] = elders[0]
    parents = [m.person for m in members if m.role == "ouder"]
    if len(parents) >= 2 and any(m.role == "kind" for m in members):
        cast["parents"] = adult
    return cast


def seed(ctx):
    rng = ctx.rng
    domains = {d.code: d for d in Domain.objects.filter(instrument__is_current=True)}
    if not domains:
        return
    provisions = _provisions_by_type()
    phases = [Phase.PLAN, Phase.ONDERSTEUNING, Phase.EVALUATIE, Phase.MONITORING]
    cases = [c for c in ctx.cases if c.phase in phases]
    if ctx.large:
        cases = cases[:LARGE_LIMIT]
    fallback = {}
    for user in ctx.staff.values():
        if user.has_role("professional"):
            for team_id in user.memberships.values_list("team_id", flat=True):
                fallback.setdefault(team_id, user)
    disagreements = 0
    for n, case in enumerate(cases):
        by = case.regisseur or fallback.get(case.team_id)
        if by is None:
            continue
        members = list(case.household.members.select_related("person").order_by("person__birth_date"))
        adults = [m.person for m in members if m.role != "kind"] or [m.person for m in members]
        if not adults:
            continue
        adult = adults[0]
        regisseur_name = by.get_full_name() or by.username
        start = max(timezone.localtime(case.phase_since).date() - timedelta(days=rng.randint(5, 40)),
                    timezone.localtime(case.opened_at).date())
        cast = _cast(members, adult, start)
        names = {key: person.given_names.split()[0] for key, person in cast.items()}
        fitting = [t for t in GOALS if t[6] in cast or t[6] == ""]
        templates = rng.sample(fitting, k=min(len(fitting), rng.choice([2, 3]) if not ctx.large else 2))
        plan = services.plan_ensure(case=case, by=by, at=_at(start))
        problems = [AddProblem(text=t[1].format(**names), domain_id=domains[t[0]].pk) for t in templates]
        goals = [
            _goal_change(t, domains=domains, provisions=provisions, names=names, regisseur=by,
                         members=[cast.get(t[6], adult).pk], start=start, rng=rng, problem_key=p.key)
            for t, p in zip(templates, problems)
        ]
        v1 = services.plan_version_create(
            plan=plan, by=by, reason="Plan opgesteld met het gezin aan de keukentafel, na de vraagverheldering.",
            changes=problems + goals, based_on=0, at=_at(start, 11),
        )
        agreed_on = min(start + timedelta(days=rng.randint(0, 6)), ctx.today)
        if case.phase == Phase.PLAN and n % 3 == 0:
            continue  # still to be discussed with the household
        disagree = disagreements < len(DISAGREEMENTS) and n % 7 == 3
        if disagree:
            services.plan_agreement_record(version=v1, by=by, agrees=False, on=agreed_on, how="mondeling", person=adult,
                                           words=DISAGREEMENTS[disagreements])
            disagreements += 1
        else:
            services.plan_agreement_record(version=v1, by=by, agrees=True, on=agreed_on, how=AGREE_HOW[n % 3], person=adult)
        if n % 4 == 1:
            services.regie_reason_record(case=case, by=by, holder="regisseur", reason=REGIE_REASONS[n % len(REGIE_REASONS)].format(**names),
                                         at=_at(start, 12))
        else:
            services.regie_reason_record(case=case, by=by, holder="inwoner", at=_at(start, 12))
        if case.phase == Phase.PLAN:
            continue
        # version 2: the household reorders, or an action is added after the first weeks
        second = agreed_on + timedelta(days=rng.randint(10, 30))
        if second >= ctx.today:
            continue
        keys = [g.key for g in goals]
        if disagree or len(keys) < 3:
            change = [AddAction(goal_key=keys[0], data=ActionData(
                what="Samen met het gezin kijken wat zij zelf eerst willen proberen", owner_kind="professional",
                owner_name=regisseur_name, owner_user_id=by.pk, due_on=second + timedelta(days=14)))]
            reason = "Aangepast na het gesprek over wat het gezin niet goed vond aan het plan." if disagree else "Extra afspraak na het eerste huisbezoek."
        else:
            change = [SetPriorities(goal_keys=[keys[1], keys[0], *keys[2:]])]
            reason = "Het gezin vindt het tweede doel nu belangrijker."
        v2 = services.plan_version_create(plan=plan, by=by, reason=reason, changes=change, based_on=1, at=_at(second))
        services.plan_agreement_record(version=v2, by=by, agrees=True, on=min(second + timedelta(days=2), ctx.today),
                                       how=AGREE_HOW[(n + 1) % 3], person=adult)
        # version 3 after an evaluation: the first goal reached, support scaled down
        if case.phase in (Phase.EVALUATIE, Phase.MONITORING):
            third = second + timedelta(days=rng.randint(20, 60))
            if third >= ctx.today:
                continue
            first = goals[0].data
            reached = GoalData(title=first.title, result=first.result, term=first.term, target_date=first.target_date,
                               domain_ids=first.domain_ids, member_ids=first.member_ids, problem_key=first.problem_key, status="behaald")
            services.plan_version_create(plan=plan, by=by, reason="Evaluatie: eerste doel behaald, ondersteuning afgeschaald.",
                                         changes=[ChangeGoal(key=keys[0], data=reached)], based_on=2, at=_at(third))
    if not ctx.large:
        _past_actions_done(ctx, rng)
    _regisseur_left(ctx, fallback)


def _past_actions_done(ctx, rng):
    """Most professionals' actions whose date passed a while ago were done (marked a few days after the
    date); some were not, in the household's words. The rest stay open: overdue on the caseload."""
    from eenplan.cases.models import PlannedItem

    due = PlannedItem.objects.filter(kind=services.PLANNED_ACTION, done_at__isnull=True, due_on__lt=ctx.today - timedelta(days=5),
                                     case__phase__in=[Phase.ONDERSTEUNING, Phase.EVALUATIE, Phase.MONITORING])
    for item in due.select_related("case", "owner").order_by("pk"):
        if item.owner is None or rng.random() < 0.15:
            continue
        done_on = min(item.due_on + timedelta(days=rng.randint(0, 4)), ctx.today)
        key = item.source.split(":", 1)[1]
        if rng.random() < 0.85:
            services.plan_action_outcome_record(case=item.case, action_key=key, result="gedaan", by=item.owner, at=_at(done_on, 15))
        else:
            services.plan_action_outcome_record(case=item.case, action_key=key, result="niet_gedaan", by=item.owner, at=_at(done_on, 15),
                                                note="Nog niet gelukt; opnieuw plannen bij de evaluatie.",
                                                household_view="Het kwam er die weken niet van.")


def _regisseur_left(ctx, fallback):
    """Per team one supported case whose regisseur left: the team lead's page flags it."""
    seen = set()
    for case in ctx.cases:
        if case.phase != Phase.ONDERSTEUNING or case.team_id in seen or case.regisseur_id is None:
            continue
        seen.add(case.team_id)
        by = fallback.get(case.team_id) or case.regisseur
        case_services.case_set_regisseur(case=case, regisseur=None, by=by,
                                         note="Regisseur met langdurig verlof; een nieuwe regisseur is nog niet gekozen.")
