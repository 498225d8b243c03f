"""Time the insights pages and their Excel exports on databases already seeded with `seed_demo --households N`.

    .venv/bin/python bench/bench_insights.py --repeat 5 \
        --database-url sqlite:////tmp/town.sqlite3 \
        --database-url postgres://eenplan:eenplan@127.0.0.1:5432/eenplan_scale_3k

Prints, per database and page, the median time through Django's test client, the number of queries and the
peak Python memory of one request (see bench_pages.measure). Figures are printed, never asserted.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datetime import date, timedelta  # noqa: E402

from bench_pages import measure  # noqa: E402

# A period other than the default: computed on request (ADR 0134); the default page reads its snapshot.
_TODAY = date.today()
CHOSEN = f"?van={_TODAY - timedelta(days=120):%d-%m-%Y}&tot={_TODAY - timedelta(days=1):%d-%m-%Y}"

PAGES = [
    ("team", "gerrit", "/inzicht/teams/1/"),
    ("team, chosen period", "gerrit", "/inzicht/teams/1/" + CHOSEN),
    ("wijk, chosen period", "lucas", "/inzicht/wijken/centrum/" + CHOSEN),
    ("municipality, chosen period", "lucas", "/inzicht/gemeente/" + CHOSEN),
    ("wijk", "lucas", "/inzicht/wijken/centrum/"),
    ("municipality", "lucas", "/inzicht/gemeente/"),
    ("team export.xlsx", "gerrit", "/inzicht/teams/1/export.xlsx"),
    ("wijk export.xlsx", "lucas", "/inzicht/wijken/centrum/export.xlsx"),
    ("municipality export.xlsx", "lucas", "/inzicht/gemeente/export.xlsx"),
    ("one table .csv", "lucas", "/inzicht/gemeente/time_in_phase.csv"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", action="append", required=True)
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--wijk", default="centrum", help="the wijk's code (the town's: centrum; a generated city's: w001)")
    args = parser.parse_args()
    pages = [(name, user, url.replace("/wijken/centrum/", f"/wijken/{args.wijk}/")) for name, user, url in PAGES
             if not args.pages or name in {x.strip() for x in args.pages.split(",")}]
    print(f"{'database':<28} {'page':<26} {'ms':>9} {'queries':>8} {'peak KB':>8} status")
    for url in args.database_url:
        result = measure(url, args.repeat, pages)
        label = url.rsplit("/", 1)[-1]
        for name, *_ in pages:
            r = result[name]
            print(f"{label:<28} {name:<26} {r['ms']:>9.1f} {r['queries']:>8} {r['peak_kb']:>8.0f} {r['status']}", flush=True)
        print(f"{label:<28} ({result['cases']} cases)")


if __name__ == "__main__":
    main()
