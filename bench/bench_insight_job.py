"""What the scheduled job `insight_figures` costs on a seeded database (issue 13, ADR 0134).

    DATABASE_URL=postgres://eenplan:eenplan@127.0.0.1:5432/eenplan_scale .venv/bin/python bench/bench_insight_job.py [--sample 3]
    DATABASE_URL=… .venv/bin/python bench/bench_insight_job.py --all      # the whole job, as cron runs it

With `--sample N` it computes and stores the snapshot of the municipality, of the first N teams and of the first
N wijken, prints each one's time and statements, and the whole job's time estimated from them (every team and
wijk). With `--all` it runs the job itself and prints its wall time. Figures only.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=3)
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.settings.test")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eenplan.insights.framework import MUNICIPALITY, TEAM, WIJK, Scope
    from eenplan.insights.snapshots import snapshot_refresh, snapshots_refresh_all
    from eenplan.organisation.models import Team, Wijk

    teams, wijken = Team.objects.count(), Wijk.objects.count()
    if args.all:
        started = time.perf_counter()
        counts = snapshots_refresh_all()
        print(f"insight_figures: {counts['pages']} pages in {time.perf_counter() - started:.1f} s")
        return
    scopes = ([("municipality", Scope(MUNICIPALITY))]
              + [(f"team {t.name}", Scope(TEAM, t)) for t in Team.objects.order_by("pk")[: args.sample]]
              + [(f"wijk {w.name}", Scope(WIJK, w)) for w in Wijk.objects.order_by("pk")[: args.sample]])
    seconds = {}
    print(f"{'page':<32} {'s':>7} {'statements':>10}")
    for label, scope in scopes:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            snapshot_refresh(scope)
            seconds[label] = time.perf_counter() - started
        print(f"{label:<32} {seconds[label]:>7.2f} {len(queries.captured_queries):>10}")
    team_s = statistics.mean(v for k, v in seconds.items() if k.startswith("team"))
    wijk_s = statistics.mean(v for k, v in seconds.items() if k.startswith("wijk"))
    total = seconds["municipality"] + teams * team_s + wijken * wijk_s
    print(f"\nthe whole job, estimated: 1 municipality + {teams} teams × {team_s:.2f} s + {wijken} wijken × {wijk_s:.2f} s"
          f" = {total:.0f} s ({total / 60:.1f} min)")


if __name__ == "__main__":
    main()
