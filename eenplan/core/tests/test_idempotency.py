"""Every form that creates something carries a one-time token; sending it twice creates once (ADR 0120).

The forms are not listed by hand as HTML: a seeded demo town (the route walker's, eenplan/testing/walker.py)
is opened as the roles that write, every page's forms are collected, and each is filled and posted the way
the walker does. `CREATE_ROUTES` names the routes whose form creates a record; for each, the same filled
form (same token) is posted twice: the first creates rows, the second creates none and answers with the
same redirect. `test_every_form_that_creates_is_listed_and_carries_the_token` posts every other form once,
so a new create form without the token (or missing from the list) fails here.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.urls import resolve

from eenplan.core.idempotency import FIELD, new_token
from eenplan.testing.walker import IdBuilder, Walker, all_routes, build_url, count_diff, fill, row_counts, seed_town

pytestmark = pytest.mark.django_db

# Routes whose filled form creates a record, by what it creates.
CREATE_ROUTES = {
    "people:household_create": "household", "people:member_add": "person in a household",
"intake:signal_new": "signal", "intake:attempt": "contact attempt",
    "intake:triage": "triage decision (and case)", "assessment:measure": "ZRM measurement",
    "assessment:participation": "participation ladder score", "assessment:strength": "strength",
    "assessment:network": "network member", "assessment:question": "question", "assessment:big5_action": "Big 5 action",
    "socialmap:partner_add": "case partner", "socialmap:sharing_add": "sharing basis", "socialmap:agreement_add": "agreement",
    "socialmap:request_add": "maatwerk request", "socialmap:discussion_new": "case discussion",
    "socialmap:discussion_anonymous": "anonymous case discussion",
    "plans:problem_add": "plan version (problem)", "plans:goal_add": "plan version (goal)",
    "plans:action_add": "plan version (action)", "plans:solution_add": "plan version (solution)",
    "safety:meldcode_start": "meldcode procedure", "safety:meldcode": "meldcode step/decision",
    "safety:set_status": "safety assessment", "followup:evaluate": "evaluation", "followup:moment_plan": "evaluation moment",
    "followup:checkin": "waakvlam check-in", "insights:vertelpunt_new": "vertelpunt",
}
# Forms that post without the token, and why.
WITHOUT_TOKEN = {
    "accounts/login.html": "logging in creates a session only; a resend logs in again",
    "accounts/verify.html": "a second-factor code is itself one-time",
    "accounts/enrol.html": "confirming an app: the code is one-time",
    "core/templates/base.html": "logging out",
    "portal/templates/portal/base.html": "logging out of Mijn plan",
    "portal/templates/portal/invitation.html": "an invitation's code is itself one-time (like the second factor)",
    "oidc_provider/templates/registration/login.html": "the test identity provider",
    "intake/public_form.html": "its own one-time token from eenplan.core.idempotency, kept on the signal (ADR 0012)",
}
WRITER_ROLES = ["professional", "team_lead", "safety_specialist", "front_office", "municipal_officer", "policy",
                "functional_admin", "privacy_officer"]


def test_every_post_form_template_carries_the_token():
    missing = []
    for path in sorted(Path(settings.BASE_DIR, "eenplan").rglob("*.html")):
        text = path.read_text()
        rel = str(path)
        if any(rel.endswith(name) for name in WITHOUT_TOKEN):
            continue
        for form in re.findall(r"<form\b[^>]*>.*?</form>", text, flags=re.S | re.I):
            if re.search(r'method="post"', form, re.I) and "{% form_token %}" not in form:
                missing.append(rel)
    assert missing == []


@pytest.fixture(scope="module")
def town_forms(django_db_setup, django_db_blocker):
    """The seeded town stays for the module (rolled back at the end); each test posts in a savepoint."""
    from eenplan.testing.migration_data import restore_migration_data

    with django_db_blocker.unblock():
        with transaction.atomic():
            restore_migration_data()
            walker = Walker(seed_town())
            ids = IdBuilder(walker.town)
            routes = [r for r in all_routes() if not r.is_admin and not r.pattern.startswith("api/")]
            urls = {r.id: build_url(r, k) for r in routes if (k := ids.kwargs(r)) is not None}
            walker.harvest(routes, urls, ids)
            by_id = {r.id: r for r in routes}
            for role in WRITER_ROLES:  # the involved professional opens every page; the others their own lists
                for rid, url in urls.items():
                    route = by_id[rid]
                    if role == "professional" or route.client_scope is None or (
                            role == "safety_specialist" and rid.startswith("safety:")):
                        walker.request(role, "GET", url)
            yield walker
            transaction.set_rollback(True)


def _forms(walker):
    """(route name, role, form) of every collected form, the first role that had it."""
    seen = {}
    for role in WRITER_ROLES:
        for path, form in walker.forms[role].items():
            try:
                name = resolve(path).view_name
            except Exception:
                continue
            seen.setdefault(name, (role, form))
    return seen


def _filled(name, form):
    """The walker's filling, plus what a person adds where 'first option' is not a valid answer."""
    import datetime

    data = fill(form)
    names = [f[1] for f in form.fields if f[1]]
    if name == "assessment:measure":  # score one domain (all start 'not scored')
        data[next(n for n in names if "score_" in n)] = ["3"]
    if name == "safety:meldcode" and "decide-decision" in names:  # the decision the framework's answers lead to
        from eenplan.safety.models import Decision
        from eenplan.safety.services import framework_outcome

        answers = {int(n[len("decide-q"):]): data[n][0] for n in names if re.fullmatch(r"decide-q\d+", n) and n in data}
        decision = {"none": Decision.NO_SUSPICION, "report": Decision.REPORT}.get(framework_outcome(answers), Decision.HELP)
        data["decide-decision"] = [decision.value]
        if decision == Decision.REPORT:
            data["decide-reported_on"] = [datetime.date.today().isoformat()]
    if name == "followup:evaluate":  # the next evaluation after today
        data[next(n for n in names if n.endswith("next_due_on"))] = [
            (datetime.date.today() + datetime.timedelta(days=30)).isoformat()]
    return data


