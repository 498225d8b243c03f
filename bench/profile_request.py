"""Where a logged-in page's time goes: app CPU, database round trips, the database's own execution (issue 13).

    DATABASE_URL=postgres://eenplan:eenplan@127.0.0.1:5432/eenplan_scale_10k \\
        .venv/bin/python bench/profile_request.py --logins var/logins-10k.csv [--repeat 20] [--profile caseload]

In one process, against a database seeded with `seed_demo` (the town, or a `--size city|g4` city with its logins
file), it asks each key page `--repeat` times through Django's test client, as a generated professional of the
first team, that team's front office and its team lead (DEBUG off, so Django keeps no query log), and prints per
page: the median wall time and CPU time of one request, its statements, the time spent waiting on the database
(every statement timed at the cursor), the database's own execution time (`EXPLAIN ANALYZE` of each SELECT of
one request, summed, run after the timed requests), the ratio server time / database execution — the issue's
goal is ≤ 2.5 — and the Python function calls of one request (cProfile's count, which unlike a time does not vary
with what else the machine is doing; docs/adr/0136).

`--statements PAGE` prints that page's five slowest SELECTs. `--profile PAGE` adds a cProfile of that page's requests, its own time grouped by where the code lives
(templates, database client, Django, eenplan, the rest) eenplan's 30 functions with the most cumulative time and the 15 with the most
own time.
Figures only; nothing is asserted. Every request stays in this process; nothing is sent over a network.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def page_users(logins):
    """(professional, front office, team lead) usernames: from a city's logins file, else the demo town's."""
    from bench.load_test import FRONT_OFFICE, PROFESSIONALS, TEAM_LEAD, read_logins

    if logins and Path(logins).exists():
        rows = read_logins(logins)
        first = next(r for r in rows if r["roles"] == "professional" and r["team"])
        team = [r for r in rows if r["team"] == first["team"]]
        desk = next(r["username"] for r in team if r["roles"] == "front_office")
        lead = next((r["username"] for r in team if "team_lead" in r["roles"]), None)
        return first["username"], desk, lead
    return PROFESSIONALS[0], FRONT_OFFICE, TEAM_LEAD


def pages_for(pro, desk, lead):
    from eenplan.cases.models import Case, Involvement
    from eenplan.organisation.models import Wijk
    from eenplan.people.models import Person
    from eenplan.plans.models import Plan

    mine = Case.objects.filter(pk__in=Involvement.objects.filter(user__username=pro, until__isnull=True).values("case_id"),
                               closed_at__isnull=True).order_by("pk")
    case = mine.filter(pk__in=Plan.objects.values("case_id")).first() or mine.first()
    area = Wijk.objects.order_by("pk").first().postcode_area_list()[0]
    surname = Person.objects.filter(household_memberships__household=case.household).values_list("surname", flat=True).first()
    pages = [
        ("health (no login)", pro, "/health/"),
        ("notifications", pro, "/meldingen/"),  # a logged-in page with little of its own: the fixed cost of one
        ("caseload", pro, "/caseload/"),
        ("search common name", pro, "/zoeken/?name=jan"),
        ("search surname", pro, f"/zoeken/?name={surname}"),
        ("search postcode", pro, f"/zoeken/?postcode={area}"),
        ("case page", pro, f"/casussen/{case.pk}/"),
        ("household", pro, f"/huishoudens/{case.household_id}/"),
        ("plan", pro, f"/casussen/{case.pk}/plan/"),
        ("intake board", desk, "/intake/"),
    ]
    if lead:
        pages.append(("team list", lead, "/team/"))
    return pages


class CursorTimer:
    """An execute wrapper: the time spent inside the database driver, per statement."""

    def __init__(self):
        self.seconds, self.statements = 0.0, []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.statements.append((sql, params))


def execution_ms(connection, statements, slowest=None) -> tuple[float, int]:
    """The database's own execution time of the SELECTs (EXPLAIN ANALYZE), and how many statements were not SELECTs.
    `slowest`: a list to receive (ms, sql) of each SELECT."""
    total, others = 0.0, 0
    with connection.cursor() as cursor:
        for sql, params in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                others += 1
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else plan
            ms = plan["Execution Time"] + plan.get("Planning Time", 0)
            total += ms
            if slowest is not None:
                slowest.append((ms, sql, params))
    return total, others


def measure(client, url, repeat, connection, slowest=None):
    client.get(url)  # warm: templates compiled, connection open
    walls, cpus, waits = [], [], []
    for _ in range(repeat):
        timer = CursorTimer()
        with connection.execute_wrapper(timer):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        waits.append(timer.seconds)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    # Python function calls of one request: unlike its time, the same for the same code and data whatever else the
    # machine is doing, so two versions of a page compare even on a noisy machine (docs/adr/0136).
    counter = cProfile.Profile()
    counter.enable()
    for _ in range(3):
        client.get(url)
    counter.disable()
    calls = pstats.Stats(counter).total_calls // 3
    executed, others = execution_ms(connection, timer.statements, slowest) if connection.vendor == "postgresql" else (float("nan"), 0)
    return {"wall": statistics.median(walls) * 1000, "cpu": statistics.median(cpus) * 1000,
            "wait": statistics.median(waits) * 1000, "statements": len(timer.statements), "writes": others,
            "executed": executed, "bytes": len(response.content), "calls": calls}


def grouped(stats: pstats.Stats) -> dict:
    groups = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        if "/django/template/" in filename or "/templatetags/" in filename:
            group = "templates"
        elif "psycopg" in filename or "/django/db/" in filename or "sqlite3" in filename:
            group = "database client and ORM"
        elif "/eenplan/" in filename:
            group = "eenplan"
        elif "/django/" in filename:
            group = "django (other)"
        else:
            group = "other (stdlib, libraries)"
        groups[group] = groups.get(group, 0) + tottime
    return groups


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", default=str(ROOT / "var" / "demo-logins.csv"))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="append", default=[], help="a page's name, for a cProfile of it")
    parser.add_argument("--statements", action="append", default=[], help="a page's name: print its five slowest SELECTs")
    parser.add_argument("--plans", action="append", default=[],
                        help="with --statements for the same page: the EXPLAIN ANALYZE plan of each of its slowest")
    parser.add_argument("--only", default="", help="comma-separated page names to measure")
    parser.add_argument("--attribute", action="append", default=[],
                        help="a page's name: which template node or eenplan function makes its function calls")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.settings.test")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from eenplan.accounts.models import User
    from eenplan.testing.auth import login_verified

    pro, desk, lead = page_users(args.logins)
    print(f"{connection.vendor}, as {pro} (professional), {desk} (front office), {lead} (team lead); median of {args.repeat}\n")
    print(f"{'page':<20} {'wall ms':>8} {'cpu ms':>7} {'db wait':>8} {'db exec':>8} {'wall/exec':>9} {'stmts':>6} {'KB':>6} {'calls':>7}")
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    clients = {}
    for name, username, url in pages_for(pro, desk, lead):
        if only and name not in only:
            continue
        if username not in clients:
            clients[username] = login_verified(Client(), User.objects.get(username=username))
        slowest = [] if name in args.statements else None
        r = measure(clients[username], url, args.repeat, connection, slowest)
        ratio = r["wall"] / r["executed"] if r["executed"] == r["executed"] and r["executed"] else float("nan")
        print(f"{name:<20} {r['wall']:>8.1f} {r['cpu']:>7.1f} {r['wait']:>8.1f} {r['executed']:>8.1f} {ratio:>9.1f} "
              f"{r['statements']:>3}/{r['writes']:<2} {r['bytes'] / 1024:>6.0f} {r['calls'] / 1000:>6.0f}k")
        for ms, sql, params in sorted(slowest or [], key=lambda item: item[0], reverse=True)[:5]:
            print(f"    {ms:7.1f} ms  {sql[:400]}")
            if name in args.plans:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                    print("\n".join(f"        {line}" for (line,) in cursor.fetchall()))
                    print(f"        -- {cursor.mogrify(sql, params)}"[:3000])
        if name in args.attribute:
            from bench.call_attribution import attribute

            lines, total = attribute(lambda c=clients[username], u=url: c.get(u))
            print(f"\n  {total} function calls of one {name} request, by what made them:")
            for owner, count in lines:
                print(f"    {count:>7}  {owner}")
            print()
        if name in args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.repeat):
                clients[username].get(url)
            profiler.disable()
            stats = pstats.Stats(profiler)
            total = sum(grouped(stats).values())
            print(f"\n  cProfile of {name}, {args.repeat} requests, own time by where the code lives:")
            for group, seconds in sorted(grouped(stats).items(), key=lambda kv: -kv[1]):
                print(f"    {group:<28} {seconds / args.repeat * 1000:7.2f} ms a request  {seconds / total:5.0%}")
            print()
            stats.sort_stats("cumulative").print_stats("/eenplan/", 30)
            stats.sort_stats("tottime").print_stats(15)
    print("\nstmts: statements of one request / of which not SELECT (not in db exec). db wait: time inside the database"
          " driver (round trips included); db exec: EXPLAIN ANALYZE execution + planning of the SELECTs; calls: Python"
          " function calls of one request (cProfile), a measure of its Python work that does not vary with the machine.")


if __name__ == "__main__":
    main()
