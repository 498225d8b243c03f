"""Demo intake data, consistent with the demo cases:

- an on-call rota for every team over the working days of the 14 days from today;
- for each demo case, the signal that led to it (every source type and channel), contact
  attempts (some failed before the one that reached the resident) and, once past intake,
  the triage that opened the case — safety answer in line with the case's safety status;
- signals solved at triage (advice, solved at once, nothing to do, referred elsewhere);
- open signals on the board: every source type, repeat signals about one address, VHU and
  arrears signals, some overdue (no contact by the deadline), with next attempts planned.

In `ctx.large` mode the same is written with bulk_create and fewer attempts per signal.
"""

from datetime import timedelta

from django.utils import timezone

from eenplan.accounts.models import RoleCode, TeamMembership
from eenplan.cases.models import Phase, SafetyStatus
from eenplan.demo.names import GIVEN_ADULT, STREETS, SURNAMES

from .models import (
    AttemptKind,
    Channel,
    ContactAttempt,
    DutyDay,
    LifeDomain,
    SafetyAnswer,
    Signal,
    SignalStatus,
    SignalType,
    SourceType,
    Triage,
    TriageDecision,
    Urgency,
    YesNoUnknown,
)
from .services import address_key

WHAT = {
    "inwoner": "Wil hulp bij het openen van de post; rekeningen blijven liggen.",
    "buren": "Buurvrouw ziet de bewoner al weken niet meer buiten; de brievenbus puilt uit.",
    "woningcorporatie": "Huurachterstand van drie maanden; bewoner reageert niet op brieven van de corporatie.",
    "huisarts": "POH maakt zich zorgen: patiënt vereenzaamt en komt afspraken niet na.",
    "school": "Leerplicht meldt veel verzuim van de oudste; ouders zijn moeilijk bereikbaar.",
    "politie": "Wijkagent is twee keer geweest na meldingen van ruzie; er wonen kinderen.",
    "energieleverancier": "Betalingsachterstand energie; afsluiting dreigt.",
    "zorgverzekeraar": "Premieachterstand zorgverzekering van vier maanden.",
    "deurwaarder": "Deurwaarder meldt meerdere openstaande vorderingen; beslag op inkomen dreigt.",
    "veilig-thuis": "Veilig Thuis draagt over voor vrijwillige hulp na een melding over spanningen thuis.",
    "eigen-waarneming": "Tijdens een huisbezoek bij de buren gezien dat de woning sterk vervuild raakt.",
    "overig": "Kerkelijk vrijwilliger maakt zich zorgen over een oudere buurtbewoner.",
}
CHANNEL_OF_SOURCE = {
    "inwoner": [Channel.WALK_IN, Channel.PHONE, Channel.WEB_FORM],
    "buren": [Channel.PHONE, Channel.WEB_FORM, Channel.WALK_IN],
    "eigen-waarneming": [Channel.OUTREACH],
    "overig": [Channel.PHONE, Channel.EMAIL],
}
TYPE_OF_SOURCE = {"woningcorporatie": "vhu", "energieleverancier": "energie", "zorgverzekeraar": "zorgverzekering",
                  "buren": "zorgen", "overig": "zorgen"}
SOLVED = [
    (TriageDecision.ADVICE, "", "Uitleg gegeven over de toeslagen en de formulierenhulp in de bibliotheek."),
    (TriageDecision.SOLVED, "", "Betalingsregeling samen met de bewoner direct telefonisch geregeld."),
    (TriageDecision.NOTHING, "", "Melder gerustgesteld: bewoner was op vakantie. Niets nodig."),
    (TriageDecision.REFERRED, "Schuldhulpverlening gemeente", "Warm overgedragen; bewoner heeft zelf een afspraak gemaakt."),
    (TriageDecision.REFERRED, "Huisarts (POH-ggz)", "Klachten passen bij de POH-ggz; bewoner gaat zelf bellen."),
    (TriageDecision.ADVICE, "", "Verwezen naar het buurthuis voor de koffieochtend en de maatjesgroep."),
]


def _safety_answer(status):
    return {SafetyStatus.ONVEILIG: SafetyAnswer.YES, SafetyStatus.ZORGEN: SafetyAnswer.CONCERNS,
            SafetyStatus.ONBEKEND: SafetyAnswer.UNKNOWN}.get(status, SafetyAnswer.NO)


