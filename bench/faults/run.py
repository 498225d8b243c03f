"""Fault tests on real components, loopback only (docs/resilience.md).

    bench/faults/ha.sh up                       # pg_auto_failover: monitor + primary + 2 standbys (1 synchronous)
    .venv/bin/python bench/faults/run.py        # redis, 2 gunicorns behind haproxy, 3 faults, the table
    bench/faults/ha.sh down

A bounded write workload (public-form signals, staff contact attempts; every request with its one-time
token, retried with the same token on an error, ADR 0120) runs while, one at a time:
  1. one app server is killed (kill -9)       → haproxy routes around it;
  2. PostgreSQL on the primary is stopped (its keeper starts it again) → the app reconnects by itself;
  3. the primary is killed (postmaster and keeper, kill -9) → pg_auto_failover promotes the standby;
  4. every free connection slot of the primary is taken by a runaway client and both app servers are
     reloaded (their new workers must connect) → a clear 503 "try again", nothing half-written, and
     writes resume once the slots are given back;
  5. the primary's disk fills up → writes that need space are refused (503), nothing half-written; writes
     resume by themselves once the space is back.
With three data nodes (FAULTS_NODES, default 3) a commit waits for one of two standbys, so writes go on
after a failover while the lost node is away.
Afterwards every acknowledged write (a redirect) is looked up by its token on the new primary.
Writes the markdown table to stdout and to var/faults/result.md.
"""
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from eenplan.testing.servers import SiteClient, free_port, wait_for_port  # noqa: E402

HA_DIR = Path(os.environ.get("FAULTS_DIR", "/tmp/eenplan-faults"))
BASE = int(os.environ.get("FAULTS_PORT_BASE", "55430"))
# The app connects as its own role, not the superuser: PostgreSQL keeps superuser_reserved_connections for
# the operators (and pg_auto_failover's keeper), which a runaway client of the app's kind cannot take.
APP_ROLE, HOG_ROLE = "eenplan_app", "faults_hog"
NODES = int(os.environ.get("FAULTS_NODES", "3"))  # as bench/faults/ha.sh: a primary and NODES - 1 standbys
NODE_PORTS = [BASE + i for i in range(1, NODES + 1)]
DATABASE_URL = (f"postgres://{APP_ROLE}@{','.join(f'127.0.0.1:{p}' for p in NODE_PORTS)}/eenplan"
                "?target_session_attrs=read-write&connect_timeout=2")
CLIENTS = int(os.environ.get("FAULTS_CLIENTS", "4"))
PHASE_SECONDS = float(os.environ.get("FAULTS_PHASE_SECONDS", "40"))
TOTP_KEY = "3132333435363738393031323334353637383930"
WORK = ROOT / "var" / "faults"
PGBIN = "/usr/lib/postgresql/15/bin"


def sh(*args, check=True, **kw):
    return subprocess.run(args, check=check, capture_output=True, text=True, **kw)


def psql(port, sql):
    return sh("psql", "-XAtq", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "eenplan", "-c", sql,
              check=False).stdout.strip()


def node_name(port: int) -> str:
    return f"node{port - BASE}"


def primary_port():
    """The node the monitor holds as primary (reported and assigned; wait_primary while its standby is away), and
    only while it takes writes: a node that
    just came back may still say it is not in recovery for a moment before it is demoted."""
    nodes = sh("psql", "-XAtq", "-h", "127.0.0.1", "-p", str(BASE), "-U", "autoctl_node", "-d", "pg_auto_failover", "-c",
               "select nodeport from pgautofailover.node where reportedstate = goalstate"
               " and goalstate in ('primary', 'wait_primary', 'join_primary')",
               check=False).stdout.split()
    for port in map(int, nodes):
        if psql(port, "select pg_is_in_recovery()::text || current_setting('transaction_read_only')") == "falseoff":
            return port
    return None


