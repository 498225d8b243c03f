"""Demo assessments for cases in vraagverheldering and later phases:

- a ZRM 2017 measurement for each adult (a ZRM-Jongeren one for 12–17-year-olds), scoring only
  the domains that matter for the household's question, with some 'not applicable';
- a second measurement for cases in evaluatie, monitoring and afgesloten, so change shows
  (mostly up on the problem domains, sometimes down);
- a participatieladder step per adult, with a second step for the later phases;
- for a share of the cases: Big 5 in the resident's words with actions, Wat Telt (resident and
  professional side by side), strengths, a network map and questions with the frames considered.

In `ctx.large` mode only the measurements are made (bulk), to keep seeding cheap.
"""

from datetime import timedelta

from django.db.models import Q

from eenplan.cases.models import Phase
from eenplan.people.ages import age_on
from eenplan.people.models import HouseholdMember

from .models import (
    AssessmentQuestion,
    Big5Action,
    Big5Entry,
    Domain,
    Instrument,
    NetworkMember,
    ParticipationMeasurement,
    QuestionFrame,
    Strength,
    WatTeltEntry,
    ZrmMeasurement,
    ZrmScore,
)

MEASURED_PHASES = {Phase.VRAAGVERHELDERING, Phase.PLAN, Phase.ONDERSTEUNING, Phase.EVALUATIE, Phase.MONITORING, Phase.AFGESLOTEN}
REMEASURED_PHASES = {Phase.EVALUATIE, Phase.MONITORING, Phase.AFGESLOTEN}
PENSION_AGE = 67

# Household profiles: the domains that are the problem (low scores) and the ones that are relevant.
PROFILES = [
    {"problem": ["financien", "huisvesting"], "relevant": ["werk-opleiding", "geestelijke-gezondheid", "sociaal-netwerk", "huiselijke-relaties"]},
    {"problem": ["geestelijke-gezondheid", "tijdsbesteding"], "relevant": ["sociaal-netwerk", "financien", "lichamelijke-gezondheid", "instrumentele-adl"]},
    {"problem": ["huiselijke-relaties", "financien"], "relevant": ["werk-opleiding", "huisvesting", "sociaal-netwerk", "geestelijke-gezondheid"]},
    {"problem": ["middelengebruik", "werk-opleiding"], "relevant": ["financien", "justitie", "geestelijke-gezondheid", "sociaal-netwerk"]},
    {"problem": ["lichamelijke-gezondheid", "instrumentele-adl"], "relevant": ["basale-adl", "sociaal-netwerk", "tijdsbesteding", "huisvesting"]},
]
BIG5 = {
    "financien": ("Elke maand is het geld op voor de 20e. Er liggen brieven die we niet openmaken.", "Overzicht hebben en elke maand de vaste lasten kunnen betalen."),
    "wonen": ("De woning is te klein en er zit schimmel in de slaapkamer van de kinderen.", "Een droge woning waar de kinderen een eigen kamer hebben."),
    "dagbesteding": ("Sinds het ontslag zit ik vooral thuis. De dagen zijn lang.", "Weer iets doen buiten de deur, liefst met mensen om me heen."),
    "netwerk": ("Mijn moeder helpt soms, verder weinig mensen om op terug te vallen.", "Een paar mensen in de buurt die ik kan bellen als het misgaat."),
    "gezondheid": ("Ik slaap slecht en heb vaak hoofdpijn door de stress.", "Weer goed slapen en minder piekeren."),
}
BIG5_ACTIONS = {
    "financien": [("Samen de post openmaken en op een rij zetten", "kort", "regisseur en inwoner"), ("Aanmelden bij schuldhulpverlening", "lang", "inwoner")],
    "wonen": [("Melding schimmel doen bij de verhuurder", "kort", "inwoner"), ("Inschrijving woningzoekende controleren", "lang", "inwoner")],
    "dagbesteding": [("Kennismaken bij het buurthuis", "kort", "inwoner met buurtwerker")],
    "netwerk": [("Netwerkberaad plannen met moeder en zus", "kort", "regisseur")],
    "gezondheid": [("Afspraak bij de huisarts maken over het slapen", "kort", "inwoner")],
}
WAT_TELT = [
    ("financien", "Ik lig er 's nachts wakker van. Ik wil dat de deurwaarder niet meer komt.", "Zelf de rekeningen betalen", "Achterstand huur en zorgverzekering; inkomen is wel stabiel."),
    ("sociaal-netwerk", "Ik schaam me om hulp te vragen aan mijn familie.", "Eén keer per week iemand zien", "Klein netwerk, wel een betrokken zus."),
    ("geestelijke-gezondheid", "Ik ben vaak moe en prikkelbaar tegen de kinderen.", "Weer rustig worden", "Somberheidsklachten, nog geen behandeling."),
    ("huisvesting", "Dit huis maakt ons ziek.", "Een andere woning", "Schimmel bevestigd bij huisbezoek."),
]
STRENGTHS = [
    "Is heel betrokken bij de kinderen", "Kan goed koken en doet dat graag", "Vraagt hulp als het echt niet meer gaat",
    "Heeft een goede band met de school", "Is handig met reparaties in huis", "Houdt vol, ook als het tegenzit",
]
NETWORK = [
    ("Oma Jansen", "familie", "moeder van de ouder", "dagelijks", "Haalt de kinderen uit school", "Een avond per week oppassen"),
    ("Tante Fatma", "familie", "zus", "wekelijks", "Belt vaak", "Meegaan naar afspraken"),
    ("Buurman Piet", "buur", "buurman op nummer 12", "maandelijks", "", "Helpen met klusjes"),
    ("Marieke", "vriend", "vriendin van school", "maandelijks", "Gaat soms mee wandelen", ""),
    ("Schuldhulpmaatje Henk", "vrijwilliger", "vrijwilliger van de kerk", "wekelijks", "Helpt met de administratie", ""),
    ("Juf De Vries", "professional", "leerkracht groep 5", "wekelijks", "Houdt contact over de jongste", ""),
    ("Huisarts Van Dam", "professional", "huisarts", "zelden", "", "Doorverwijzen naar de POH-GGZ"),
]
QUESTIONS = [
    ("Hoe krijg ik weer overzicht over mijn geld?", "financien", {
        "eigen_kracht": ("Wil zelf een kasboek bijhouden", False), "netwerk": ("Zus kan meekijken met de post", False),
        "voorliggend": ("Schuldhulpmaatje via de kerk", True), "maatwerk": ("Schuldhulpverlening als het maatje niet genoeg is", False)}),
    ("Hoe komen we aan een droge woning?", "huisvesting", {
        "eigen_kracht": ("Zelf melding doen bij de verhuurder", True), "voorliggend": ("Huurteam voor advies over gebreken", True)}),
    ("Hoe krijg ik weer een vast ritme?", "tijdsbesteding", {
        "netwerk": ("Wandelen met een vriendin", True), "voorliggend": ("Activiteiten in het buurthuis", True),
        "maatwerk": ("Dagbesteding als het buurthuis niet past", False)}),
]


