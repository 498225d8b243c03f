"""A bounded load test: the mixed professional workload of issue 13 against gunicorn, loopback only.

    DATABASE_URL=postgres://eenplan:eenplan@127.0.0.1:5432/eenplan_scale_3k \\
        .venv/bin/python bench/load_test.py --seconds 60 --clients 6 --workers 3

Starts gunicorn (deploy/gunicorn.conf.py, production settings, `--workers` sync workers) on 127.0.0.1 against a
database seeded with `seed_demo` and logs professionals in through the real login pages (password, then the
second factor). With a city from `seed_demo --size city|g4` it acts as `--users` different generated professionals
(spread over the teams) and their teams' front office, computing each one's TOTP code from the secrets file the
seed wrote (`--logins`, default var/demo-logins.csv; demo mode only); without that file, as the six named demo
professionals, their codes computed from their devices. It then lets `--clients` threads request pages for `--seconds`: caseload 40 %, search 20 % (a name
or a postcode), case page 30 % (a case of the user's own caseload), intake board 10 % (the front office). It then
prints requests/s, errors and p50/p95/p99 per page. Every request goes to 127.0.0.1; nothing else is contacted.
`--path /health/` (or any one page) sends every request there instead: the ceiling of this machine's app server,
middleware and client without the pages' own work, to read the mix's figures against.

A plain threaded client instead of locust: locust's wheel registers a pytest plugin, which would load into every
test run in the project's shared virtualenv. Client CPU shares the machine with the server; the figures are the
whole machine's, as the issue's goal is.
"""

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROFESSIONALS = ["anna", "bram", "chantal", "daan", "eva", "fatima"]
FRONT_OFFICE = "jeroen"
PASSWORD = "eenplan-demo-2026"  # the demo seed's (eenplan/demo/management/commands/seed_demo.py)
# The professional mix (caseload 40, search 20, case page 30, intake board 10), with a team lead's team list
# and a policy adviser's municipality page (from its snapshot) taking 8 of the 100.
MIX = [("caseload", 37), ("search", 18), ("case page", 28), ("intake board", 9), ("team list", 5), ("insights", 3)]
TEAM_LEAD, POLICY = "gerrit", "lucas"  # the demo town's
NAMES = ["jan", "de", "bakker", "visser", "mo", "an"]
POSTCODES = ["7411", "7413", "7415", "7417"]


class Session:
    """Cookies by hand: the production cookies are Secure, and this client speaks plain HTTP to 127.0.0.1 while
    telling Django (X-Forwarded-Proto, trusted from 127.0.0.1) that nginx terminated HTTPS."""

    def __init__(self, port):
        self.port, self.cookies = port, {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, body=None):
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
            headers["Origin"] = "https://127.0.0.1"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data.decode("utf-8", "replace"), response.getheader("Location") or ""

    def copy(self) -> "Session":
        other = Session(self.port)
        other.cookies = dict(self.cookies)
        return other

    def csrf(self, html):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""


def current_code(username) -> str:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):0{device.digits}d}"


def read_logins(path) -> list[dict]:
    import csv

    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def code_from_key(hex_key) -> str:
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(hex_key)):06d}"


def pick_users(rows, count) -> tuple[list[str], list[str], list[str], list[str]]:
    """`count` professionals spread evenly over the teams, the front office and the team lead of each team of
    theirs, and the policy adviser."""
    pros = [r for r in rows if r["roles"] == "professional" and r["team"]]
    step = max(1, len(pros) // max(1, count))
    chosen = pros[::step][:count]
    teams = {r["team"] for r in chosen}
    desks = [r["username"] for r in rows if r["roles"] == "front_office" and r["team"] in teams]
    leads = [r["username"] for r in rows if "team_lead" in r["roles"] and r["team"] in teams]
    policy = [r["username"] for r in rows if r["roles"] == "policy"][:1]
    return [r["username"] for r in chosen], desks, leads, policy


def login(port, username, code=None) -> Session:
    s = Session(port)
    _status, html, _ = s.request("GET", "/inloggen/")
    status, html, location = s.request("POST", "/inloggen/", {"csrfmiddlewaretoken": s.csrf(html), "username": username,
                                                             "password": PASSWORD})
    errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', html)
    assert status == 302, f"login of {username}: {status} {errors[:3]}"
    _status, html, _ = s.request("GET", "/inloggen/code/")
    status, _html, location = s.request("POST", "/inloggen/code/", {"csrfmiddlewaretoken": s.csrf(html), "token": code or current_code(username)})
    assert status == 302 and "/inloggen/" not in location, f"second factor of {username}: {status} {location}"
    return s


def case_ids(username) -> list[int]:
    from eenplan.cases.models import Case, Involvement

    involved = Involvement.objects.filter(user__username=username, until__isnull=True).values("case_id")
    return list(Case.objects.filter(pk__in=involved, closed_at__isnull=True).values_list("pk", flat=True)[:50])


def start_server(port, workers, database_url):
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="eenplan.settings.production",
               SECRET_KEY="load-test-only-" + "x" * 50, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS=str(workers),
               GUNICORN_ACCESS_LOG="/dev/null", LOG_LEVEL="WARNING", ALLOWED_HOSTS="127.0.0.1", EENPLAN_ENV_FILE="/dev/null",
               STATIC_ROOT=str(Path(os.environ.get("TMPDIR", "/tmp")) / "eenplan-load-test-static"))
    # the production static files storage needs its manifest
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=open(Path(os.environ.get("TMPDIR", "/tmp")) / "eenplan-load-test-gunicorn.log", "w"))
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/inloggen/")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start; see $TMPDIR/eenplan-load-test-gunicorn.log")