def _post_twice(walker, role, form, times=2, name=""):
    client = walker.clients[role]
    data = _filled(name, form)
    sid = transaction.savepoint()
    try:
        answers, created = [], []
        for _ in range(times):
            before = row_counts()
            response = client.post(form.action, data)
            answers.append((response.status_code, response.get("Location", "")))
            if response.status_code == 400:
                from eenplan.testing.walker import form_errors
                answers.append(form_errors(response.content.decode()))
            created.append({t: n for t, n in count_diff(before, row_counts()).items() if n > 0 and t != "core_submissionkey"})
            for cache in caches.all():
                cache.clear()
        return data, answers, created
    finally:
        transaction.savepoint_rollback(sid)
        walker._keep_logged_in(role)


@pytest.mark.parametrize("route_name", sorted(CREATE_ROUTES))
def test_a_create_form_sent_twice_creates_once(town_forms, route_name):
    forms = _forms(town_forms)
    assert route_name in forms, f"no form posting to {route_name} found on any page"
    role, form = forms[route_name]
    data, answers, created = _post_twice(town_forms, role, form, name=route_name)
    assert data.get(FIELD), f"the form of {route_name} has no {FIELD}"
    assert created[0], f"the filled form of {route_name} created nothing: {answers}"
    assert created[1] == {}, f"the resend created {created[1]}"
    assert answers[1][0] in (302, 303) and answers[1][1] == answers[0][1], answers


def test_every_form_that_creates_is_listed_and_carries_the_token(town_forms):
    problems = []
    for name, (role, form) in sorted(_forms(town_forms).items()):
        if name in CREATE_ROUTES or name == "intake:public_form":
            continue
        data, answers, created = _post_twice(town_forms, role, form, times=2 if any(f[1] == FIELD for f in form.fields) else 1)
        if created[0] and not data.get(FIELD):
            problems.append(f"{name}: creates {created[0]} without a {FIELD}")
        if len(created) > 1 and created[1]:
            problems.append(f"{name}: a resend created {created[1]}")
    assert problems == []


def test_a_form_error_keeps_the_token_usable(client, django_user_model):
    """Nothing saved (a form error): the corrected form can be sent with the same token."""
    from eenplan.accounts.models import RoleCode
    from eenplan.core.models import SubmissionKey
    from eenplan.testing.auth import login_verified
    from eenplan.testing.factories import UserFactory

    user = UserFactory(roles=[RoleCode.PROFESSIONAL])
    login_verified(client, user)
    token = new_token()
    response = client.post("/huishoudens/nieuw/", {FIELD: token})
    assert response.status_code in (200, 400)
    assert not SubmissionKey.objects.filter(token=token).exists()


def test_a_malformed_token_is_refused_without_running_the_view(client):
    response = client.post("/aanmelden/", {FIELD: "x"})
    assert response.status_code == 400


def test_another_users_token_is_not_replayed(client):
    from eenplan.accounts.models import RoleCode
    from eenplan.core.models import SubmissionKey
    from eenplan.testing.auth import login_verified
    from eenplan.testing.factories import UserFactory

    owner = UserFactory(roles=[RoleCode.PROFESSIONAL])
    SubmissionKey.objects.create(token="a" * 32, user=owner, path="/huishoudens/nieuw/", location="/huishoudens/1/")
    login_verified(client, UserFactory(roles=[RoleCode.PROFESSIONAL]))
    response = client.post("/huishoudens/nieuw/", {FIELD: "a" * 32})
    assert response.status_code == 400


def test_the_way_to_the_login_page_keeps_the_token_usable(client):
    """An expired session answers a POST with the login page; after logging in the same form (token) saves."""
    from eenplan.core.models import SubmissionKey

    token = new_token()
    response = client.post("/huishoudens/nieuw/", {FIELD: token})
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    assert not SubmissionKey.objects.filter(token=token).exists()
