"""Seed a generated city into an empty database and report its time and row counts (markdown, for docs/benchmarks.md).

    .venv/bin/python bench/seed_city.py --database-url postgres://eenplan:eenplan@127.0.0.1:5432/eenplan_scale --size g4
    .venv/bin/python bench/seed_city.py --database-url … --size city --households 10000
    .venv/bin/python bench/seed_city.py --database-url … --report-only      # counts of a database seeded before

The database must exist and be empty (it is migrated first). The seed runs as `manage.py seed_demo` in demo mode,
its progress passed through; the TOTP secrets go to var/demo-logins.csv unless --logins-file says otherwise.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABLES = [
    ("persons", "people.Person"), ("households", "people.Household"), ("household members", "people.HouseholdMember"),
    ("staff", "accounts.User"), ("teams", "organisation.Team"), ("wijken", "organisation.Wijk"),
    ("cases", "cases.Case"), ("open cases", None), ("phase transitions", "cases.PhaseTransition"),
    ("signals", "intake.Signal"), ("triages", "intake.Triage"), ("ZRM measurements", "assessment.ZrmMeasurement"),
    ("ZRM scores", "assessment.ZrmScore"), ("plans", "plans.Plan"), ("plan versions", "plans.PlanVersion"),
    ("goals", "plans.Goal"), ("plan actions", "plans.PlanAction"), ("evaluations", "followup.Evaluation"),
    ("closings", "followup.Closing"), ("meldcode trajectories", "safety.MeldcodeTrajectory"),
    ("safety plans", "safety.SafetyPlan"), ("access-log rows", "access.AccessLogEntry"),
]


def report(seconds=None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.settings.test")
    import django

    django.setup()
    from django.apps import apps
    from django.db import connection
    from django.db.models import Count

    from eenplan.accounts.models import TeamMembership
    from eenplan.cases.models import Case, Involvement
    from eenplan.people.models import HouseholdMember

    print("| what | rows |\n|---|---:|")
    for label, model in TABLES:
        if model is None:
            count = Case.objects.exclude(phase="afgesloten").count()
        else:
            count = apps.get_model(model).objects.count()
        print(f"| {label} | {count:,} |")
    loads = list(Involvement.objects.filter(until__isnull=True).values("user").annotate(n=Count("case")).values_list("n", flat=True))
    team_sizes = list(TeamMembership.objects.values("team").annotate(n=Count("user")).values_list("n", flat=True))
    big = HouseholdMember.objects.values("household").annotate(n=Count("pk")).order_by("-n").values_list("n", flat=True)[:1]
    if loads:
        loads.sort()
        print(f"\nopen cases per professional: min {loads[0]}, median {loads[len(loads) // 2]}, max {loads[-1]} "
              f"({len(loads):,} professionals); staff per team: {min(team_sizes)}–{max(team_sizes)}; "
              f"largest household: {max(big, default=0)} members")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"database size: {cursor.fetchone()[0]}")
    if seconds is not None:
        print(f"seed time: {seconds:.0f} s (wall clock, including migrate: no)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--size", choices=["city", "g4"], default="city")
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--logins-file", default=str(ROOT / "var" / "demo-logins.csv"))
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    seconds = None
    if not args.report_only:
        env = dict(os.environ, DEBUG="1", EENPLAN_DEMO="1")
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-u", "manage.py", "seed_demo", "--size", args.size, "--households", str(args.households),
                        "--seed", str(args.seed), "--logins-file", args.logins_file], cwd=ROOT, env=env, check=True,
                       stdout=sys.stderr)
        seconds = time.perf_counter() - started
    report(seconds)


if __name__ == "__main__":
    main()
