"""Every page a role uses is axe-clean (WCAG 2.1 AA) at 1366 px and at 390 px, and never wider than
the phone's screen (issue 11, defect 15).

The pages are generated from the same route enumeration as the route walker: every GET route of the
URL conf with ids from the seeded town, opened as the first role that gets an HTML page (200) for it.
The management pages (`/beheer/`) are included: every page kind (index, app list, change list,
add, change, history, delete, password) once, and the change list and change form of every model.
Failures are screenshotted into test-results/accessibility/.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from eenplan.testing.auth import login_verified
from eenplan.testing.browser import axe_violations, log_in
from eenplan.testing.walker import IdBuilder, all_routes, build_url, seed_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1366, 390)
SHOTS = Path(settings.BASE_DIR) / "test-results" / "accessibility"
# The order in which roles are tried for a page: the involved professional sees most.
ROLE_ORDER = ["professional", "team_lead", "safety_specialist", "front_office", "municipal_officer", "policy",
              "functional_admin", "privacy_officer"]
# Pages not yet clean, with what is wrong (strict: a listed page that is clean fails the test until removed).
KNOWN_FAILURES: dict[str, str] = {}
ADMIN_KIND = re.compile(r"_(changelist|add|change|history|delete)$")


def page_types(town):
    """(route id, url, role) for every GET page some role opens as an HTML page."""
    ids = IdBuilder(town)
    clients = {role: login_verified(Client(), town.users[role]) for role in ROLE_ORDER if role in town.users}
    anonymous = Client()
    seen_admin_kinds = set()
    pages = []
    for route in all_routes():
        if route.is_admin and route.name.startswith("otpadmin:"):
            m = ADMIN_KIND.search(route.name)
            kind = m.group(1) if m else route.name
            if kind in ("add", "history", "delete") or not m:
                if kind in seen_admin_kinds:
                    continue
                seen_admin_kinds.add(kind)
        kwargs = ids.kwargs(route)
        if kwargs is None:
            continue
        url = build_url(route, kwargs)
        for role, client in [(None, anonymous)] + list(clients.items()):
            response = client.get(url)
            # Only whole documents: a fragment an htmx form swaps into its page is checked as part of that page.
            if response.status_code == 200 and "text/html" in response.get("Content-Type", "") and b"<html" in response.content[:500]:
                pages.append((route.id, url, role))
                break
    return pages


def test_every_page_is_accessible_at_desktop_and_phone_width(browser, live_server, transactional_db):
    from eenplan.testing.migration_data import restore_migration_data

    restore_migration_data()
    town = seed_town()
    pages = page_types(town)
    assert len(pages) > 80, pages
    contexts, tabs = {}, {}
    problems, known, clean_known = [], [], []
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for route_id, url, role in pages:
            if role not in tabs:
                contexts[role] = browser.new_context(locale="nl-NL")
                tabs[role] = contexts[role].new_page()
                tabs[role].set_default_timeout(60_000)
                if role is not None:
                    log_in(tabs[role], live_server.url, town.users[role])
            tab = tabs[role]
            for width in WIDTHS:
                tab.set_viewport_size({"width": width, "height": 900})
                tab.goto(live_server.url + url)
                found = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in axe_violations(tab)]
                overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 1:
                    found.append(f"the page is {overflow}px wider than the window")
                if found:
                    name = re.sub(r"[^\w.-]+", "_", route_id)
                    tab.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
                    line = f"{route_id} {url} as {role or 'anonymous'} at {width}px:\n    " + "\n    ".join(found)
                    (known if route_id in KNOWN_FAILURES else problems).append(line)
            if route_id in KNOWN_FAILURES and not any(line.startswith(route_id + " ") for line in known):
                clean_known.append(route_id)
    finally:
        for context in contexts.values():
            context.close()
    print("\n".join(["Known, not yet clean:"] + known))
    assert not problems, f"{len(problems)} page × width failures:\n" + "\n".join(problems)
    assert not clean_known, f"clean now, remove from KNOWN_FAILURES: {clean_known}"
