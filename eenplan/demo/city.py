"""A synthetic city of any size, up to a G4 city, written with bulk inserts (ADR 0131).

    seed_demo --size g4                      # 450,000 households, ~1,000,000 persons, ~250,000 cases
    seed_demo --size city --households 2000  # the same city, scaled down

Everything follows from the seed number and the reference time (`now`): the same seed gives the same rows. The
whole route is written — signal, triage, phases, assessment (ZRM measurements), plan versions with goals and
actions, evaluations, closing or monitoring, safety records for unsafe cases, access-log rows — with the models'
own constraints (one open case per household, a closed case never unsafe, scores 1–5 or not applicable, ...).
Staff: 60 teams over 100 wijken at G4 size (scaled down with the households), about 50 staff a team, each
professional with 20–40 open cases. Every staff member gets a random TOTP secret, written with their username
to a local file (demo mode only; `var/` is git-ignored) so bench/load_test.py can log them in.
"""

import csv
import secrets
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from pathlib import Path
from random import Random

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import ExpertiseTag, Role, RoleCode, TeamMembership, User
from eenplan.assessment.models import AssessmentQuestion, Domain, Instrument, NetworkMember, ZrmMeasurement, ZrmScore
from eenplan.cases.models import (
    Case,
    Involvement,
    Phase,
    PhaseTransition,
    PlannedItem,
    RegieChange,
    SafetyStatus,
    SafetyStatusChange,
)
from eenplan.demo.bulk import Writer
from eenplan.demo.names import GIVEN_ADULT, GIVEN_CHILD, STREETS, city_surname
from eenplan.followup.models import (
    PLANNED_EVALUATION,
    CheckIn,
    Closing,
    Evaluation,
    EvaluationMoment,
    GoalProgress,
    MonitoringPeriod,
)
from eenplan.intake.models import ContactAttempt, DutyDay, Signal, SignalType, SourceType, Triage
from eenplan.intake.services import address_key
from eenplan.organisation.models import Team, Wijk
from eenplan.people.models import Household, HouseholdAddress, HouseholdMember, Person
from eenplan.plans.models import Goal, Plan, PlanAction, PlanAgreement, PlanVersion, ProblemStatement, Solution
from eenplan.safety.models import MeldcodeStep, MeldcodeTrajectory, SafetyCondition, SafetyPlan

G4_HOUSEHOLDS = 450_000
CITY = "Eendijk"
ROUTE = [Phase.AANMELDING, Phase.TRIAGE, Phase.VRAAGVERHELDERING, Phase.PLAN, Phase.ONDERSTEUNING, Phase.EVALUATIE,
         Phase.MONITORING]
OPEN_WEIGHTS = [6, 6, 12, 10, 25, 8, 8]
WIJK_BASE = ["Centrum", "Oosterpark", "Westerkwartier", "De Hoven", "Noordhaven", "Zuiderveld", "Molenwijk",
             "Kanaalzone", "Bloemenbuurt", "Vogelwijk", "Rivierenbuurt", "Stationskwartier", "Dijkzicht", "Lindenhof",
             "Parkwijk", "Schilderswijk", "Havenkwartier", "Boomgaard", "Weidebuurt", "Kerkebuurt"]
EXPERTISE = ["schulden", "jeugd-ggz", "ggz volwassenen", "verslaving", "ouderen", "veiligheid", "LVB", "werk en inkomen",
             "opvoeding"]