def next_request(rng, session, desk, cases, postcodes, lead=None, policy=None):
    """One request of the mix: (page, the session that asks, path). The soak test (bench/soak.py) uses it too,
    without a team lead and policy adviser (their share then goes to the intake board)."""
    pages, weights = zip(*MIX, strict=True)
    page = rng.choices(pages, weights)[0]
    if page == "caseload":
        return page, session, "/caseload/"
    if page == "search":
        query = f"name={rng.choice(NAMES)}" if rng.random() < 0.5 else f"postcode={rng.choice(postcodes)}"
        return page, session, f"/zoeken/?{query}"
    if page == "case page" and cases:
        return page, session, f"/casussen/{rng.choice(cases)}/"
    if page == "team list" and lead is not None:
        return page, lead, "/team/"
    if page == "insights" and policy is not None:
        return page, policy, "/inzicht/gemeente/"
    return "intake board", desk, "/intake/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--logins", default=str(ROOT / "var" / "demo-logins.csv"),
                        help="the TOTP secrets file of seed_demo --size city|g4 (used when it exists)")
    parser.add_argument("--users", type=int, default=60, help="how many generated professionals to act as")
    parser.add_argument("--no-ratios", action="store_true", help="leave out the server/database time per page")
    parser.add_argument("--path", default="",
                        help="every request to this one path as the professionals (e.g. /health/ or /meldingen/): the "
                             "ceiling of the app server, middleware and client on this machine, without the pages' work")
    args = parser.parse_args()
    database_url = os.environ["DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.settings.test")
    import django

    django.setup()
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from eenplan.accounts.models import User

    hashed = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    keys = {}
    if Path(args.logins).exists():
        rows = read_logins(args.logins)
        keys = {r["username"]: r["totp_hex_key"] for r in rows}
        professionals, desks, leads, policy = pick_users(rows, args.users)
    else:
        professionals, desks, leads, policy = PROFESSIONALS, [FRONT_OFFICE], [TEAM_LEAD], [POLICY]
    if not User.objects.filter(username__in=professionals).count() == len(professionals):
        raise SystemExit(f"{args.logins} does not belong to this database (its users are not all there)")
    print(f"acting as {len(professionals)} professionals, {len(desks)} front-office users, {len(leads)} team leads"
          f" and {len(policy)} policy adviser")
    from eenplan.organisation.models import Wijk

    postcodes = sorted({area for w in Wijk.objects.all() for area in w.postcode_area_list()}) or POSTCODES

    # A seed made with the test settings hashes passwords with their fast hasher, which production does not accept.
    User.objects.filter(username__in=[*professionals, *desks, *leads, *policy]).update(password=hashed)
    server = start_server(args.port, args.workers, database_url)
    try:
        pros = {name: (login(args.port, name, keys.get(name) and code_from_key(keys[name])), case_ids(name)) for name in professionals}
        fronts = [login(args.port, name, keys.get(name) and code_from_key(keys[name])) for name in desks]
        lead_sessions = [login(args.port, name, keys.get(name) and code_from_key(keys[name])) for name in leads]
        policy_sessions = [login(args.port, name, keys.get(name) and code_from_key(keys[name])) for name in policy]
        for warm in policy_sessions[:1]:  # the page's snapshot, made by the hourly job in production
            warm.request("GET", "/inzicht/gemeente/")
        memory_before = worker_memory(server.pid)
        cpu_before = cpu_seconds(server.pid)
        results, lock = [], threading.Lock()
        deadline = time.perf_counter() + args.seconds

        def client(index):
            rng = random.Random(index)
            mine = professionals[index::args.clients] or [professionals[index % len(professionals)]]
            # one connection per thread, sharing the logged-in users' sessions (a code is accepted only once)
            users = [(pros[name][0].copy(), pros[name][1]) for name in mine]
            desk = fronts[index % len(fronts)].copy()
            lead = lead_sessions[index % len(lead_sessions)].copy() if lead_sessions else None
            adviser = policy_sessions[0].copy() if policy_sessions else None
            while time.perf_counter() < deadline:
                session, cases = rng.choice(users)
                if args.path:
                    page, who, path = args.path, session, args.path
                else:
                    page, who, path = next_request(rng, session, desk, cases, postcodes, lead, adviser)
                started = time.perf_counter()
                try:
                    status, _body, _ = who.request("GET", path)
                except Exception:  # noqa: BLE001 - counted as an error
                    status = 599
                with lock:
                    results.append((page, time.perf_counter() - started, status))

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        memory_after = worker_memory(server.pid)
        cpu_after = cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(results, elapsed, args)
    served = len(results) or 1
    app, db = (cpu_after[k] - cpu_before[k] for k in ("gunicorn", "postgresql"))
    print(f"\nCPU per request: app server {app / served * 1000:.1f} ms, PostgreSQL {db / served * 1000:.1f} ms, together"
          f" {(app + db) / served * 1000:.1f} ms (the rest of the {os.cpu_count()} cores went to the client threads and"
          f" the system): {os.cpu_count() / ((app + db) / served):.0f} requests/s if both cores served only this")
    print(f"\ngunicorn workers' resident memory (MB): before {memory_before}, after {memory_after}")
    if not args.no_ratios and not args.path:
        database_ratios(args.logins)