def seed(ctx):
    rng, now, today = ctx.rng, timezone.now(), ctx.today
    sources = {s.code: s for s in SourceType.objects.all()}
    types = {t.code: t for t in SignalType.objects.all()}
    if not sources:
        return
    workers, leads = {}, {}
    for m in TeamMembership.objects.filter(team__in=ctx.teams).select_related("user").prefetch_related("user__roles"):
        if m.is_lead:
            leads[m.team_id] = m.user
        if m.user.has_role(RoleCode.PROFESSIONAL):
            workers.setdefault(m.team_id, []).append(m.user)
    team_of_wijk = {w.pk: t for t in ctx.teams for w in t.wijken.all()}
    front_office = next((u for u in ctx.staff.values() if u.has_role(RoleCode.FRONT_OFFICE)), None)

    # The on-call rota: the working days of the 14 days from today, round-robin, for every team (as
    # services.rota_fill_cycle plans it: the cycle skips weekends).
    duty_days = [today + timedelta(days=d) for d in range(14) if (today + timedelta(days=d)).weekday() < 5]
    DutyDay.objects.bulk_create([
        DutyDay(team=team, day=day, user=workers[team.pk][i % len(workers[team.pk])],
                planned_by=leads.get(team.pk) or workers[team.pk][0], planned_at=now - timedelta(days=3))
        for team in ctx.teams if workers.get(team.pk) for i, day in enumerate(duty_days)
    ])
    duty_today = {team.pk: workers[team.pk][0] for team in ctx.teams if workers.get(team.pk) and today in duty_days}

    source_codes = list(sources)
    signals, attempts, triages = [], [], []

    def make(*, team, wijk, source_code, received, household=None, case=None, address=None, subject="", status=SignalStatus.OPEN,
             urgency=Urgency.NORMAAL, by=None, arrears=None, reported=None, first_contact=None, next_on=None, next_kind=""):
        st = types.get(TYPE_OF_SOURCE.get(source_code, ""))
        if st is not None and st.arrears_months_from:
            arrears = arrears or rng.randint(2, 5)
        reported = reported or received.date()
        deadline = reported + timedelta(days=st.contact_within_days) if st is not None and st.contact_within_days else None
        address = address or {}
        s = Signal(
            team=team, wijk=wijk, channel=rng.choice(CHANNEL_OF_SOURCE.get(source_code, [Channel.REFERRAL, Channel.PHONE, Channel.EMAIL])),
            source=sources[source_code], signal_type=st, received_at=received, reported_on=reported,
            reporter_name="" if source_code in ("inwoner", "eigen-waarneming") else rng.choice(GIVEN_ADULT),
            reporter_organisation=sources[source_code].name if sources[source_code].is_partner else "",
            reporter_phone=f"06{rng.randint(10000000, 99999999)}", household=household, case=case, subject_name=subject,
            street=address.get("street", ""), house_number=address.get("house_number"),
            house_number_addition=address.get("house_number_addition", ""), postcode=address.get("postcode", ""),
            city=address.get("city", ""), description=WHAT[source_code], urgency=urgency, arrears_months=arrears,
            safety_concern=source_code in ("politie", "veilig-thuis"), deadline=deadline,
            on_duty=duty_today.get(team.pk) if received.date() == today else None, assigned_to=by, status=status,
            first_contact_at=first_contact, next_attempt_on=next_on, next_attempt_kind=next_kind, created_by=by or front_office,
        )
        s.address_key = address_key(s.postcode, s.house_number, s.house_number_addition)
        signals.append(s)
        return s

    def outreach(signal, by, reached_at, failures):
        at = signal.received_at + timedelta(hours=3)
        for kind in failures:
            attempts.append(ContactAttempt(signal=signal, kind=kind, at=at, reached=False, by=by,
                                           note="Niemand thuis, kaartje achtergelaten." if kind == AttemptKind.VISIT else ""))
            at += timedelta(days=1)
        if reached_at is not None:
            attempts.append(ContactAttempt(signal=signal, kind=rng.choice([AttemptKind.PHONE, AttemptKind.VISIT]), at=reached_at,
                                           reached=True, by=by, note="Gesproken met de bewoner; afspraak gemaakt."))

    # 1. The signals and triages that led to the demo cases.
    case_signals = []
    for i, case in enumerate(ctx.cases):
        household = case.household
        team = case.team
        by = case.regisseur or (workers.get(team.pk) or [None])[0]
        if by is None:
            continue
        code = source_codes[i % len(source_codes)]
        received = case.opened_at - timedelta(days=rng.randint(1, 6))
        address = {k: getattr(household, k) for k in ("street", "house_number", "house_number_addition", "postcode", "city")}
        triaged = case.phase not in (Phase.AANMELDING, Phase.TRIAGE)
        reached = received + timedelta(days=rng.randint(0, 4), hours=rng.randint(1, 8))
        reached = min(reached, case.opened_at) if triaged else (reached if reached < now else None)
        s = make(team=team, wijk=household.wijk, source_code=code, received=received, household=household, case=case, address=address,
                 subject=household.name.replace("Huishouden ", ""), status=SignalStatus.TRIAGED if triaged else SignalStatus.OPEN,
                 urgency=rng.choice([Urgency.NORMAAL, Urgency.NORMAAL, Urgency.HOOG, Urgency.ACUUT]), by=by,
                 first_contact=reached)
        case_signals.append((s, case, triaged, by, reached))

    # 2. Signals solved at triage, without a case.
    with_case = {c.household_id for c in ctx.cases}
    extra_households = [h for h in ctx.households if h.pk not in with_case] or ctx.households
    solved = []
    n_solved = 30 if not ctx.large else min(3000, len(ctx.households) // 20)
    for i in range(n_solved):
        household = extra_households[rng.randrange(len(extra_households))]
        team = team_of_wijk[household.wijk_id]
        by = rng.choice(workers.get(team.pk) or [None])
        if by is None:
            continue
        received = now - timedelta(days=rng.randint(3, 300))
        address = {k: getattr(household, k) for k in ("street", "house_number", "house_number_addition", "postcode", "city")}
        reached = received + timedelta(days=rng.randint(0, 3), hours=2)
        s = make(team=team, wijk=household.wijk, source_code=source_codes[(i * 5) % len(source_codes)], received=received,
                 address=address, subject=household.name.replace("Huishouden ", ""), status=SignalStatus.TRIAGED, by=by,
                 first_contact=reached)
        solved.append((s, by, reached, SOLVED[i % len(SOLVED)]))

    # 3. Open signals on the board: every source type, some overdue, repeats about one address.
    open_signals = []
    if True:  # the same handful per team in every mode
        for team in ctx.teams:
            team_workers = workers.get(team.pk) or []
            wijken = list(team.wijken.all())
            if not team_workers or not wijken:
                continue
            for i, code in enumerate(source_codes):
                wijk = wijken[i % len(wijken)]
                prefix, surname = rng.choice(SURNAMES)
                address = dict(street=rng.choice(STREETS), house_number=rng.randint(1, 200), house_number_addition="",
                               postcode=f"{rng.choice(wijk.postcode_area_list())} {rng.choice('ABCDEFGH')}{rng.choice('KLMNPR')}",
                               city=ctx.households[0].city if ctx.households else "")
                age = [0, 1, 2, 4, 9, 17, 20][i % 7]
                received = now - timedelta(days=age, hours=rng.randint(1, 6))
                by = team_workers[i % len(team_workers)] if age else duty_today.get(team.pk)
                s = make(team=team, wijk=wijk, source_code=code, received=received, address=address if i % 5 != 4 else None,
                         subject=f"{rng.choice(GIVEN_ADULT)} {(prefix + ' ') if prefix else ''}{surname}",
                         urgency=Urgency.HOOG if code in ("politie", "woningcorporatie", "veilig-thuis") else Urgency.NORMAAL, by=by,
                         next_on=today + timedelta(days=rng.randint(0, 3)), next_kind=AttemptKind.VISIT)
                if i % 5 == 4:  # only a phone number: the resident is not known yet
                    s.subject_phone = f"06{rng.randint(10000000, 99999999)}"
                open_signals.append((s, by, age))
                if code == "buren":  # a second signal about the same address, from the corporation
                    repeat = make(team=team, wijk=wijk, source_code="woningcorporatie", received=received + timedelta(hours=20),
                                  address=address, subject=s.subject_name, urgency=Urgency.HOOG, by=by,
                                  next_on=today, next_kind=AttemptKind.LETTER, reported=(received + timedelta(hours=20)).date())
                    open_signals.append((repeat, by, age))

    Signal.objects.bulk_create(signals, batch_size=2000)

    for s, case, triaged, by, reached in case_signals:
        failures = [] if ctx.large else rng.choice([[], [AttemptKind.VISIT], [AttemptKind.VISIT, AttemptKind.INFO_LEFT]])
        outreach(s, by, reached, failures)
        if triaged:
            decided = min(case.opened_at + timedelta(hours=2), now)
            triages.append(Triage(
                signal=s, urgency=s.urgency, unsafe=_safety_answer(case.safety_status),
                children=rng.choice([YesNoUnknown.YES, YesNoUnknown.NO]),
                safety_note="" if case.safety_status == SafetyStatus.VEILIG else "Zorgen benoemd door de melder; verder uitvragen.",
                domains=rng.sample(LifeDomain.values, rng.randint(1, 4)), household_note="Alle leden besproken met de bewoner.",
                decision=TriageDecision.CASE_OPENED, routed_to=case.regisseur, suggested=case.regisseur, case=case,
                decided_at=decided, decided_by=by,
            ))
    for s, by, reached, (decision, referred_to, note) in solved:
        outreach(s, by, reached, [] if ctx.large else [AttemptKind.PHONE][: rng.randint(0, 1)])
        triages.append(Triage(signal=s, urgency=Urgency.NORMAAL, unsafe=SafetyAnswer.NO, children=YesNoUnknown.NO,
                              domains=[rng.choice(LifeDomain.values)], decision=decision, referred_to=referred_to, note=note,
                              decided_at=min(reached + timedelta(hours=1), now), decided_by=by))
    for s, by, age in open_signals:
        if age >= 2 and by is not None:
            outreach(s, by, None, [AttemptKind.VISIT, AttemptKind.INFO_LEFT][: 1 + age % 2])
    ContactAttempt.objects.bulk_create(attempts, batch_size=5000)
    Triage.objects.bulk_create(triages, batch_size=2000)
