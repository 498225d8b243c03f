"""Every route × every role (issue 11 'What it must show', issue 12's write attempts).

One walk of a seeded demo town (see `eenplan.testing.walker`) per test run; then one test per
route, so a failure names the route. What is asserted, per route:

- no 5xx, for any role, for GET, an empty POST and a POST of the page's own filled form;
- a refusal is a 403 that wrote a refused access-log row, or (anonymous only) the login redirect;
  a page that is not public never answers an anonymous request with its content;
- every allowed POST of a filled form changed something in the database, or answered a form error
  (listed in test-results/route-walker.md);
- `test_uninvolved_write_changes_nothing`: every POST to a case or household route, by every role
  that is not involved in that case (with the involved professional's valid form), changes 0 rows
  in any table and is logged as a refusal with its client (case, household or person).

Known failures are listed below with who is fixing them; they are strict xfails, so a fix makes
them fail until they are removed from the list.
"""

import difflib
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import resolve

from eenplan.access.decorators import ACCESS_ATTR, PUBLIC
from eenplan.testing.walker import (
    ANONYMOUS,
    CASE_WORKER_NOT_INVOLVED,
    MATRIX_COMMAND,
    ROLES,
    Walker,
    all_routes,
    render_matrix,
    seed_town,
)

# The database is needed by the module's walk; marking the tests makes pytest-django create it.
# The walk is one long fixture (several minutes on a 2-core machine): it gets its own time limit.
pytestmark = [pytest.mark.django_db, pytest.mark.timeout(2400)]
ROUTES = all_routes()
if os.environ.get("WALKER_ONLY"):  # local debugging: walk only the routes whose id matches this regex
    import re

    ROUTES = [r for r in ROUTES if re.search(os.environ["WALKER_ONLY"], r.id)]
MATRIX = Path(settings.BASE_DIR) / "docs" / "route-role-matrix.md"
REPORT = Path(settings.BASE_DIR) / "test-results" / "route-walker.md"

# route id → (owner, what is wrong). Owners are the helpers fixing it right now; empty these lists.
# (Found and fixed since the walker was first run: the 500s of involve and hand over regie (forms); refusals by
# role logged without their client, API refusals not logged, 157 routes (access); management-site and
# vertelpunt refusals without a log row (walker).)
KNOWN_FAILURES: dict[str, tuple[str, str]] = {
}
KNOWN_UNINVOLVED_FAILURES: dict[str, tuple[str, str]] = {
}

# Access the policy gives without involvement, by role and route-name prefix (access/policy.py):
# the team's safety specialist works on the safety records of the team's cases; the team lead opens a
# case of the team with a stated reason (a time-boxed grant, itself logged) and involves colleagues in it; and
# corrects the team's registration by merging two records of one client, or undoing that (ADR 0113).
POLICY_WITHOUT_INVOLVEMENT = {"safety_specialist": ("safety:",),
                              "team_lead": ("cases:open_with_reason", "cases:involve", "people:household_merge",
                                            "people:person_merge", "people:merge_undo")}


def _params(known):
    params = []
    for route in ROUTES:
        marks = []
        if route.id in known:
            owner, what = known[route.id]
            marks.append(pytest.mark.xfail(strict=True, reason=f"known, being fixed by {owner}: {what}"))
        params.append(pytest.param(route, id=route.id, marks=marks))
    return params


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker):
    from eenplan.testing.migration_data import restore_migration_data

    # The town is committed and every request rolls back on its own (see Walker.request); afterwards the
    # database is emptied as after a transactional test, and the data migrations' rows are put back.
    with django_db_blocker.unblock():
        restore_migration_data()
        try:
            result = Walker(seed_town()).walk(ROUTES)
        finally:
            call_command("flush", interactive=False, verbosity=0)
            restore_migration_data()
    _write_report(result)
    return result


def _is_public(route, url) -> bool:
    try:
        view = resolve(url.split("?")[0]).func
    except Exception:
        return False
    return getattr(view, ACCESS_ATTR, None) == PUBLIC


def _refused(r) -> bool:
    # 401: an API route without a token (the partner API, OAuth2 bearer tokens; ADR 0110)
    # (Mijn plan's pages send a visitor who is not logged in to the resident's login page, /mijn-plan/inloggen/.)
    return r.status in (401, 403) or (r.status == 302 and r.location.startswith(("/inloggen/", "/mijn-plan/inloggen/")))