def _clip(value):
    return max(1, min(5, value))


def seed(ctx):
    rng = ctx.rng
    cases = [c for c in ctx.cases if c.phase in MEASURED_PHASES]
    if not cases:
        return
    instruments = {i.code: i for i in Instrument.objects.filter(code__in=["zrm-2017", "zrm-jongeren"])}
    domains = {
        code: {d.code: d for d in Domain.objects.filter(instrument=i)} for code, i in instruments.items()
    }
    fallback_user = next(iter(ctx.staff.values()))
    household_ids = {c.household_id for c in cases}
    members: dict[int, list] = {}
    for m in HouseholdMember.objects.filter(household_id__in=household_ids).filter(
        Q(until__isnull=True) | Q(until__gte=ctx.today)
    ).select_related("person"):
        members.setdefault(m.household_id, []).append(m.person)

    plans = []  # (case, person, instrument code, measured_on, scores) — measurements to make
    ladders = []
    for case in cases:
        profile = rng.choice(PROFILES)
        by = case.regisseur or fallback_user
        # Every measurement lies within the case: after it opened, and not after it closed.
        end = min(case.closed_at.date(), ctx.today) if case.closed_at else ctx.today
        start = max(case.opened_at.date() + timedelta(days=rng.randint(7, 21)), ctx.today - timedelta(days=400))
        start = max(min(start, end), case.opened_at.date())
        people = members.get(case.household_id, [])
        ages = {p.pk: age_on(p, start) for p in people}
        adults = [p for p in people if ages[p.pk] is None or ages[p.pk] >= 18][: (1 if ctx.large else 2)]
        youth = [p for p in people if ages[p.pk] is not None and 12 <= ages[p.pk] < 18][: (0 if ctx.large else 1)]
        for person in adults + youth:
            code = "zrm-2017" if person in adults else "zrm-jongeren"
            first = {}
            for d in profile["problem"]:
                first[d] = rng.choice([1, 2, 2, 3])
            for d in profile["relevant"]:
                first[d] = rng.choice([2, 3, 3, 4, 4, 5])
            if rng.random() < 0.5:
                first["justitie"] = "nvt"
            if rng.random() < 0.4:
                first["middelengebruik"] = first.get("middelengebruik", rng.choice([4, 5]))
            plans.append((case, person, code, start, first, by))
            if case.phase in REMEASURED_PHASES:
                second = {}
                for d, v in first.items():
                    if v == "nvt":
                        second[d] = v
                    elif d in profile["problem"]:
                        second[d] = _clip(v + rng.choice([0, 1, 1, 2, 2]))
                    else:
                        second[d] = _clip(v + rng.choice([-1, 0, 0, 1]))
                later = min(start + timedelta(days=rng.randint(90, 200)), end)
                grown_up = code == "zrm-jongeren" and (age_on(person, later) or 0) >= 18  # ZRM-Jongeren is for 12–17
                if later > start and not grown_up:
                    plans.append((case, person, code, later, second, by))
        for person in adults:
            # Past the state pension age (67) nobody is placed on the paid-work steps (5, 6).
            top = 4 if (ages[person.pk] or 0) >= PENSION_AGE else 6
            level = min(top, rng.choice([1, 2, 2, 3, 3, 4, 5, 6]))
            ladders.append(ParticipationMeasurement(case=case, person=person, level=level, measured_on=start, by=by))
            if case.phase in REMEASURED_PHASES:
                later = min(start + timedelta(days=rng.randint(90, 200)), end)
                if later > start:
                    ladders.append(ParticipationMeasurement(case=case, person=person, level=min(top, level + rng.choice([0, 0, 1, 1, 2])), measured_on=later, by=by))

    measurements = ZrmMeasurement.objects.bulk_create(
        [ZrmMeasurement(case=case, person=person, instrument=instruments[code], measured_on=on, by=by) for case, person, code, on, _s, by in plans],
        batch_size=2000,
    )
    scores = []
    for m, (_case, _person, code, _on, values, _by) in zip(measurements, plans, strict=True):
        for dcode, value in values.items():
            scores.append(ZrmScore(
                measurement=m, domain=domains[code][dcode],
                score=None if value == "nvt" else value, not_applicable=value == "nvt",
            ))
    ZrmScore.objects.bulk_create(scores, batch_size=5000)
    ParticipationMeasurement.objects.bulk_create(ladders, batch_size=2000)
    if ctx.large:
        return
    _seed_conversation(ctx, cases, members, domains["zrm-2017"], fallback_user)


