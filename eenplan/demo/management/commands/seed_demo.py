"""Build a synthetic municipality: wijken, teams, staff for every role, households and cases.

`--households 100000` builds much larger data for measuring (bench/) with the per-object services.
`--size g4` (450,000 households) or `--size city --households N` builds a city with bulk inserts instead
(eenplan/demo/city.py): the whole route, 3,000 staff who can log in, deterministic from `--seed`.
"""

import importlib
import time
from datetime import date, timedelta
from random import Random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from eenplan.accounts.models import ExpertiseTag, Role, RoleCode, TeamMembership, User
from eenplan.accounts.services import device_secret_base32, totp_device_set_demo
from eenplan.cases.models import Case, Involvement, Phase, PhaseTransition, PlannedItem, SafetyStatus
from eenplan.demo.context import DemoContext
from eenplan.demo.names import GIVEN_ADULT, GIVEN_CHILD, STREETS, SURNAMES
from eenplan.organisation.models import Team, Wijk
from eenplan.people.models import Household, HouseholdMember, MemberRole, Person

DEMO_PASSWORD = "eenplan-demo-2026"
CITY = "Eendijk"  # a fictional town
WIJKEN = [("Centrum", "centrum", "7411,7412"), ("Oosterpark", "oosterpark", "7413,7414"),
          ("Westerkwartier", "westerkwartier", "7415,7416"), ("De Hoven", "de-hoven", "7417,7418")]
TEAMS = [("Wijkteam Noord-Oost", ["centrum", "oosterpark"]), ("Wijkteam Zuid-West", ["westerkwartier", "de-hoven"])]
EXPERTISE = ["schulden", "jeugd-ggz", "ggz volwassenen", "verslaving", "ouderen", "veiligheid", "LVB", "werk en inkomen", "opvoeding"]
# username, first, last, roles, team index (None = no team), lead?, expertise
STAFF = [
    ("anna", "Anna", "de Boer", [RoleCode.PROFESSIONAL], 0, False, ["schulden", "werk en inkomen"]),
    ("bram", "Bram", "Kuipers", [RoleCode.PROFESSIONAL], 0, False, ["jeugd-ggz", "opvoeding"]),
    ("chantal", "Chantal", "Pinas", [RoleCode.PROFESSIONAL], 0, False, ["ouderen", "ggz volwassenen"]),
    ("daan", "Daan", "Hoekstra", [RoleCode.PROFESSIONAL], 1, False, ["verslaving", "ggz volwassenen"]),
    ("eva", "Eva", "Yilmaz", [RoleCode.PROFESSIONAL], 1, False, ["LVB", "schulden"]),
    ("fatima", "Fatima", "El Idrissi", [RoleCode.PROFESSIONAL], 1, False, ["jeugd-ggz", "opvoeding"]),
    ("gerrit", "Gerrit", "Mulder", [RoleCode.TEAM_LEAD], 0, True, []),
    ("hanneke", "Hanneke", "Visser", [RoleCode.TEAM_LEAD], 1, True, []),
    ("ilse", "Ilse", "Vermeulen", [RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], 0, False, ["veiligheid"]),
    ("jeroen", "Jeroen", "Smit", [RoleCode.FRONT_OFFICE], 0, False, []),
    ("karin", "Karin", "Dekker", [RoleCode.MUNICIPAL_OFFICER], None, False, []),
    ("lucas", "Lucas", "Brouwer", [RoleCode.POLICY], None, False, []),
    ("mira", "Mira", "Bakker", [RoleCode.FUNCTIONAL_ADMIN], None, False, []),
    ("noor", "Noor", "Haddou", [RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], 1, False, ["veiligheid"]),
    ("pieter", "Pieter", "van Dam", [RoleCode.PRIVACY_OFFICER], None, False, []),
]
APP_SEEDERS = ["intake", "assessment", "socialmap", "plans", "safety", "followup", "insights", "portal"]
PHASE_WEIGHTS = [(Phase.AANMELDING, 6), (Phase.TRIAGE, 6), (Phase.VRAAGVERHELDERING, 12), (Phase.PLAN, 10),
                 (Phase.ONDERSTEUNING, 25), (Phase.EVALUATIE, 8), (Phase.MONITORING, 8), (Phase.AFGESLOTEN, 25)]