# The named demo staff (seed_demo's STAFF), placed in the first two teams: username, first, last, roles, team, lead.
NAMED = [
    ("anna", "Anna", "de Boer", [RoleCode.PROFESSIONAL], 0, False),
    ("bram", "Bram", "Kuipers", [RoleCode.PROFESSIONAL], 0, False),
    ("chantal", "Chantal", "Pinas", [RoleCode.PROFESSIONAL], 0, False),
    ("daan", "Daan", "Hoekstra", [RoleCode.PROFESSIONAL], 1, False),
    ("eva", "Eva", "Yilmaz", [RoleCode.PROFESSIONAL], 1, False),
    ("fatima", "Fatima", "El Idrissi", [RoleCode.PROFESSIONAL], 1, False),
    ("gerrit", "Gerrit", "Mulder", [RoleCode.TEAM_LEAD], 0, True),
    ("hanneke", "Hanneke", "Visser", [RoleCode.TEAM_LEAD], 1, True),
    ("ilse", "Ilse", "Vermeulen", [RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], 0, False),
    ("jeroen", "Jeroen", "Smit", [RoleCode.FRONT_OFFICE], 0, False),
    ("noor", "Noor", "Haddou", [RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], 1, False),
    ("karin", "Karin", "Dekker", [RoleCode.MUNICIPAL_OFFICER], None, False),
    ("lucas", "Lucas", "Brouwer", [RoleCode.POLICY], None, False),
    ("mira", "Mira", "Bakker", [RoleCode.FUNCTIONAL_ADMIN], None, False),
    ("pieter", "Pieter", "van Dam", [RoleCode.PRIVACY_OFFICER], None, False),
]
QUESTIONS = [
    "Schulden lopen op, huur twee maanden achter.", "Zorgen over opvoeding en schoolverzuim van oudste kind.",
    "Eenzaamheid na overlijden partner, redt zich thuis steeds minder.", "Dreigende huisuitzetting na melding woningcorporatie.",
    "Ruzies thuis, buren maken zich zorgen.", "Hulp gezocht bij werk vinden en dagbesteding.",
    "Mantelzorger overbelast, vraagt om ondersteuning.", "Verslaving en geen vaste dagstructuur.",
]
GOALS = [
    ("Grip op geld: alle post open en een betalingsregeling", "financien"), ("Een vaste dagbesteding", "tijdsbesteding"),
    ("Rust in huis: afspraken over ruzies", "huiselijke-relaties"), ("Blijven wonen: huurachterstand ingelopen", "huisvesting"),
    ("De kinderen gaan elke dag naar school", "maatschappelijke-participatie"), ("Minder drinken", "middelengebruik"),
    ("Meer mensen om op terug te vallen", "sociaal-netwerk"), ("Zelf het huishouden weer aankunnen", "instrumentele-adl"),
]
ACTIONS = ["Samen de post doorlopen", "Afspraak maken bij schuldhulpverlening", "Bellen met de woningcorporatie",
           "Aanmelden bij het buurthuis", "Gesprek met school plannen", "Intake bij de verslavingszorg",
           "Netwerkberaad organiseren", "Budgetcursus volgen", "Huisarts bezoeken"]
BOARD_WHAT = ["Buurvrouw ziet de bewoner al weken niet meer buiten.", "Huurachterstand van drie maanden.",
              "Betalingsachterstand energie; afsluiting dreigt.", "Wil hulp bij het openen van de post.",
              "Wijkagent maakt zich zorgen na meldingen van ruzie.", "School meldt veel verzuim."]
LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"
CHANNELS = ["telefoon", "telefoon", "verwijzing", "inloop", "email", "webformulier", "eropaf"]


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class City:
    def __init__(self, *, households: int, seed: int, now: datetime | None = None, out=None, logins_file=None,
                 batch: int = 200_000):
        self.n_households, self.seed = households, seed
        self.rng = Random(seed)
        self.now = (now or timezone.now()).astimezone(dt_timezone.utc).replace(microsecond=0)
        self.today = self.now.date()
        self.out = out
        self.logins_file = Path(logins_file) if logins_file else None
        self.w = Writer(batch=batch)
        self.started = time.perf_counter()
        self.logins = []  # (username, roles, team, hex key)
        self.usernames = {}

    # --- helpers ----------------------------------------------------------------------------------------
    def say(self, message):
        if self.out is not None:
            self.out.write(f"[{time.perf_counter() - self.started:7.1f} s] {message}")
            if hasattr(self.out, "flush"):
                self.out.flush()

    def at(self, start: datetime, end: datetime) -> datetime:
        span = max(0, int((end - start).total_seconds()))
        return start + timedelta(seconds=self.rng.randint(0, span))

    def day(self, moment: datetime) -> date:
        return moment.date()

    # --- the run --------------------------------------------------------------------------------------
    def run(self) -> dict:
        scale = self.n_households / G4_HOUSEHOLDS
        self.n_wijken = max(4, round(100 * scale))
        self.n_teams = max(2, min(self.n_wijken, round(60 * scale)))
        try:
            self.reference()
            self.organisation()
            self.households()
            self.staff()
            self.cases()
            self.board()
        except BaseException:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                self.say("failed: adding the dropped constraints and indexes again")
                self.w.restore(self.say)
            raise
        self.w.finish(self.say)
        self.write_logins()
        counts = self.w.counts()
        self.say(f"done: {sum(counts.values()):,} rows")
        return counts

    def reference(self):
        self.roles = {r.code: r.pk for r in Role.objects.all()}
        self.sources = {s.code: s for s in SourceType.objects.all()}
        self.types = {t.code: t for t in SignalType.objects.all()}
        zrm = Instrument.objects.get(code="zrm-2017")
        self.zrm = zrm.pk
        self.domains = {d.code: d.pk for d in Domain.objects.filter(instrument=zrm).order_by("order")}
        self.tags = [ExpertiseTag.objects.get_or_create(name=name)[0].pk for name in EXPERTISE]
        self.password = make_password("eenplan-demo-2026")  # one hash for all: the known demo password

    def organisation(self):
        w = self.w
        wijken = w.table(Wijk)
        self.wijk_ids, self.wijk_areas = [], []
        for i in range(self.n_wijken):
            base = WIJK_BASE[i % len(WIJK_BASE)]
            name = base if i < len(WIJK_BASE) else f"{base} {i // len(WIJK_BASE) + 1}"
            areas = [str(1000 + 2 * i), str(1001 + 2 * i)]
            self.wijk_ids.append(wijken.add(name=name, code=f"w{i + 1:03d}", postcode_areas=",".join(areas)))
            self.wijk_areas.append(areas)
        teams = w.table(Team)
        team_wijken = w.table(Team.wijken.through)
        self.team_ids = []
        for t in range(self.n_teams):
            self.team_ids.append(teams.add(name=f"Wijkteam {t + 1:02d}", phone="14 0000", email=f"team{t + 1}@wijkteam.example"))
        self.team_of_wijk = []
        for i, wijk in enumerate(self.wijk_ids):
            t = i % self.n_teams
            self.team_of_wijk.append(t)
            team_wijken.add(team_id=self.team_ids[t], wijk_id=wijk)
        w.flush()
        self.say(f"organisation: {self.n_wijken} wijken, {self.n_teams} teams")

    def households(self):
        w, rng, now = self.w, self.rng, self.now
        hh, people, members, addresses = w.table(Household), w.table(Person), w.table(HouseholdMember), w.table(HouseholdAddress)
        self.hh_team_households = [[] for _ in self.team_ids]
        self.hh_wijk, self.hh_persons, self.hh_adults, self.hh_address = [], [], [], []
        bsn_a, bsn_b = 7_919_993, self.seed * 7_654_321 % 90_000_000  # a*i+b mod 90M: unique 8-digit prefixes
        person_index = 0
        year = self.today.year
        tenth = max(1, self.n_households // 10)
        for i in range(self.n_households):
            wijk_index = i % self.n_wijken
            prefix, surname = city_surname(rng)
            area = rng.choice(self.wijk_areas[wijk_index])
            address = dict(street=rng.choice(STREETS), house_number=rng.randint(1, 240),
                           house_number_addition=rng.choice(("", "", "", "", "A", "B")),
                           postcode=f"{area} {rng.choice(LETTERS)}{rng.choice(LETTERS)}", city=CITY)
            created = now - timedelta(days=rng.randint(1, 3650), seconds=rng.randint(0, 86399))
            name = f"Huishouden {prefix.capitalize() + ' ' if prefix else ''}{surname}"
            h = hh.add(name=name, wijk_id=self.wijk_ids[wijk_index], created_at=created, **address)
            addresses.add(household_id=h, since=created.date(), change="", recorded_at=created, **address)
            r = rng.random()
            if r < 0.40:
                adults, kids = 1, 0
            elif r < 0.62:
                adults, kids = 2, 0
            elif r < 0.86:
                adults, kids = 2, rng.randint(1, 3)
            elif r < 0.97:
                adults, kids = 1, rng.randint(1, 3)
            else:  # some very large households
                adults, kids = rng.randint(2, 4), rng.randint(4, 8)
            elderly = adults <= 2 and kids == 0 and rng.random() < 0.3
            base_year = year - (rng.randint(66, 90) if elderly else rng.randint(22, 60))
            ids = []
            for a in range(adults):
                n = person_index
                person_index += 1
                bsn = ""
                if rng.random() < 0.8:
                    digits = f"{(bsn_a * n + bsn_b) % 90_000_000 + 10_000_000:08d}"
                    check = sum(int(d) * wt for d, wt in zip(digits, range(9, 1, -1), strict=True)) % 11
                    bsn = digits + str(check) if check < 10 else ""
                p = people.add(given_names=rng.choice(GIVEN_ADULT), surname_prefix=prefix, surname=surname,
                               birth_date=date(base_year + rng.randint(-3, 3), rng.randint(1, 12), rng.randint(1, 28)),
                               bsn=bsn, phone=f"06{rng.randint(10000000, 99999999)}" if rng.random() < 0.8 else "",
                               email=f"inwoner{n}@voorbeeld.example" if rng.random() < 0.3 else "", created_at=created, **address)
                members.add(household_id=h, person_id=p, role="ouder" if kids else ("partner" if a else "overig"),
                            since=created.date())
                ids.append(p)
            for _ in range(kids):
                person_index += 1
                p = people.add(given_names=rng.choice(GIVEN_CHILD), surname_prefix=prefix, surname=surname,
                               birth_date=date(year - rng.randint(1, 17), rng.randint(1, 12), rng.randint(1, 28)),
                               created_at=created, **address)
                members.add(household_id=h, person_id=p, role="kind", since=created.date())
                ids.append(p)
            self.hh_wijk.append(wijk_index)
            self.hh_address.append(address)
            self.hh_persons.append(ids)
            self.hh_adults.append(adults)
            self.hh_team_households[self.team_of_wijk[wijk_index]].append(h)
            w.maybe_flush()
            if (i + 1) % tenth == 0:
                self.say(f"households: {i + 1:,} of {self.n_households:,} ({people.count:,} persons)")
        w.flush()
        self.hh_first = hh.next_id - self.n_households  # household pk → index: pk - hh_first

    def staff(self):
        w, rng = self.w, self.rng
        users, user_roles, user_tags = w.table(User), w.table(User.roles.through), w.table(User.expertise.through)
        memberships, devices = w.table(TeamMembership), w.table(TOTPDevice)
        named = {(n[4], tuple(n[3]), n[5]): [] for n in NAMED}
        for n in NAMED:
            named[(n[4], tuple(n[3]), n[5])].append(n)

        def user(username, first, last, roles, team=None, lead=False):
            u = users.add(username=username, password=self.password, first_name=first, last_name=last,
                          email=f"{username}@eendijk.example", is_active=True, is_staff=False, is_superuser=False,
                          date_joined=self.now - timedelta(days=400), job_title=", ".join(roles))
            for code in roles:
                user_roles.add(user_id=u, role_id=self.roles[code])
            if RoleCode.PROFESSIONAL in roles:
                for tag in rng.sample(self.tags, 2):
                    user_tags.add(user_id=u, expertisetag_id=tag)
            if team is not None:
                memberships.add(user_id=u, team_id=self.team_ids[team], is_lead=lead)
            key = secrets.token_hex(20)  # random, never derived from the seed: these are secrets
            devices.add(user_id=u, name="demo", confirmed=True, key=key, created_at=self.now, last_used_at=None)
            self.usernames[u] = username
            self.logins.append((username, "+".join(roles), team if team is None else team + 1, key))
            return u

        def take(team, roles, lead, fallback):
            queue = named.get((team, tuple(roles), lead))
            if queue:
                n = queue.pop(0)
                return user(n[0], n[1], n[2], n[3], team, lead)
            return user(*fallback, roles, team, lead)

        def name():
            prefix, surname = city_surname(rng)
            return rng.choice(GIVEN_ADULT), f"{prefix} {surname}".strip()

        self.workers, self.desk = [], []
        for t in range(self.n_teams):
            open_target = len(self.hh_team_households[t]) * 0.19
            n_prof = max(3, round(open_target / 30))
            n_small = max(1, n_prof // 20)
            lead = take(t, [RoleCode.TEAM_LEAD], True, (f"t{t + 1:02d}-lead", *name()))
            workers = [take(t, [RoleCode.PROFESSIONAL], False, (f"t{t + 1:02d}-pro{j + 1:02d}", *name())) for j in range(n_prof)]
            workers += [take(t, [RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], False, (f"t{t + 1:02d}-veilig{j + 1}", *name()))
                        for j in range(n_small)]
            desk = [take(t, [RoleCode.FRONT_OFFICE], False, (f"t{t + 1:02d}-balie{j + 1}", *name())) for j in range(n_small)]
            self.workers.append(workers)
            self.desk.append(desk + [lead])
        for code, prefix in [(RoleCode.MUNICIPAL_OFFICER, "gemeente"), (RoleCode.POLICY, "beleid"),
                             (RoleCode.FUNCTIONAL_ADMIN, "beheer"), (RoleCode.PRIVACY_OFFICER, "privacy")]:
            take(None, [code], False, (f"{prefix}1", *name()))
        w.flush()
        self.say(f"staff: {users.count:,} in {self.n_teams} teams ({sum(map(len, self.workers)):,} professionals)")
        # the on-call rota: working days of the coming two weeks
        duty = w.table(DutyDay)
        days = [self.today + timedelta(days=d) for d in range(14) if (self.today + timedelta(days=d)).weekday() < 5]
        for t, team in enumerate(self.team_ids):
            for k, day in enumerate(days):
                duty.add(team_id=team, day=day, user_id=self.workers[t][k % len(self.workers[t])],
                         planned_by_id=self.desk[t][-1], planned_at=self.now - timedelta(days=3))

    # --- cases ----------------------------------------------------------------------------------------
    def cases(self):
        rng = self.rng
        for model in [Case, PhaseTransition, Involvement, RegieChange, SafetyStatusChange, Signal, ContactAttempt, Triage,
                      AccessLogEntry, ZrmMeasurement, ZrmScore, AssessmentQuestion, NetworkMember, Plan, PlanVersion,
                      ProblemStatement, Goal, Goal.domains.through, Solution, PlanAction, PlanAgreement, PlannedItem,
                      EvaluationMoment, Evaluation, GoalProgress, Closing, MonitoringPeriod, CheckIn, MeldcodeTrajectory,
                      MeldcodeStep, SafetyPlan, SafetyCondition]:
            self.w.table(model)  # opened parents first: flushes follow this order
        plan = []  # (household, team index, worker, open?)
        total_target = round(self.n_households * 250_000 / G4_HOUSEHOLDS)
        for t, households in enumerate(self.hh_team_households):
            pool = households.copy()
            rng.shuffle(pool)
            workers = self.workers[t]
            loads = [rng.randint(20, 40) for _ in workers]
            room = int(len(pool) * 0.4)
            if sum(loads) > room:  # small towns: fewer open cases than a full caseload
                loads = [max(1, round(k * room / sum(loads))) for k in loads]
            k = 0
            for worker, load in zip(workers, loads, strict=True):
                for _ in range(load):
                    if k < len(pool):
                        plan.append((pool[k], t, worker, True))
                        k += 1
        n_open = len(plan)
        for _ in range(max(0, total_target - n_open)):
            t = rng.randrange(self.n_teams)
            plan.append((rng.choice(self.hh_team_households[t]), t, rng.choice(self.workers[t]), False))
        self.say(f"cases: {len(plan):,} planned ({n_open:,} open)")
        tenth = max(1, len(plan) // 10)
        for i, (household, t, worker, is_open) in enumerate(plan):
            self.case(household, t, worker, is_open)
            self.w.maybe_flush()
            if (i + 1) % tenth == 0:
                self.say(f"cases: {i + 1:,} of {len(plan):,}")

    def case(self, household, t, worker, is_open):
        w, rng, now = self.w, self.rng, self.now
        index = household - self.hh_first
        persons, adults = self.hh_persons[index], self.hh_adults[index]
        team = self.team_ids[t]
        if is_open:
            phase_index = rng.choices(range(len(ROUTE)), OPEN_WEIGHTS)[0]
            steps = ROUTE[: phase_index + 1]
            opened = now - timedelta(days=rng.randint(5 + 20 * phase_index, 60 + 80 * phase_index), seconds=rng.randint(0, 86399))
            end = now - timedelta(hours=rng.randint(1, 72))
        else:
            k = rng.choices([2, 3, 4, 5, 6, 7], [15, 10, 5, 45, 15, 10])[0]
            steps = [*ROUTE[:k], Phase.AFGESLOTEN]
            opened = now - timedelta(days=rng.randint(60, 3650), seconds=rng.randint(0, 86399))
            end = opened + timedelta(days=rng.randint(20, min(700, max(21, (now - opened).days - 1))))
        times = [opened, *sorted(self.at(opened, end) for _ in steps[1:])]
        phase = steps[-1]
        reached = set(steps)
        closed_at = times[-1] if phase == Phase.AFGESLOTEN else None
        regisseur = worker if (Phase.VRAAGVERHELDERING in reached) else None
        if is_open:
            safety = rng.choices(SafetyStatus.values, weights=[60, 20, 5, 15])[0]
        else:
            safety = rng.choices([SafetyStatus.VEILIG, SafetyStatus.ZORGEN, SafetyStatus.ONBEKEND], weights=[75, 15, 10])[0]
        case = w.table(Case).add(household_id=household, team_id=team, phase=phase, phase_since=times[-1],
                                 regisseur_id=regisseur, regie_kind="casusregie" if regisseur else "", safety_status=safety,
                                 question=rng.choice(QUESTIONS), opened_at=opened, closed_at=closed_at)
        transitions = w.table(PhaseTransition)
        previous = ""
        for step, moment in zip(steps, times, strict=True):
            transitions.add(case_id=case, from_phase=previous, to_phase=step, at=moment, by_id=worker)
            previous = step
        w.table(Involvement).add(case_id=case, user_id=worker, role_in_case="regisseur" if regisseur else "intake",
                                 since=opened, until=closed_at)
        if rng.random() < 0.25:
            other = rng.choice(self.workers[t])
            if other != worker:
                w.table(Involvement).add(case_id=case, user_id=other, role_in_case="co-werker", since=times[min(2, len(times) - 1)],
                                         until=closed_at)
        if regisseur:
            w.table(RegieChange).add(case_id=case, regisseur_id=regisseur, regie_kind="casusregie", at=times[2], by_id=worker)
        if safety != SafetyStatus.ONBEKEND:
            w.table(SafetyStatusChange).add(case_id=case, status=safety, reason="Beoordeeld bij de triage.",
                                            at=times[min(1, len(times) - 1)], by_id=worker)
        self.signal_for(case, household, persons, t, worker, opened, times, reached, safety)
        log = w.table(AccessLogEntry)
        for moment in [opened, *(self.at(opened, end) for _ in range(3))]:
            log.add(at=moment, user_id=worker, username=self.usernames[worker], acting_role="professional", action="read", outcome="allowed",
                    record_type="cases.Case", record_id=str(case), case_id=case, household_id=household,
                    path=f"/casussen/{case}/", ip_address="10.0.0.1")
        if Phase.VRAAGVERHELDERING in reached:
            self.assessment(case, persons, adults, worker, times[2], end)
        goals = []
        if Phase.PLAN in reached:
            goals = self.plan(case, persons, worker, times[3], reached)
        if Phase.ONDERSTEUNING in reached:
            self.followup(case, persons, worker, times, steps, goals, is_open, end)
        if is_open and safety == SafetyStatus.ONVEILIG:
            self.safety(case, worker, opened)
        if is_open:
            w.table(PlannedItem).add(case_id=case, kind="afspraak", label=rng.choice(["Huisbezoek", "Gesprek op kantoor", "Telefonisch contact"]),
                                     due_on=self.today + timedelta(days=rng.randint(-10, 40)), owner_id=worker)

    def signal_for(self, case, household, persons, t, worker, opened, times, reached, safety):
        w, rng = self.w, self.rng
        code = rng.choice(list(self.sources))
        source = self.sources[code]
        st = self.types.get({"woningcorporatie": "vhu", "energieleverancier": "energie", "zorgverzekeraar": "zorgverzekering",
                             "buren": "zorgen"}.get(code, "aanmelding"))
        received = opened - timedelta(hours=rng.randint(1, 60))
        address = self.signal_address(household)
        triaged = Phase.VRAAGVERHELDERING in reached
        reported = received.date()
        signal = w.table(Signal).add(
            team_id=self.team_ids[t], wijk_id=self.wijk_ids[self.hh_wijk[household - self.hh_first]], channel=rng.choice(CHANNELS),
            source_id=source.pk, signal_type_id=st.pk if st else None, received_at=received, reported_on=reported,
            reporter_organisation=source.name if source.is_partner else "", person_id=persons[0], household_id=household,
            description=rng.choice(QUESTIONS), urgency=st.default_urgency if st else "normaal",
            arrears_months=rng.randint(2, 5) if st and st.arrears_months_from else None,
            safety_concern=safety == SafetyStatus.ONVEILIG,
            deadline=reported + timedelta(days=st.contact_within_days) if st and st.contact_within_days else None,
            assigned_to_id=worker, first_contact_at=received + timedelta(hours=rng.randint(1, 30)),
            status="getrieerd" if triaged else "open", case_id=case, created_by_id=worker, **address)
        w.table(ContactAttempt).add(signal_id=signal, kind="telefoon", at=received + timedelta(hours=1), reached=True, by_id=worker)
        if triaged:
            unsafe = {SafetyStatus.ONVEILIG: "ja", SafetyStatus.ZORGEN: "zorgen", SafetyStatus.VEILIG: "nee"}.get(safety, "onbekend")
            many = rng.random() < 0.1  # domeinstapelaars: concerns on many life domains
            domains = [d.replace("-", "_") for d in rng.sample(list(self.domains), rng.randint(6, 10) if many else rng.randint(1, 3))]
            w.table(Triage).add(signal_id=signal, urgency="normaal", unsafe=unsafe, children="ja" if len(persons) > 2 else "onbekend",
                                domains=domains, decision="casus", case_id=case, decided_at=times[2], decided_by_id=worker,
                                routed_to_id=worker)

    def assessment(self, case, persons, adults, worker, start, end):
        w, rng = self.w, self.rng
        measurements, scores = w.table(ZrmMeasurement), w.table(ZrmScore)
        domain_ids = list(self.domains.values())
        level = rng.choice((2, 2, 3, 3, 4))
        for person in persons[: min(adults, 2)]:
            on = self.at(start, start + timedelta(days=14))
            m = measurements.add(case_id=case, person_id=person, instrument_id=self.zrm, measured_on=on.date(), by_id=worker,
                                 created_at=on)
            for domain in rng.sample(domain_ids, rng.randint(6, 13)):
                if rng.random() < 0.05:
                    scores.add(measurement_id=m, domain_id=domain, score=None, not_applicable=True)
                else:
                    scores.add(measurement_id=m, domain_id=domain, score=max(1, min(5, level + rng.randint(-1, 1))),
                               not_applicable=False)
        w.table(AssessmentQuestion).add(case_id=case, person_id=persons[0], text="Hoe krijg ik weer overzicht?", created_at=start,
                                        by_id=worker, domain_id=self.domains["financien"])
        w.table(NetworkMember).add(case_id=case, name=rng.choice(GIVEN_ADULT), kind="familie", relation="zus", contact="wekelijks",
                                   created_at=start, by_id=worker)

    def plan(self, case, persons, worker, start, reached):
        w, rng = self.w, self.rng
        shared = Phase.ONDERSTEUNING in reached
        plan = w.table(Plan).add(case_id=case, created_at=start, created_by_id=worker, current_number=1)
        version = w.table(PlanVersion).add(plan_id=plan, number=1, created_at=start, created_by_id=worker, reason="Eerste plan",
                                           shared_at=start + timedelta(days=2) if shared else None)
        goals = []
        for priority, (title, domain) in enumerate(rng.sample(GOALS, rng.randint(2, 3)), start=1):
            goals.append((_uuid(rng), _uuid(rng), title, domain, priority, [(_uuid(rng), rng.choice(ACTIONS)) for _ in range(rng.randint(2, 4))]))
        self.plan_version(version, goals, worker, start)
        if shared:
            w.table(PlanAgreement).add(version_id=version, agrees=True, person_id=persons[0], on=(start + timedelta(days=2)).date(),
                                       how="mondeling", recorded_at=start + timedelta(days=2), recorded_by_id=worker)
        return (plan, goals)

    def plan_version(self, version, goals, worker, start):
        w = self.w
        problems, goal_table, goal_domains = w.table(ProblemStatement), w.table(Goal), w.table(Goal.domains.through)
        solutions, actions = w.table(Solution), w.table(PlanAction)
        for key, problem_key, title, domain, priority, goal_actions in goals:
            problems.add(version_id=version, key=problem_key, text=f"Het lukt niet: {title.lower()}", domain_id=self.domains[domain],
                         order=priority)
            g = goal_table.add(version_id=version, key=key, problem_key=problem_key, title=title, term="kort",
                               target_date=(start + timedelta(days=120)).date(), status="open", priority=priority)
            goal_domains.add(goal_id=g, domain_id=self.domains[domain])
            solution_key = _uuid(self.rng)
            solutions.add(version_id=version, goal_id=g, key=solution_key, frame="eigen_kracht", description="Zelf met steun van het netwerk")
            for order, (action_key, what) in enumerate(goal_actions):
                actions.add(version_id=version, goal_id=g, key=action_key, solution_key=solution_key, what=what,
                            owner_kind="professional", owner_name="Regisseur", owner_user_id=worker,
                            due_on=(start + timedelta(days=14 * (order + 1))).date(), order=order)

    def followup(self, case, persons, worker, times, steps, plan_goals, is_open, end):
        w, rng = self.w, self.rng
        plan, goals = plan_goals
        support_start = times[4]
        evaluation_end = times[5] if Phase.EVALUATIE in steps else end
        n_eval = min(3, max(1 if Phase.EVALUATIE in steps else 0, (evaluation_end - support_start).days // 90))
        number = 1
        for _ in range(n_eval):
            held = self.at(support_start, evaluation_end)
            moment = w.table(EvaluationMoment).add(case_id=case, due_on=held.date(), created_at=support_start, created_by_id=worker)
            adjust = rng.random() < 0.3
            evaluation = w.table(Evaluation).add(case_id=case, moment_id=moment, held_on=held.date(), with_resident=True,
                                                 next_step="bijstellen" if adjust else "doorgaan", by_id=worker, created_at=held,
                                                 adjustment="afschalen" if adjust else "")
            for key, _pk, title, *_ in goals:
                w.table(GoalProgress).add(evaluation_id=evaluation, case_id=case, goal_key=str(key), goal_text=title,
                                          status=rng.choice(["bezig", "behaald", "deels_behaald"]))
            if adjust:  # a new plan version: same goals (same keys), new actions
                number += 1
                goals = [(k, pk, title, d, p, [(_uuid(rng), rng.choice(ACTIONS)) for _ in range(rng.randint(2, 3))])
                         for k, pk, title, d, p, _a in goals]
                version = w.table(PlanVersion).add(plan_id=plan, number=number, created_at=held, created_by_id=worker,
                                                   reason="Bijgesteld na evaluatie", source=f"followup.Evaluation:{evaluation}",
                                                   shared_at=held + timedelta(days=1))
                self.plan_version(version, goals, worker, held)
            m = w.table(ZrmMeasurement).add(case_id=case, person_id=persons[0], instrument_id=self.zrm, measured_on=held.date(),
                                            by_id=worker, created_at=held)
            for domain in rng.sample(list(self.domains.values()), 6):
                w.table(ZrmScore).add(measurement_id=m, domain_id=domain, score=rng.randint(2, 5), not_applicable=False)
        if number > 1:
            self._set_plan_number(plan, number)
        if is_open and steps[-1] in (Phase.ONDERSTEUNING, Phase.EVALUATIE):
            due = self.today + timedelta(days=rng.randint(-5, 60))
            item = w.table(PlannedItem).add(case_id=case, kind=PLANNED_EVALUATION, label="Evaluatie van het plan", due_on=due,
                                            owner_id=worker, source="")
            moment = w.table(EvaluationMoment).add(case_id=case, due_on=due, planned_item_id=item, created_at=end, created_by_id=worker)
            w.table(PlannedItem).rows[-1][w.table(PlannedItem).index["source"]] = f"followup.EvaluationMoment:{moment}"
        if Phase.MONITORING in steps:
            decided = times[6]
            closing = w.table(Closing).add(case_id=case, decided_on=decided.date(), outcome="monitoring", question_answered="ja",
                                           process="Goed samengewerkt.", lessons="Eerder het netwerk betrekken.",
                                           self_reliance="gestegen", self_reliance_measured="gestegen", participation="gelijk",
                                           participation_measured="gelijk", resident_satisfaction=rng.randint(5, 10), by_id=worker,
                                           created_at=decided)
            closed = times[-1] if not is_open else None
            period = w.table(MonitoringPeriod).add(case_id=case, closing_id=closing, starts_on=decided.date(),
                                                   ends_on=(decided + timedelta(days=180)).date(), started_by_id=worker,
                                                   started_at=decided, ended_at=closed, ended_by_id=worker if closed else None,
                                                   end="afgesloten" if closed else "")
            held = self.at(decided, end)
            w.table(CheckIn).add(period_id=period, case_id=case, held_on=held.date(), how="telefoon", result="goed", by_id=worker,
                                 created_at=held)
        elif not is_open:
            decided = times[-1]
            w.table(Closing).add(case_id=case, decided_on=decided.date(), outcome="afsluiten", question_answered=rng.choice(["ja", "deels"]),
                                 process="Goed samengewerkt.", lessons="Eerder het netwerk betrekken.", self_reliance="gestegen",
                                 self_reliance_measured="onbekend", participation="gelijk", participation_measured="onbekend",
                                 resident_satisfaction=rng.randint(4, 10), by_id=worker, created_at=decided)

    def _set_plan_number(self, plan, number):
        table = self.w.table(Plan)
        row = table.rows[plan - (table.next_id - len(table.rows))]
        row[table.index["current_number"]] = number

    def safety(self, case, worker, opened):
        w, rng = self.w, self.rng
        started = opened + timedelta(days=rng.randint(1, 5))
        if rng.random() < 0.5:
            trajectory = w.table(MeldcodeTrajectory).add(case_id=case, status="lopend", started_at=started, started_by_id=worker,
                                                          concern="Zorgen over spanningen thuis; er wonen kinderen.")
            w.table(MeldcodeStep).add(trajectory_id=trajectory, step=1, performed_on=started.date(), by_id=worker, recorded_at=started,
                                      considered="Signalen in kaart gebracht.", kindcheck="ja")
        if rng.random() < 0.4:
            plan = w.table(SafetyPlan).add(case_id=case, agreed_with="Ouders samen", agreed_on=started.date(), created_at=started,
                                           created_by_id=worker)
            for text in ["Geen geweld in het bijzijn van de kinderen.", "De kinderen gaan elke dag naar school."]:
                w.table(SafetyCondition).add(plan_id=plan, case_id=case, description=text, checker="Regisseur", every_days=14,
                                             next_check_on=self.today + timedelta(days=rng.randint(0, 14)), created_at=started,
                                             created_by_id=worker)

    # --- the intake board and signals solved at triage ---------------------------------------------------
    def board(self):
        w, rng, now = self.w, self.rng, self.now
        signals = w.table(Signal)
        codes = list(self.sources)
        for t, team in enumerate(self.team_ids):
            households = self.hh_team_households[t]
            n_open = max(3, round(len(households) * 0.005))
            n_solved = round(len(households) * 0.15)
            for i in range(n_open + n_solved):
                household = rng.choice(households)
                index = household - self.hh_first
                source = self.sources[rng.choice(codes)]
                received = now - timedelta(days=rng.randint(0, 20) if i < n_open else rng.randint(21, 3650), seconds=rng.randint(0, 86399))
                is_open = i < n_open
                signal = signals.add(
                    team_id=team, wijk_id=self.wijk_ids[self.hh_wijk[index]], channel="telefoon", source_id=source.pk,
                    signal_type_id=self.types["zorgen"].pk, received_at=received, reported_on=received.date(),
                    reporter_organisation=source.name if source.is_partner else "", person_id=self.hh_persons[index][0],
                    household_id=household, description=rng.choice(BOARD_WHAT), urgency=rng.choice(["normaal", "normaal", "hoog"]),
                    deadline=received.date() + timedelta(days=self.types["zorgen"].contact_within_days or 5),
                    assigned_to_id=rng.choice(self.workers[t]) if rng.random() < 0.5 else None,
                    next_attempt_on=self.today + timedelta(days=rng.randint(0, 5)) if is_open else None,
                    next_attempt_kind="huisbezoek" if is_open else "",
                    first_contact_at=None if is_open else received + timedelta(hours=4),
                    status="open" if is_open else "getrieerd", created_by_id=self.desk[t][0], **self.signal_address(household))
                if not is_open:
                    w.table(Triage).add(signal_id=signal, urgency="normaal", unsafe="nee", children="onbekend", domains=["financien"],
                                        decision=rng.choice(["advies", "opgelost", "niets", "verwezen"]), decided_at=received + timedelta(hours=6),
                                        decided_by_id=self.desk[t][0])
                w.maybe_flush()
        self.say(f"signals: {signals.count:,}")

    def signal_address(self, household) -> dict:
        """The household's address on a signal about it, with the key that groups repeat signals."""
        address = self.hh_address[household - self.hh_first]
        return dict(address, address_key=address_key(address["postcode"], address["house_number"], address["house_number_addition"]))

    def write_logins(self):
        if self.logins_file is None:
            return
        self.logins_file.parent.mkdir(parents=True, exist_ok=True)
        with self.logins_file.open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["username", "roles", "team", "totp_hex_key"])
            writer.writerows(self.logins)
        self.logins_file.chmod(0o600)
        self.say(f"{len(self.logins):,} logins (TOTP secrets) written to {self.logins_file}")


def generate(**kwargs) -> dict:
    return City(**kwargs).run()
