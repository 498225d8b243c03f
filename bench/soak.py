"""Soak test: the mixed professional workload of bench/load_test.py for a long time, loopback only.

    DATABASE_URL=postgres://eenplan:eenplan@127.0.0.1:5432/eenplan_soak \\
        .venv/bin/python bench/soak.py --minutes 30 --clients 4 --workers 2

Against the HA formation of bench/faults/ha.sh, pass its multi-host DATABASE_URL (seeded first with
`manage.py seed_demo`). gunicorn runs with worker recycling switched off (GUNICORN_MAX_REQUESTS=0), so a leak
shows as growth instead of being hidden by restarts; production keeps recycling on (deploy/gunicorn.conf.py).

Every `--sample` seconds it reads each gunicorn worker's resident memory from /proc. At the end it prints
per window of five minutes: requests, errors, p50/p95 per page; and the workers' memory at the start (after the
first window: warm caches, imported modules) and the end. Fails (exit 1) on an error, memory growth of 5 % or more
or a last-window p95 above 1.5 × the first window's — the goals of issue 15. Writes docs-ready markdown to
var/soak/result.md.
"""

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_test import (  # noqa: E402 - the same workload, logins and server start as the load test
    FRONT_OFFICE,
    MIX,
    PASSWORD,
    POSTCODES,
    PROFESSIONALS,
    case_ids,
    login,
    next_request,
    start_server,
)

WINDOW = 300.0


def worker_rss_kb(master_pid):
    """Resident memory of each child of the gunicorn master, from /proc (kB)."""
    sizes = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid != master_pid:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[int(entry.name)] = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return sizes


def percentile(values, q):
    values = sorted(values)
    if not values:
        return 0.0
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--sample", type=float, default=30)
    args = parser.parse_args()
    database_url = os.environ["DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.settings.test")
    os.environ["GUNICORN_MAX_REQUESTS"] = "0"
    import django

    django.setup()
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from eenplan.accounts.models import User

    hashed = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    User.objects.filter(username__in=[*PROFESSIONALS, FRONT_OFFICE]).update(password=hashed)
    server = start_server(args.port, args.workers, database_url)
    results, memory, lock = [], [], threading.Lock()
    seconds = args.minutes * 60
    try:
        pros = {name: (login(args.port, name), case_ids(name)) for name in PROFESSIONALS}
        front = login(args.port, FRONT_OFFICE)
        started = time.perf_counter()
        deadline = started + seconds

        def client(index):
            rng = random.Random(index)
            name = PROFESSIONALS[index % len(PROFESSIONALS)]
            session, desk = pros[name][0].copy(), front.copy()
            cases = pros[name][1]
            while time.perf_counter() < deadline:
                page, who, path = next_request(rng, session, desk, cases, POSTCODES)
                t0 = time.perf_counter()
                try:
                    status, _body, _ = who.request("GET", path)
                except Exception:  # noqa: BLE001 - counted as an error
                    status = 599
                with lock:
                    results.append((t0 - started, page, time.perf_counter() - t0, status))

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        while time.perf_counter() < deadline:
            time.sleep(min(args.sample, max(0.0, deadline - time.perf_counter())))
            memory.append((time.perf_counter() - started, worker_rss_kb(server.pid)))
            done = len(results)
            print(f"{(time.perf_counter() - started) / 60:5.1f} min: {done} requests, workers "
                  f"{sorted(v // 1024 for v in memory[-1][1].values())} MB", flush=True)
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return report(results, memory, seconds, args)


def report(results, memory, seconds, args) -> int:
    lines = [f"Soak: {args.minutes:g} min, {args.clients} clients, {args.workers} gunicorn workers (recycling off), "
             f"{len(results)} requests ({len(results) / seconds:.1f}/s)", "",
             "| window | requests | errors | " + " | ".join(f"{p} p50 / p95 ms" for p, _w in MIX) + " |",
             "|---|---|---|" + "---|" * len(MIX)]
    windows = max(1, int(seconds // WINDOW))
    p95 = {}
    for w in range(windows):
        rows = [r for r in results if w * WINDOW <= r[0] < (w + 1) * WINDOW]
        cells = []
        for page, _w in MIX:
            times = [r[2] * 1000 for r in rows if r[1] == page]
            p95[(w, page)] = percentile(times, 95)
            cells.append(f"{statistics.median(times):.0f} / {p95[(w, page)]:.0f}" if times else "–")
        errors = sum(1 for r in rows if r[3] != 200)
        lines.append(f"| {w * 5}–{(w + 1) * 5} min | {len(rows)} | {errors} | " + " | ".join(cells) + " |")
    errors = sum(1 for r in results if r[3] != 200)
    # memory: after the first window (warm) against the last sample, per worker that lived through both
    warm = next((m for t, m in memory if t >= min(WINDOW, seconds / 6)), memory[0][1] if memory else {})
    last = memory[-1][1] if memory else {}
    common = sorted(set(warm) & set(last))
    growth = max(((last[p] - warm[p]) / warm[p] for p in common), default=0.0)
    lines += ["", "Worker memory (resident), warm → end: "
              + ", ".join(f"{warm[p] // 1024} → {last[p] // 1024} MB" for p in common)
              + f"; largest growth {growth * 100:.1f} %."]
    ratio = max((p95[(windows - 1, page)] / p95[(0, page)] for page, _w in MIX if p95.get((0, page))), default=1.0)
    lines.append(f"p95 last window / first window, worst page: {ratio:.2f}. Errors: {errors}.")
    ok = errors == 0 and growth < 0.05 and ratio <= 1.5 and len(common) == args.workers
    lines.append("Result: " + ("within the goals" if ok else "NOT within the goals (0 errors, growth < 5 %, p95 ≤ 1.5 × the first window)"))
    text = "\n".join(lines)
    out = ROOT / "var" / "soak"
    out.mkdir(parents=True, exist_ok=True)
    (out / "result.md").write_text(text + "\n")
    print("\n" + text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