def random_bsn(rng: Random) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(w * d for w, d in zip(range(9, 1, -1), digits)) % 11
        if check < 10:
            return "".join(map(str, digits + [check]))


class Command(BaseCommand):
    help = "Seed a synthetic municipality (demo data; never real people)."

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument("--size", choices=["town", "city", "g4"], default="town",
                            help="town: the story-rich demo (default); city: a bulk-generated city of --households; "
                                 "g4: a bulk-generated G4 city (450,000 households)")
        parser.add_argument("--logins-file", default=str(settings.BASE_DIR / "var" / "demo-logins.csv"),
                            help="city/g4: where the generated staff's TOTP secrets are written (demo mode only)")

    def handle(self, *args, households, seed, quiet, size="town", logins_file=None, **options):
        if not (settings.DEBUG and settings.EENPLAN_DEMO):
            raise CommandError("seed_demo only runs in demo mode (DEBUG=1 and EENPLAN_DEMO=1): it creates known passwords.")
        if Household.objects.exists():
            self.stdout.write("The database already has households; not seeding again.")
            self.print_logins()
            return
        if size != "town":
            from eenplan.demo.city import G4_HOUSEHOLDS, generate

            started = time.perf_counter()
            counts = generate(households=G4_HOUSEHOLDS if size == "g4" else households, seed=seed,
                              out=None if quiet else self.stdout, logins_file=logins_file)
            if not quiet:
                for label, count in counts.items():
                    self.stdout.write(f"  {label:<40} {count:>12,}")
                self.stdout.write(self.style.SUCCESS(f"City seeded in {time.perf_counter() - started:.0f} s."))
                self.print_logins()
            return
        rng = Random(seed)
        with transaction.atomic():
            ctx = self.seed_core(rng, households)
        for app in APP_SEEDERS:
            try:
                module = importlib.import_module(f"eenplan.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"eenplan.{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.seed(ctx)
            if not quiet:
                self.stdout.write(f"  seeded {app}")
        if not quiet:
            self.stdout.write(self.style.SUCCESS(f"Seeded {len(ctx.households)} households, {len(ctx.cases)} cases."))
            self.print_logins()

    def print_logins(self):
        self.stdout.write("\nDemo logins (password for all: %s):" % DEMO_PASSWORD)
        for user in User.objects.filter(username__in=[s[0] for s in STAFF]).prefetch_related("roles", "totpdevice_set"):
            device = user.totpdevice_set.first()
            roles = ", ".join(sorted(user.role_codes()))
            secret = device_secret_base32(device) if device else "-"
            self.stdout.write(f"  {user.username:<8} {roles:<32} TOTP secret {secret}")
        self.stdout.write(
            "Second factor: the login page shows the current demo code (DEBUG + EENPLAN_DEMO only), "
            "or add the secret to an authenticator app, or run: python manage.py demo_totp USERNAME\n"
        )
        from eenplan.portal.demo import DEMO_BSN

        self.stdout.write(f"Mijn plan (a resident, DigiD mock): /mijn-plan/ — log in with BSN {DEMO_BSN}\n")

    def seed_core(self, rng: Random, n_households: int) -> DemoContext:
        now = timezone.now()
        today = timezone.localdate()
        wijken = [Wijk.objects.create(name=n, code=c, postcode_areas=p) for n, c, p in WIJKEN]
        by_code = {w.code: w for w in wijken}
        teams = []
        for name, codes in TEAMS:
            team = Team.objects.create(name=name, phone="14 0000", email=f"{codes[0]}@wijkteam.example")
            team.wijken.set([by_code[c] for c in codes])
            teams.append(team)
        tags = {name: ExpertiseTag.objects.create(name=name) for name in EXPERTISE}
        roles = {r.code: r for r in Role.objects.all()}
        staff = {}
        for username, first, last, role_codes, team_index, lead, expertise in STAFF:
            user = User.objects.create_user(username=username, password=DEMO_PASSWORD, first_name=first, last_name=last,
                                            email=f"{username}@eendijk.example", job_title=", ".join(role_codes))
            user.roles.set([roles[c] for c in role_codes])
            user.expertise.set([tags[t] for t in expertise])
            if team_index is not None:
                TeamMembership.objects.create(user=user, team=teams[team_index], is_lead=lead)
            # A random secret per seed (printed below): never derivable from the username.
            totp_device_set_demo(user=user)
            staff[username] = user
        team_workers = {
            t.pk: [staff[s[0]] for s in STAFF if s[4] == i and RoleCode.PROFESSIONAL in s[3]] for i, t in enumerate(teams)
        }
        self._extra_professionals(n_households, teams, team_workers, roles, list(tags.values()))
        households, people, members = self._households(rng, wijken, n_households)
        cases = self._cases(rng, now, today, households, teams, team_workers)
        return DemoContext(rng=rng, today=today, wijken=wijken, teams=teams, staff=staff, households=households,
                           cases=cases, large=n_households > 1000)

    def _extra_professionals(self, n_households, teams, team_workers, roles, tags):
        """Large seeds get more professionals, so a caseload stays the size of a real one (~30 cases)."""
        wanted_per_team = max(0, round(n_households * 0.6 / 30 / len(teams)) - 4)
        for team in teams:
            for i in range(wanted_per_team):
                user = User.objects.create_user(username=f"prof-{team.pk}-{i}", password=None, first_name="Medewerker",
                                                last_name=f"{team.pk}-{i}")
                user.roles.add(roles[RoleCode.PROFESSIONAL])
                user.expertise.add(tags[i % len(tags)])
                TeamMembership.objects.create(user=user, team=team)
                team_workers[team.pk].append(user)

    def _households(self, rng, wijken, n):
        households, people, member_rows = [], [], []
        used_bsn = set()
        for i in range(n):
            wijk = wijken[i % len(wijken)]
            area = rng.choice(wijk.postcode_area_list())
            prefix, surname = rng.choice(SURNAMES)
            address = dict(street=rng.choice(STREETS), house_number=rng.randint(1, 180),
                           house_number_addition=rng.choice(["", "", "", "A", "B", "bis"]),
                           postcode=f"{area} {rng.choice('ABCDEFGHJKLMNPRTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}", city=CITY)
            households.append(Household(name=f"Huishouden {surname}" if not prefix else f"Huishouden {prefix.capitalize()} {surname}", wijk=wijk, **address))
            composition = rng.choice(["single", "single", "couple", "family", "family", "single_parent", "elderly"])
            adults = 2 if composition in ("couple", "family", "elderly") else 1
            kids = rng.randint(1, 4) if composition in ("family", "single_parent") else 0
            base_year = 1940 + rng.randint(0, 15) if composition == "elderly" else 1965 + rng.randint(0, 35)
            for a in range(adults):
                bsn = random_bsn(rng) if rng.random() < 0.75 else ""
                if bsn in used_bsn:
                    bsn = ""
                used_bsn.add(bsn)
                person = Person(given_names=rng.choice(GIVEN_ADULT), surname_prefix=prefix, surname=surname,
                                birth_date=date(base_year + rng.randint(-3, 3), rng.randint(1, 12), rng.randint(1, 28)),
                                bsn=bsn, phone=f"06{rng.randint(10000000, 99999999)}" if rng.random() < 0.8 else "",
                                email=f"inwoner{i}-{a}@voorbeeld.example" if rng.random() < 0.4 else "", **address)
                people.append(person)
                member_rows.append((i, len(people) - 1, MemberRole.PARENT if kids else (MemberRole.PARTNER if a else MemberRole.OTHER)))
            for _ in range(kids):
                person = Person(given_names=rng.choice(GIVEN_CHILD), surname_prefix=prefix, surname=surname,
                                birth_date=date(2008 + rng.randint(0, 17), rng.randint(1, 12), rng.randint(1, 28)), **address)
                people.append(person)
                member_rows.append((i, len(people) - 1, MemberRole.CHILD))
        Household.objects.bulk_create(households, batch_size=2000)
        Person.objects.bulk_create(people, batch_size=2000)
        members = [HouseholdMember(household=households[h], person=people[p], role=r) for h, p, r in member_rows]
        HouseholdMember.objects.bulk_create(members, batch_size=2000)
        return households, people, members

    def _cases(self, rng, now, today, households, teams, team_workers):
        team_of_wijk = {w.pk: t for t in teams for w in t.wijken.all()}
        phases = [p for p, w in PHASE_WEIGHTS for _ in range(w)]
        cases, transitions, involvements, planned = [], [], [], []
        for household in households:
            if rng.random() > 0.6:
                continue
            team = team_of_wijk[household.wijk_id]
            workers = team_workers[team.pk]
            phase = rng.choice(phases)
            opened = now - timedelta(days=rng.randint(5, 400))
            route = [p for p in Phase.values if p != Phase.AFGESLOTEN]
            steps = route[: route.index(phase) + 1] if phase != Phase.AFGESLOTEN else route[: rng.randint(3, 7)] + [Phase.AFGESLOTEN]
            regisseur = rng.choice(workers) if Phase.values.index(steps[-1]) >= Phase.values.index(Phase.VRAAGVERHELDERING) and rng.random() < 0.9 else None
            safety = rng.choices(SafetyStatus.values, weights=[60, 20, 5, 15])[0]
            if phase == Phase.AFGESLOTEN and safety == SafetyStatus.ONVEILIG:
                safety = SafetyStatus.VEILIG
            span = (now - opened).total_seconds()
            times = sorted(opened + timedelta(seconds=span * rng.random() * 0.9) for _ in steps[1:])
            times = [opened] + times
            case = Case(household=household, team=team, phase=steps[-1], phase_since=times[-1], regisseur=regisseur,
                        regie_kind="casusregie" if regisseur else "", safety_status=safety, opened_at=opened,
                        closed_at=times[-1] if steps[-1] == Phase.AFGESLOTEN else None,
                        question=rng.choice(QUESTIONS))
            cases.append((case, steps, times, workers))
        Case.objects.bulk_create([c for c, *_ in cases], batch_size=2000)
        for case, steps, times, workers in cases:
            author = case.regisseur or rng.choice(workers)
            prev = ""
            for step, at in zip(steps, times):
                transitions.append(PhaseTransition(case=case, from_phase=prev, to_phase=step, at=at, by=author))
                prev = step
            closed_at = case.closed_at
            involvements.append(Involvement(case=case, user=author, role_in_case="regisseur" if case.regisseur else "intake", since=times[0], until=closed_at))
            if rng.random() < 0.3:
                other = rng.choice(workers)
                if other != author:
                    involvements.append(Involvement(case=case, user=other, role_in_case="co-werker", since=times[0], until=closed_at))
            if case.phase not in (Phase.AFGESLOTEN,):
                planned.append(PlannedItem(case=case, kind="afspraak", label=rng.choice(["Huisbezoek", "Gesprek op kantoor", "Telefonisch contact", "Evaluatiegesprek"]),
                                           due_on=today + timedelta(days=rng.randint(-10, 40)), owner=author))
        PhaseTransition.objects.bulk_create(transitions, batch_size=5000)
        Involvement.objects.bulk_create(involvements, batch_size=5000)
        PlannedItem.objects.bulk_create(planned, batch_size=5000)
        return [c for c, *_ in cases]


QUESTIONS = [
    "Schulden lopen op, huur twee maanden achter.",
    "Zorgen over opvoeding en schoolverzuim van oudste kind.",
    "Eenzaamheid na overlijden partner, redt zich thuis steeds minder.",
    "Dreigende huisuitzetting na melding woningcorporatie.",
    "Ruzies thuis, buren maken zich zorgen.",
    "Hulp gezocht bij werk vinden en dagbesteding.",
    "Mantelzorger overbelast, vraagt om ondersteuning.",
    "Verslaving en geen vaste dagstructuur.",
]