class Stack:
    def __init__(self):
        WORK.mkdir(parents=True, exist_ok=True)
        self.lb = free_port()
        self.apps = [free_port(), free_port()]
        self.redis_port = free_port()
        self.procs = {}
        self.env_file = WORK / "eenplan.env"
        self.env_file.write_text("\n".join([
            "DJANGO_SETTINGS_MODULE=eenplan.settings.production", f"SECRET_KEY={secrets.token_urlsafe(50)}",
            f"DATABASE_URL={DATABASE_URL}", "ALLOWED_HOSTS=127.0.0.1", f"CSRF_TRUSTED_ORIGINS=https://127.0.0.1:{self.lb}",
            f"STATIC_ROOT={WORK / 'static'}", f"REDIS_URL=redis://127.0.0.1:{self.redis_port}/0",
            "EENPLAN_TRUSTED_PROXIES=127.0.0.1", "GUNICORN_WORKERS=2", "GUNICORN_TIMEOUT=30",
        ]) + "\n")

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
        env.update(EENPLAN_ENV_FILE=str(self.env_file), PATH=f"{Path(sys.executable).parent}:{env['PATH']}", **extra)
        return env

    def manage(self, *args):
        r = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(), capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(f"manage.py {args} failed:\n{r.stdout}\n{r.stderr}")
        return r.stdout

    def start_redis(self):
        self.procs["redis"] = subprocess.Popen(["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
                                                "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
        wait_for_port(self.redis_port)

    def start_app(self, i):
        log = open(WORK / f"app{i}.log", "a")
        self.procs[f"app{i}"] = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT,
            env=self.env(GUNICORN_BIND=f"127.0.0.1:{self.apps[i]}", GUNICORN_ACCESS_LOG=str(WORK / f"access{i}.log"),
                         GUNICORN_ERROR_LOG=str(WORK / f"gunicorn{i}.log")),
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for_port(self.apps[i], process=self.procs[f"app{i}"], seconds=60)

    def start_haproxy(self):
        cfg = WORK / "haproxy.cfg"
        servers = "\n".join(f"    server app{i} 127.0.0.1:{p} check inter 1s fall 2 rise 2" for i, p in enumerate(self.apps))
        cfg.write_text(f"""global
    maxconn 200
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout check 3s
    retries 3
    option redispatch 1
    retry-on conn-failure
    option forwardfor
frontend web
    bind 127.0.0.1:{self.lb}
    http-request set-header X-Forwarded-Proto https
    default_backend apps
backend apps
    balance roundrobin
    option httpchk GET /health/
    http-check send hdr Host 127.0.0.1 hdr X-Forwarded-Proto https
    http-check expect status 200
{servers}
""")
        self.procs["haproxy"] = subprocess.Popen(["haproxy", "-f", str(cfg), "-db"], stdout=open(WORK / "haproxy.log", "w"),
                                                 stderr=subprocess.STDOUT)
        wait_for_port(self.lb)
        import requests

        for _ in range(60):  # until haproxy's health checks have the servers up
            try:
                if requests.get(f"http://127.0.0.1:{self.lb}/health/", headers={"X-Forwarded-Proto": "https"}, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)

    def stop(self):
        for name, p in self.procs.items():
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM) if name.startswith("app") else p.terminate()
                except ProcessLookupError:
                    pass
        for p in self.procs.values():
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


class Workload:
    """CLIENTS threads; each write has its own token and is retried (same token) until acknowledged."""

    def __init__(self, base_url, signal_pk):
        self.base_url, self.signal_pk = base_url, signal_pk
        self.lock = threading.Lock()
        self.acked = {"signal": [], "attempt": []}
        self.errors = 0
        self.statuses = {}  # what the clients got instead of an acknowledgement: HTTP status or exception name
        self.events = []  # (time, ok)
        self.stop_at = 0
        self.crashed = 0
        self.sample = None  # the first error a client saw, for the log

    def staff(self):
        """One login (a TOTP code is accepted once), its session shared by the staff clients (Redis/DB sessions)."""
        with self.lock:
            if getattr(self, "_staff_cookies", None) is None:
                self._staff_cookies = self._login().cookies
            c = SiteClient(self.base_url)
            c.cookies = dict(self._staff_cookies)
            return c

    def _login(self):
        from django_otp.oath import totp

        c = SiteClient(self.base_url)
        for _ in range(70):
            try:
                c.get("/inloggen/")
                c.post("/inloggen/", {"username": "faults-front", "password": "correct horse battery staple"})
                if c.post("/inloggen/code/", {"token": f"{totp(bytes.fromhex(TOTP_KEY)):06d}"}).status_code == 302:
                    return c
            except Exception:
                pass
            time.sleep(1)
        raise SystemExit("could not log in")

    def _send(self, client, kind, path, data):
        token = secrets.token_urlsafe(24)
        # Retried for up to two minutes: a failover waits up to pg_auto_failover's primary_demote_timeout (30 s)
        # before the standby takes writes. Bounded, and each retry carries the same token.
        give_up = time.monotonic() + 120
        attempt = 0
        while time.monotonic() < give_up:
            try:
                if kind == "signal":
                    # RFC 2544's benchmarking range: enough addresses that the form's rate limit never applies
                    headers = {"X-Forwarded-For": f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"}
                    page = client.get("/aanmelden/?nieuw=1", headers=headers)
                    if page.status_code != 200:
                        raise RuntimeError(page.status_code)
                    m = re.search(r'name="token" value="([^"]+)"', page.text)
                    token = token if attempt else m.group(1)
                    # each report its own text: the same text within 10 minutes is the same report (ADR 0012)
                    r = client.post(path, {**data, "token": token, "description": f"Fouttest {token[:8]}: zorgen om de buren."},
                                    headers=headers)
                else:
                    r = client.post(path, {**data, "form_token": token})
                ok = r.status_code in (302, 303)
                outcome = r.status_code
                if r.status_code == 400 and not self.sample:
                    self.sample = re.findall(r'(?:errorlist|error)[^>]*>\s*(?:<li>)?([^<]{3,200})', r.text)[:3] or [r.text[:300]]
            except Exception as exc:
                ok = False
                # the form page's own status (its GET failed), else the kind of connection error
                outcome = exc.args[0] if isinstance(exc, RuntimeError) and exc.args else type(exc).__name__
                if not self.sample:
                    self.sample = [repr(exc)]
            with self.lock:
                self.events.append((time.monotonic(), ok))
                if ok:
                    self.acked[kind].append(token)
                    return
                self.errors += 1
                self.statuses[str(outcome)] = self.statuses.get(str(outcome), 0) + 1
            attempt += 1
            time.sleep(0.25)

    def run_client(self, n):
        try:
            self._run_client(n)
        except Exception as exc:  # a broken workload is a failed run, not a quiet one
            print(f"client {n} stopped: {exc!r}", flush=True)
            with self.lock:
                self.crashed += 1

    def _run_client(self, n):
        public = SiteClient(self.base_url)
        staff = self.staff()
        source = None
        while time.monotonic() < self.stop_at:
            if n % 2 == 0:
                if source is None:
                    page = public.get("/aanmelden/")
                    tag = re.search(r'<input[^>]*name="source"[^>]*>', page.text).group(0)
                    source = re.search(r'value="(\d+)"', tag).group(1)
                self._send(public, "signal", "/aanmelden/", {"source": source, "description": "Fouttest: zorgen om de buren.",
                                                             "postcode": "1234AB", "house_number": "7", "reporter_name": "Fouttest",
                                                             "reporter_phone": "0612345678", "urgent": "nee"})
            else:
                self._send(staff, "attempt", f"/intake/signalen/{self.signal_pk}/contactpoging/",
                           {"att-kind": "telefoon", "att-at": _now_local(), "att-note": "fouttest"})

    def phase(self, seconds, fault):
        self.acked = {"signal": [], "attempt": []}
        self.errors, self.events, self.statuses = 0, [], {}
        self.stop_at = time.monotonic() + seconds
        threads = [threading.Thread(target=self.run_client, args=(i,)) for i in range(CLIENTS)]
        for t in threads:
            t.start()
        time.sleep(seconds / 3)
        t_fault = time.monotonic()
        info = fault()
        for t in threads:
            t.join(seconds + 120)
        failed = [t for t, ok in self.events if not ok and t >= t_fault]
        if failed:
            after = [t for t, ok in self.events if ok and t > max(failed)]
            recovery = (min(after) - t_fault) if after else None
        else:
            recovery = 0.0
        sample, self.sample, crashed, self.crashed = self.sample, None, self.crashed, 0
        return {"acked": {k: list(v) for k, v in self.acked.items()}, "errors": self.errors, "recovery": recovery,
                "error_answers": dict(sorted(self.statuses.items())),
                "first_error": sample, "crashed_clients": crashed,
                "requests": len(self.events), **(info or {})}


def _now_local():
    import datetime
    import zoneinfo

    return (datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Amsterdam")) - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")


def found(tokens_signal, tokens_attempt):
    port = None
    for _ in range(300):  # after a failover the monitor may still be assigning roles: count on the settled primary
        port = primary_port()
        if port:
            break
        time.sleep(0.2)
    if port is None:
        raise SystemExit("no primary to count the writes on")
    q = lambda ts, sql: int(psql(port, sql.replace("$T", ",".join(f"'{t}'" for t in ts) or "''")) or 0)  # noqa: E731
    return (q(tokens_signal, "select count(*) from intake_signal where submission_token in ($T)"),
            q(tokens_attempt, "select count(*) from core_submissionkey where token in ($T) and path like '%contactpoging%'"))


def make_roles():
    """The app's own login role owning the database (tables of an earlier run included), and the runaway
    client's role. Created on the primary; the standby gets them by replication."""
    port = primary_port()
    psql(port, f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN CREATE ROLE {APP_ROLE} LOGIN; END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{HOG_ROLE}') THEN CREATE ROLE {HOG_ROLE} LOGIN; END IF;
    END $$;
    ALTER DATABASE eenplan OWNER TO {APP_ROLE};
    ALTER SCHEMA public OWNER TO {APP_ROLE};
    DO $$ DECLARE r record; BEGIN
        FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
            EXECUTE format('ALTER TABLE public.%I OWNER TO {APP_ROLE}', r.tablename); END LOOP;
        FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
            EXECUTE format('ALTER SEQUENCE public.%I OWNER TO {APP_ROLE}', r.sequencename); END LOOP;
    END $$;""")


def main():
    sh(str(ROOT / "bench/faults/ha.sh"), "start")  # every data node up: a primary and its standbys in sync
    make_roles()
    sync = psql(primary_port(), "show synchronous_standby_names")
    print(f"{NODES} data nodes; the primary's synchronous_standby_names: {sync}", flush=True)
    stack = Stack()
    try:
        stack.start_redis()
        stack.manage("migrate", "-v0")
        stack.manage("collectstatic", "--noinput", "-v0")
        out = stack.manage("shell", "-c", (
            "from eenplan.testing.factories import TeamFactory, UserFactory\n"
            "from eenplan.accounts.services import TOTPDevice\n"
            "from eenplan.accounts.models import User\n"
            "from eenplan.intake.models import SourceType\n"
            "from eenplan.intake.services import signal_register\n"
            "from eenplan.organisation.models import Team\n"
            "from datetime import timedelta\n"
            "from django.utils import timezone\n"
            "t = Team.objects.order_by('pk').first() or TeamFactory()\n"
            "u = User.objects.filter(username='faults-front').first() or UserFactory(username='faults-front', roles=['front_office'], team=t)\n"
            f"TOTPDevice.objects.get_or_create(user=u, name='authenticator', defaults=dict(key='{TOTP_KEY}', confirmed=True))\n"
            "s = signal_register(by=u, channel='telefoon', source=SourceType.objects.first(), description='Fouttest', team=t, received_at=timezone.now() - timedelta(days=1), subject_name='Fouttest', subject_phone='0612345678')\n"
            "print(s.pk)\n"))
        signal_pk = int(out.strip().splitlines()[-1])
        stack.start_app(0)
        stack.start_app(1)
        stack.start_haproxy()
        work = Workload(f"http://127.0.0.1:{stack.lb}", signal_pk)
        rows = []

        def kill_app():
            os.killpg(stack.procs["app0"].pid, signal.SIGKILL)
            threading.Timer(PHASE_SECONDS / 3, stack.start_app, args=(0,)).start()
            return {"fault": "kill -9 one app server (restarted after a while)"}

        def restart_pg():
            """Stop PostgreSQL on the primary (fast shutdown); pg_autoctl's keeper starts it again by itself."""
            port = primary_port()
            data = HA_DIR / node_name(port) / "data"
            t0 = time.monotonic()
            sh("runuser", "-u", "postgres", "--", f"{PGBIN}/pg_ctl", "-D", str(data), "stop", "-m", "fast", "-w", "-t", "30",
               check=False, timeout=45)
            now = None
            while time.monotonic() - t0 < 90:
                now = primary_port()
                if now:
                    break
                time.sleep(0.2)
            return {"fault": f"stop PostgreSQL on the primary (port {port}, pg_ctl stop -m fast); restarted by its keeper"
                             + ("" if now == port else f", meanwhile failed over to port {now}"),
                    "failover": (time.monotonic() - t0) if now and now != port else None, "back": time.monotonic() - t0}

        def kill_primary():
            port = primary_port()
            name = node_name(port)
            keeper = int((HA_DIR / f"{name}.pid").read_text())
            postmaster = int((HA_DIR / name / "data" / "postmaster.pid").read_text().split()[0])
            t0 = time.monotonic()
            # The whole keeper: its process group (ha.sh starts it with setsid) holds the "start/stop postgres"
            # child, which would otherwise start the killed postmaster again at once — no failover at all.
            for kill, pid in ((os.killpg, keeper), (os.kill, postmaster)):
                try:
                    kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            # and whatever else still runs on that data directory: the node is gone, as when its machine dies
            sh("pkill", "-9", "-f", f"{HA_DIR / name / 'data'}( |$)", check=False)
            new = None
            while time.monotonic() - t0 < 90 and new is None:
                for other in NODE_PORTS:
                    # writable, not just promoted: pg_auto_failover keeps it read-only until primary_demote_timeout
                    if other != port and psql(other, "select pg_is_in_recovery()::text || current_setting('transaction_read_only')") == "falseoff":
                        new = other
                        break
                time.sleep(0.2)
            return {"fault": f"kill -9 the primary ({name}: keeper and postmaster) → failover",
                    "failover": (time.monotonic() - t0) if new else None, "new_primary": new}

        def exhaust_connections():
            """A runaway client takes every connection slot that is not reserved for superusers; both app servers
            are then reloaded (a deploy), so their new workers must connect. The slots are given back later."""
            import psycopg

            port = primary_port()
            hogs, refused = [], "nothing: 500 taken, the bound of this test"
            while len(hogs) < 500:
                try:
                    hogs.append(psycopg.connect(host="127.0.0.1", port=port, user=HOG_ROLE, dbname="eenplan", connect_timeout=2))
                except psycopg.OperationalError as exc:
                    refused = str(exc).strip().splitlines()[-1]
                    break
            for name in ("app0", "app1"):
                os.kill(stack.procs[name].pid, signal.SIGHUP)  # gunicorn: new workers, old ones finish their request
            held = PHASE_SECONDS / 3

            def give_back():
                for h in hogs:
                    h.close()

            threading.Timer(held, give_back).start()
            return {"fault": f"all {len(hogs)} free connection slots of the primary taken (then refused: \"{refused}\"), "
                             f"both app servers reloaded; slots given back after {held:.0f} s"}

        def disk_full():
            """The primary's disk fills up (a runaway log, a backup left on the data disk). PostgreSQL refuses what
            needs new space ("could not extend file … No space left on device") and rolls that transaction back;
            it stays up, so there is no failover. The space is given back later; writes must resume by themselves."""
            port = primary_port()
            name = node_name(port)
            filler = HA_DIR / name / "filler"  # on the node's own disk, beside its PGDATA
            if not os.path.ismount(HA_DIR / name):  # ha.sh could not mount one: never fill the machine's own disk
                raise SystemExit(f"disk_full needs {HA_DIR / name} on a disk of its own (ha.sh mounts a tmpfs as root)")
            sh("runuser", "-u", "postgres", "--", "dd", "if=/dev/zero", f"of={filler}", "bs=1M", check=False, timeout=120)
            held = PHASE_SECONDS / 3
            threading.Timer(held, lambda: filler.unlink(missing_ok=True)).start()
            return {"fault": f"the primary's disk full ({name}: a file written until no space was left); "
                             f"the space given back after {held:.0f} s"}

        def rejoin():
            t0 = time.monotonic()
            r = sh(str(ROOT / "bench/faults/ha.sh"), "start", check=False)
            return time.monotonic() - t0 if r.returncode == 0 else None

        faults = [kill_app, restart_pg, kill_primary, exhaust_connections, disk_full]
        only = os.environ.get("FAULTS_ONLY")  # e.g. FAULTS_ONLY=kill_primary,disk_full
        for fault in [f for f in faults if not only or f.__name__ in only.split(",")]:
            # each fault starts from a whole formation: a primary and a synchronous standby that has caught up
            sh(str(ROOT / "bench/faults/ha.sh"), "start")
            r = work.phase(PHASE_SECONDS, fault)
            fs, fa = found(r["acked"]["signal"], r["acked"]["attempt"])
            r.update(found_signal=fs, found_attempt=fa)
            if fault is kill_primary:
                r["rejoin"] = rejoin()
            rows.append(r)
            print(json.dumps({k: v for k, v in r.items() if k != "acked"}), flush=True)
        table = ["| fault | writes acknowledged (signals + attempts) | found afterwards | client errors (retried) / requests "
                 "| what the errors were | failover | recovery (first success after the last error) |",
                 "|---|---|---|---|---|---|---|"]
        for r in rows:
            a, b = len(r["acked"]["signal"]), len(r["acked"]["attempt"])
            fail = f"{r['failover']:.1f} s" if r.get("failover") else "–"
            if "rejoin" in r:
                fail += f" (old primary back as standby {r['rejoin']:.0f} s later)" if r["rejoin"] else " (old primary did not rejoin)"
            rec = f"{r['recovery']:.1f} s" if r["recovery"] is not None else "never"
            table.append(f"| {r['fault']} | {a + b} ({a} + {b}) | {r['found_signal'] + r['found_attempt']} "
                         f"({r['found_signal']} + {r['found_attempt']}) | {r['errors']} / {r['requests']} "
                         f"| {', '.join(f'{k}: {v}' for k, v in r['error_answers'].items()) or '–'} | {fail} | {rec} |")
        text = f"{NODES} data nodes, synchronous_standby_names = '{sync}', {PHASE_SECONDS:.0f} s per phase\n\n" + "\n".join(table)
        (WORK / "result.md").write_text(text + "\n")
        print(text)
        ok = all(len(r["acked"]["signal"]) == r["found_signal"] and len(r["acked"]["attempt"]) == r["found_attempt"] for r in rows)
        return 0 if ok else 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