def _seed_conversation(ctx, cases, members, domains, fallback_user):
    """Big 5, Wat Telt, strengths, network and questions for about two thirds of the cases."""
    rng = ctx.rng
    entries, actions_for, wat_telt, strengths, network, questions = [], [], [], [], [], []
    for case in cases:
        if rng.random() > 0.66:
            continue
        by = case.regisseur or fallback_user
        people = members.get(case.household_id, [])
        if not people:
            continue
        adult = people[0]
        for domain in rng.sample(list(BIG5), k=rng.randint(2, 5)):
            current, ideal = BIG5[domain]
            entry = Big5Entry(case=case, domain=domain, current=current, ideal=ideal, updated_by=by)
            entries.append(entry)
            actions_for.append((entry, BIG5_ACTIONS[domain], by))
        for dcode, resident, goal, professional in rng.sample(WAT_TELT, k=rng.randint(1, 3)):
            wat_telt.append(WatTeltEntry(case=case, person=adult, domain=domains[dcode], view="inwoner", important=True, how_it_goes=resident, goal=goal, by=by))
            wat_telt.append(WatTeltEntry(case=case, person=adult, domain=domains[dcode], view="professional", how_it_goes=professional, by=by))
        for text in rng.sample(STRENGTHS, k=rng.randint(1, 3)):
            strengths.append(Strength(case=case, person=rng.choice([None, adult]), text=text, by=by))
        for name, kind, relation, contact, does, could in rng.sample(NETWORK, k=rng.randint(2, 5)):
            network.append(NetworkMember(case=case, name=name, kind=kind, relation=relation, contact=contact, does=does, could_do=could, by=by))
        for text, dcode, frames in rng.sample(QUESTIONS, k=rng.randint(1, 2)):
            questions.append((AssessmentQuestion(case=case, person=adult, domain=domains[dcode], text=text, by=by), frames))
    Big5Entry.objects.bulk_create(entries)
    Big5Action.objects.bulk_create([
        Big5Action(entry=entry, text=text, term=term, who=who, created_by=by)
        for entry, items, by in actions_for for text, term, who in items
    ])
    WatTeltEntry.objects.bulk_create(wat_telt)
    Strength.objects.bulk_create(strengths)
    NetworkMember.objects.bulk_create(network)
    made = AssessmentQuestion.objects.bulk_create([q for q, _f in questions])
    QuestionFrame.objects.bulk_create([
        QuestionFrame(question=q, frame=frame, note=note, chosen=chosen)
        for q, (_q, frames) in zip(made, questions, strict=True) for frame, (note, chosen) in frames.items()
    ])
