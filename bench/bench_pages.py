"""Measure the main list pages at two data sizes in one run and print the ratios.

    .venv/bin/python bench/bench_pages.py [--small 300] [--large 20000] [--repeat 20]
    .venv/bin/python bench/bench_pages.py --database-url postgres://…/eenplan_3k --database-url postgres://…/eenplan_30k

With --database-url (twice: small, then large) it measures databases already seeded with `seed_demo --households N`
(e.g. PostgreSQL) instead of building SQLite ones.

Builds two throw-away SQLite databases with `seed_demo --households N`, then times the caseload,
team list and search pages through Django's test client (median of --repeat runs), counts queries
and peak Python memory per request. A flat query count and a time ratio far below the data ratio
mean the pages do not grow with the municipality. Figures are printed, never asserted.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [
    ("caseload", "anna", "/caseload/"),
    ("team list", "gerrit", "/team/"),
    ("search name", "anna", "/zoeken/?name=jan"),
    ("search postcode", "anna", "/zoeken/?postcode=7411"),
    ("intake board", "jeroen", "/intake/"),
    ("safety overview", "ilse", "/veiligheid/"),
    ("insights team", "gerrit", "/inzicht/teams/1/"),
    ("insights municipality", "lucas", "/inzicht/gemeente/"),
]


def build(db_path: Path, households: int) -> None:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db_path}", DJANGO_SETTINGS_MODULE="eenplan.settings.test",
               DEBUG="1", EENPLAN_DEMO="1")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "seed_demo", "--quiet", "--households", str(households)], cwd=ROOT, env=env, check=True)
    print(f"  seeded {households} households in {time.perf_counter() - started:.1f}s")


def measure(db_path, repeat: int, pages=PAGES) -> dict:
    """Run in a child process so each database gets a fresh Django. `db_path`: a SQLite file or a database URL."""
    url = db_path if "://" in str(db_path) else f"sqlite:///{db_path}"
    code = f"""
import json, os, statistics, time, tracemalloc
os.environ["DATABASE_URL"] = "{url}"
os.environ["DJANGO_SETTINGS_MODULE"] = "eenplan.settings.test"
os.environ["DEBUG"] = "0"  # measure without Django's debug query log
import django; django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from eenplan.accounts.models import User
from eenplan.cases.models import Case
from eenplan.testing.auth import login_verified
out = {{"cases": Case.objects.count()}}
for name, username, url in {pages!r}:
    client = login_verified(Client(), User.objects.get(username=username))
    client.get(url)
    times = []
    for _ in range({repeat}):
        t = time.perf_counter(); r = client.get(url); times.append(time.perf_counter() - t)
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    n_queries = len(q.captured_queries)  # read now: the next request resets the query log
    tracemalloc.start(); client.get(url); peak = tracemalloc.get_traced_memory()[1]; tracemalloc.stop()
    out[name] = {{"ms": statistics.median(times) * 1000, "queries": n_queries, "peak_kb": peak / 1024, "status": r.status_code}}
print(json.dumps(out))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pages", default="", help="comma-separated page names to measure (default: all)")
    parser.add_argument("--database-url", action="append", default=[], help="an already seeded database (give two)")
    args = parser.parse_args()
    if args.pages:
        wanted = {p.strip() for p in args.pages.split(",")}
        PAGES[:] = [p for p in PAGES if p[0] in wanted]
    if args.database_url:
        small_url, large_url = args.database_url
        results = {"small": measure(small_url, args.repeat, PAGES), "large": measure(large_url, args.repeat, PAGES)}
        args.small, args.large = "small", "large"
        report(results, args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for size in (args.small, args.large):
            db = Path(tmp) / f"bench-{size}.sqlite3"
            print(f"building {size} households…")
            build(db, size)
            results[size] = measure(db, args.repeat, PAGES)
    report(results, args)


def report(results, args) -> None:
    small, large = results[args.small], results[args.large]
    print(f"\ncases: {small['cases']} vs {large['cases']} (data ratio {large['cases'] / small['cases']:.0f}x)\n")
    print(f"{'page':<16} {'ms small':>9} {'ms large':>9} {'ratio':>6} {'queries':>9} {'peak KB s/l':>14}")
    for name, *_ in PAGES:
        s, lg = small[name], large[name]
        print(f"{name:<16} {s['ms']:>9.1f} {lg['ms']:>9.1f} {lg['ms'] / s['ms']:>6.2f} {s['queries']:>4}/{lg['queries']:<4} {s['peak_kb']:>6.0f}/{lg['peak_kb']:<7.0f}")


if __name__ == "__main__":
    main()