def route_problems(walk, route) -> list[str]:
    url = walk.urls[route.id]
    if url is None:
        return [f"no ids for {route.kwarg_names}: add a source to walker.IdBuilder"]
    problems = []
    public = _is_public(route, url)
    for role in ROLES:
        for method in ("GET", "POST", "POST-form"):
            r = walk.results.get((route.id, role, method))
            if r is None:
                continue
            where = f"{method} {url} as {role}"
            if r.status >= 500:
                problems.append(f"{where}: {r.status} {r.exception}")
                continue
            if r.status in (401, 403) and not r.refusal_logged:
                problems.append(f"{where}: {r.status} without a refused access-log row")
            # (the management site's short links redirect to the page they stand for, which then refuses)
            admin_hop = route.is_admin and r.status == 302 and r.location.startswith("/beheer/")
            if role == ANONYMOUS and not public and not _refused(r) and r.status not in (404, 405) and not admin_hop:
                problems.append(f"{where}: {r.status} for an anonymous request on a non-public page")
            login_page = r.location.startswith("/inloggen/") or "/login/" in r.location
            if role != ANONYMOUS and r.status == 302 and login_page and not route.name.startswith("accounts:") \
                    and not route.name.endswith(":logout"):
                problems.append(f"{where}: a login redirect for a logged-in user (a refusal is a logged 403)")
            if method == "POST-form" and not _refused(r) and r.status not in (404, 405):
                session_only = (route.name.startswith("accounts:") or route.name == "portal:logout") and r.session_changed
                if not (r.changed or r.counts or r.form_error or session_only or r.untouched):
                    problems.append(f"{where}: the filled form ({r.status}) changed nothing and showed no form error")
    return problems


@pytest.mark.parametrize("route", _params(KNOWN_FAILURES))
def test_route(walk, route):
    problems = route_problems(walk, route)
    assert not problems, "\n".join(problems)


def uninvolved_problems(walk, route) -> list[str]:
    url = walk.urls[route.id]
    if url is None or route.client_scope not in ("case", "household"):
        return []
    problems = []
    for role in CASE_WORKER_NOT_INVOLVED:
        for method in ("POST", "POST-form"):
            r = walk.results.get((route.id, role, method))
            if r is None or r.status == 405:
                continue
            where = f"{method} {url} as {role} (not involved)"
            if route.name.startswith(POLICY_WITHOUT_INVOLVEMENT.get(role, ("-",))):
                continue
            if r.changed or r.counts:
                problems.append(f"{where}: {r.status}, changed {sorted(set(r.changed) | set(r.counts))}")
            if not r.refusal_logged:
                problems.append(f"{where}: {r.status}, no refused access-log row")
            elif not all(any(client) for client in r.log_clients):
                problems.append(f"{where}: a refusal logged without its client (case/household/person)")
    return problems


@pytest.mark.parametrize("route", [p for p in _params(KNOWN_UNINVOLVED_FAILURES) if p.values[0].client_scope in ("case", "household")])
def test_uninvolved_write_changes_nothing(walk, route):
    problems = uninvolved_problems(walk, route)
    assert not problems, "\n".join(problems)


def test_walker_reaches_the_whole_product(walk):
    """The walk is not vacuous: ids for every route, forms posted, writes that change the database."""
    assert len(ROUTES) > 150
    missing = [r.id for r in ROUTES if walk.urls[r.id] is None]
    assert not missing, f"no ids for: {missing}"
    filled = [r for (rid, role, m), r in walk.results.items() if m == "POST-form" and role == "professional"]
    changed = [r for r in filled if r.changed]
    assert len(filled) > 60 and len(changed) > 40, (len(filled), len(changed))


def test_matrix_is_current(walk):
    from django.db import connection

    text = render_matrix(walk)
    if os.environ.get("EENPLAN_WRITE_ROUTE_MATRIX"):
        MATRIX.write_text(text, encoding="utf-8")
    current = MATRIX.read_text(encoding="utf-8") if MATRIX.exists() else ""
    if connection.vendor != "sqlite":
        # The file is generated on SQLite. On PostgreSQL the management site has apps of its own (the job
        # queue's admin), so there the app pages are compared and the management rows left out.
        def app_rows(t):
            return [line for line in t.splitlines() if not line.startswith("| `/beheer/") or "| access:" in line]

        current, text = "\n".join(app_rows(current)), "\n".join(app_rows(text))
    diff = "".join(difflib.unified_diff(current.splitlines(True), text.splitlines(True), "committed", "walked", n=0))
    assert current == text, f"docs/route-role-matrix.md is not current. Regenerate it (on SQLite) with:\n  {MATRIX_COMMAND}\n\n{diff[:4000]}"


def _write_report(walk):
    """test-results/route-walker.md: every filled-form POST and what it did (CI keeps it)."""
    lines = ["# Route walker: filled forms", "", "| route | role | status | outcome |", "|---|---|---|---|"]
    for (rid, role, method), r in walk.results.items():
        if method != "POST-form":
            continue
        if r.status >= 500:
            outcome = f"ERROR {r.exception}"
        elif r.form_error:
            outcome = f"form error: {r.form_error}"
        elif r.changed or r.counts:
            outcome = "changed " + ", ".join(f"{t} {n}" for t, n in sorted(r.changed.items()))
        else:
            outcome = "no change"
        lines.append(f"| {rid} | {role} | {r.status} | {outcome.replace('|', '/')} |")
    lines += ["", "# Problems per route", ""]
    for route in walk.routes:
        for problem in route_problems(walk, route) + uninvolved_problems(walk, route):
            lines.append(f"- {route.id}: {problem}")
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (REPORT.parent / "route-role-matrix.md").write_text(render_matrix(walk), encoding="utf-8")  # as walked here
