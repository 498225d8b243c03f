"""Real servers started by the production-path tests (marker `production`): a fresh PostgreSQL database,
redis-server and gunicorn on loopback ports. Nothing here is a mock.

The production tests run in ./test's PostgreSQL pass (conftest.py deselects them without PostgreSQL).
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, process: subprocess.Popen | None = None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds}s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class RedisServer:
    """redis-server (Debian's) on a loopback port, without persistence."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "/usr/bin/redis-server", "--bind", "127.0.0.1", "--port", str(self.port),
             "--save", "", "--appendonly", "no", "--dir", str(tmp)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process)
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        stop(self.process)


def server_database_url(name: str) -> str:
    """The DATABASE_URL of ./test's PostgreSQL server with another database name."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


class ProductionSite:
    """eenplan under `eenplan.settings.production`, configured the documented way: an environment file
    named by EENPLAN_ENV_FILE (docs/operations.md). `manage()` runs manage.py with it; `serve()` starts
    gunicorn with deploy/gunicorn.conf.py."""

    def __init__(self, tmp: Path, *, database_url: str, extra: dict | None = None):
        self.tmp = tmp
        self.port = free_port()
        self.database_url = database_url
        self.env_file = tmp / "eenplan.env"
        values = {
            "SECRET_KEY": secrets.token_urlsafe(60),
            "DATABASE_URL": database_url,
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{self.port}",
            "STATIC_ROOT": str(tmp / "static"),
            **(extra or {}),
        }
        lines = ["# written by eenplan.testing.servers.ProductionSite", "DJANGO_SETTINGS_MODULE=eenplan.settings.production"]
        lines += [f"{name}={value}" for name, value in values.items()]
        self.env_file.write_text("\n".join(lines) + "\n")
        self.gunicorn = None

    def environ(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
        env["EENPLAN_ENV_FILE"] = str(self.env_file)
        env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"
        return env

    def manage(self, *args, check=True, input=None) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.environ(), capture_output=True, text=True,
            input=input, timeout=600,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code).stdout

    def serve(self) -> str:
        # gunicorn's own settings in the environment file too, as docs/operations.md has them.
        with self.env_file.open("a") as f:
            f.write(f"GUNICORN_BIND=127.0.0.1:{self.port}\nGUNICORN_WORKERS=2\n"
                    f"GUNICORN_ACCESS_LOG={self.tmp / 'http-access.log'}\nGUNICORN_ERROR_LOG={self.tmp / 'gunicorn.log'}\n")
        env = self.environ()
        self.app_log = open(self.tmp / "app.log", "w")
        self.gunicorn = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env,
            stdout=self.app_log, stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, process=self.gunicorn)
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.gunicorn is not None:
            stop(self.gunicorn)
            self.app_log.close()


class SiteClient:
    """A small HTTP client for a site behind the production settings, as nginx would call it: it sends
    X-Forwarded-Proto: https and keeps the (Secure) cookies itself, since it talks plain HTTP."""

    def __init__(self, base_url: str):
        import requests

        self.base_url = base_url
        self.origin = base_url.replace("http://", "https://")
        self.http = requests.Session()
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, headers: dict | None = None, **kwargs):
        headers = {"X-Forwarded-Proto": "https", "Origin": self.origin, "Referer": self.origin + path, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, self.base_url + path, headers=headers, allow_redirects=False, timeout=30, **kwargs)
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        self.http.cookies.clear()
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs):
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self.request("POST", path, data=data, **kwargs)


class OidcProvider:
    """The test OpenID Connect provider (eenplan/testing/oidc_provider) in its own process on a loopback port."""

    def __init__(self, tmp: Path, *, redirect_uri: str, logout_uri: str, users: list[str],
                 client_id: str = "eenplan", client_secret: str = "eenplan-test-secret"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.client_id, self.client_secret = client_id, client_secret
        args = [sys.executable, "-m", "eenplan.testing.oidc_provider.serve", "--port", str(self.port),
                "--db", str(tmp / "idp.sqlite3"), "--client-id", client_id, "--client-secret", client_secret,
                "--redirect-uri", redirect_uri, "--logout-uri", logout_uri]
        for user in users:
            args += ["--user", user]
        env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
        self.log = open(tmp / "idp.log", "w")
        self.process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, process=self.process, seconds=90)

    def client_settings(self) -> dict:
        """eenplan's OIDC settings for this provider (what an operator puts in the environment file)."""
        return {
            "OIDC_RP_CLIENT_ID": self.client_id, "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize", "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo", "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_OP_LOGOUT_ENDPOINT": f"{self.url}/end-session",
        }

    def stop(self):
        stop(self.process)
        self.log.close()


class Nginx:
    """deploy/nginx/eenplan.conf as shipped, with only ports, certificate, paths and upstream rewritten for a
    test (self-signed certificate, loopback ports), run by Debian's nginx as a normal process."""

    def __init__(self, tmp: Path, *, upstream_port: int, static_root: str):
        self.tmp = tmp
        self.port, http_port = free_port(), free_port()
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                        "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")], check=True, capture_output=True)
        site = (ROOT / "deploy/nginx/eenplan.conf").read_text()
        for old, new in [
            ("/etc/ssl/certs/eenplan.example.nl.pem", str(tmp / "cert.pem")),
            ("/etc/ssl/private/eenplan.example.nl.key", str(tmp / "key.pem")),
            ("/var/log/nginx/", f"{tmp}/"),
            ("listen 80;", f"listen 127.0.0.1:{http_port};"), ("listen [::]:80;", ""),
            ("listen [::]:443 ssl http2;", ""),
            ("server 127.0.0.1:8001", f"server 127.0.0.1:{upstream_port}"),
            ("/var/lib/eenplan/static/", f"{static_root.rstrip('/')}/"),
            ("server_name eenplan.example.nl;", "server_name 127.0.0.1;"),
            ("proxy_set_header Host $host;", "proxy_set_header Host $http_host;"),  # a port other than 443
        ]:
            assert old in site, old
            site = site.replace(old, new)
        site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{self.port} ssl http2;", 1)
        (tmp / "site.conf").write_text(site)
        temp = " ".join(f"{kind}_temp_path {tmp}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (tmp / "nginx.conf").write_text(
            ""
            # Started as root (CI), nginx's workers would run as "nobody" and not read pytest's private tmp dirs.
            + ("user root;\n" if os.geteuid() == 0 else "")
            + f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\ndaemon off;\nevents {{}}\n"
            f"http {{\n include /etc/nginx/mime.types;\n access_log {tmp}/access.log;\n {temp}\n include {tmp}/site.conf;\n}}\n")
        self.process = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, process=self.process)
        self.url = f"https://127.0.0.1:{self.port}"

    def stop(self):
        stop(self.process)