def _cpu_seconds(pid, children=False) -> float:
    """utime + stime of a process (and, with `children`, of its children it has reaped), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_seconds(master_pid) -> dict:
    """CPU used so far by gunicorn (master and workers, also those already recycled) and by PostgreSQL (every server
    process, also ended backends), so a run's share of each is the difference of two readings."""
    used = {"gunicorn": _cpu_seconds(master_pid, children=True), "postgresql": 0.0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            pid, comm = int(stat.parent.name), text.split("(", 1)[1].rsplit(")", 1)[0]
            fields = text.rsplit(")", 1)[1].split()
            if int(fields[1]) == master_pid:
                used["gunicorn"] += _cpu_seconds(pid)
            elif comm.startswith("postgres"):  # the postmaster's reaped children are the ended backends
                used["postgresql"] += _cpu_seconds(pid, children=True)
        except (OSError, IndexError, ValueError):
            continue
    return used


def worker_memory(master_pid) -> list[int]:
    """The resident set (VmRSS, MB) of each of the gunicorn master's worker processes."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) // 1024)
    return sorted(sizes)


def database_ratios(logins) -> None:
    """Server time against the database's own execution time of each key page, in this process after the load
    (bench/profile_request.py; the issue's goal: ≤ 2.5)."""
    from django.db import connection
    from django.test import Client

    from bench.profile_request import measure, page_users, pages_for
    from eenplan.accounts.models import User
    from eenplan.testing.auth import login_verified

    print(f"\nper key page, in this process (median of 10; db exec = EXPLAIN ANALYZE of its SELECTs):\n"
          f"{'page':<20} {'server ms':>9} {'db exec ms':>10} {'ratio':>6}")
    clients = {}
    for name, username, url in pages_for(*page_users(logins)):
        clients.setdefault(username, login_verified(Client(), User.objects.get(username=username)))
        r = measure(clients[username], url, 10, connection)
        print(f"{name:<20} {r['wall']:>9.1f} {r['executed']:>10.1f} {r['wall'] / r['executed']:>6.1f}")


def report(results, elapsed, args) -> None:
    errors = sum(1 for _p, _t, status in results if status != 200)
    print(f"\n{len(results)} requests in {elapsed:.1f} s with {args.clients} clients, {args.workers} gunicorn workers: "
          f"{len(results) / elapsed:.1f} requests/s, {errors} errors (status other than 200)\n")
    print(f"{'page':<14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for page in [args.path] if args.path else [page for page, _w in MIX]:
        times = sorted(t * 1000 for p, t, _s in results if p == page)
        if not times:
            continue
        q = statistics.quantiles(times, n=100) if len(times) > 1 else [times[0]] * 99
        print(f"{page:<14} {len(times):>8} {statistics.median(times):>8.1f} {q[94]:>8.1f} {q[98]:>8.1f}")


if __name__ == "__main__":
    main()
