"""The production path as an operator runs it: collectstatic, gunicorn, PostgreSQL, Redis (docs/operations.md)."""

import os
import re
from pathlib import Path

import pytest
from django_otp.oath import totp

from eenplan.testing.servers import SiteClient

from .conftest import PROFESSIONAL_KEY

pytestmark = pytest.mark.production


def current_code() -> str:
    return f"{totp(bytes.fromhex(PROFESSIONAL_KEY)):06d}"


def test_gunicorn_serves_the_login_page_with_collected_static_files(production_site):
    client = SiteClient(production_site.base_url)
    page = client.get("/inloggen/")
    assert page.status_code == 200
    assert "Inloggen" in page.text
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', page.text)
    assert stylesheets, "the login page links its stylesheets"
    for href in stylesheets:
        assert re.search(r"\.[0-9a-f]{12}\.css$", href), f"{href} is not a hashed (manifest) name"
        css = client.get(href)
        assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")


def test_a_professional_logs_in_with_both_factors_and_sees_the_caseload(production_site):
    client = SiteClient(production_site.base_url)
    client.get("/inloggen/")
    step1 = client.post("/inloggen/", {"username": "prod-anna", "password": "correct horse battery staple"})
    assert step1.status_code == 302 and "/inloggen/code/" in step1.headers["Location"]
    step2 = client.post("/inloggen/code/", {"token": current_code()})
    assert step2.status_code == 302, step2.text[:500]
    caseload = client.get("/caseload/")
    assert caseload.status_code == 200
    assert "Anna" in caseload.text


def test_debug_is_off_and_unknown_pages_are_plain_404s(production_site):
    client = SiteClient(production_site.base_url)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Traceback" not in response.text and "DEBUG" not in response.text


def test_the_demo_app_is_not_installed_in_production(production_site):
    commands = production_site.manage("help", "--commands").stdout.split()
    assert "migrate" in commands
    assert "seed_demo" not in commands and "demo_totp" not in commands


def test_http_access_log_is_separate_and_joins_the_application_log_by_request_id(production_site):
    client = SiteClient(production_site.base_url)
    response = client.get("/inloggen/?q=Henk+Bos")
    request_id = response.headers["X-Request-ID"]
    access_log = (production_site.tmp / "http-access.log").read_text()
    line = next(line for line in access_log.splitlines() if f"rid={request_id}" in line)
    assert '"GET /inloggen/ HTTP/1.1" 200' in line
    assert "Henk" not in access_log  # no query strings: search terms may be personal data


def test_nginx_with_the_shipped_config_serves_static_files_itself_and_proxies_the_rest(production_site, tmp_path):
    import requests

    from eenplan.testing.servers import Nginx

    nginx = Nginx(tmp_path, upstream_port=production_site.port, static_root=str(production_site.tmp / "static"))
    gunicorn_log = production_site.tmp / "http-access.log"
    before = len(gunicorn_log.read_text())
    try:
        login = requests.get(f"{nginx.url}/inloggen/", verify=False, timeout=30)
        assert login.status_code == 200 and "Inloggen" in login.text
        assert login.headers["X-Request-ID"] and "Strict-Transport-Security" in login.headers
        href = re.search(r'href="(/static/[^"]+\.css)"', login.text).group(1)
        css = requests.get(f"{nginx.url}{href}", verify=False, timeout=30)
        assert css.status_code == 200, (css.status_code, (tmp_path / "error.log").read_text()[-500:])
        assert "immutable" in css.headers["Cache-Control"] and css.headers["Server"].startswith("nginx")
        served_by_gunicorn = gunicorn_log.read_text()[before:]
        assert href not in served_by_gunicorn  # the static file came from nginx, not from the app
        assert "GET /inloggen/" in served_by_gunicorn
    finally:
        nginx.stop()


def established_connections(pid: int) -> list[str]:
    """The established TCP connections a process holds (from /proc: its sockets' inodes against the TCP tables)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd) if fd.is_symlink() else ""
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    held = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in open(table).read().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "01" and fields[9] in inodes:  # 01: ESTABLISHED
                held.append(fields[2])
    return held


def test_the_preloaded_master_shares_no_connection_with_its_workers(production_site):
    """gunicorn imports the app in its master and forks the workers from it (deploy/gunicorn.conf.py,
    preload_app): the master must not hold a database or Redis connection, or the workers would share it."""
    client = SiteClient(production_site.base_url)
    for _ in range(4):  # both workers asked, most likely: readiness reads the database and the cache
        ready = client.get("/ready/")
        assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "cache": "ok", "migrations": "ok"}
    master = production_site.gunicorn.pid
    workers = [int(stat.parent.name) for stat in Path("/proc").glob("[0-9]*/stat")
               if stat.read_text().rsplit(")", 1)[1].split()[1] == str(master)]
    assert workers, "gunicorn has workers"
    assert any(established_connections(pid) for pid in workers), "a worker holds its database connection"
    assert established_connections(master) == []
