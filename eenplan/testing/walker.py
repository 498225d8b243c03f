"""The route × role walker: every URL pattern of the URL conf, requested as every role.

Nothing here lists URLs by hand. The routes come from `get_resolver()` (recursively, the
admin included); the ids in them come from a seeded small town (`seed_demo`), chosen by the
*kind* of id a URL kwarg names (`KWARG_SOURCES`, keyed by the route's prefix for `pk`). Every
route is then requested by one user per role in the same team (a professional involved in the
case and one who is not) and anonymously:

- GET;
- POST with an empty body;
- POST with the page's own form filled with valid values (the form is taken from any page the
  role could GET whose `<form action>` is this route; for a role that cannot open the page, the
  involved professional's form is used, so a refusal is tested with a real, valid write).

Every request runs in its own transaction that is rolled back, so each request sees the same town.
While a request runs, every INSERT/UPDATE/DELETE with a row count is recorded per table
(`WriteRecorder`), and the row counts of all models are compared before and after.

`python -m pytest eenplan/testing/tests/test_route_walker.py` runs it; see that module for the
assertions, `docs/route-role-matrix.md` for the generated matrix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Tables whose writes are bookkeeping, not a change of what the system holds.
BOOKKEEPING_TABLES = {"access_accesslogentry", "django_session", "axes_accessattempt", "axes_accesslog",
                      "axes_accessfailurelog", "axes_accessattemptexpiration",
                      "core_submissionkey"}  # a form token: inserted for the request, removed if nothing was saved (ADR 0120)
ANONYMOUS = "anonymous"
RESIDENT = "resident"

def _role_names():
    from eenplan.accounts.models import RoleCode

    names = [ANONYMOUS, "professional", "professional_not_involved"]  # involved in the case, and not
    # RESIDENT: a resident logged in to Mijn plan with DigiD (a person, not a staff user; eenplan.portal).
    return names + [code.value for code in RoleCode if code != RoleCode.PROFESSIONAL] + [RESIDENT]


ROLES = _role_names()
CASE_WORKER_NOT_INVOLVED = [r for r in ROLES if r not in (ANONYMOUS, "professional")]


@dataclass(frozen=True)
class Route:
    pattern: str  # "casussen/<int:pk>/plan/"
    name: str  # "plans:case" (empty for unnamed admin redirects)
    default_kwargs: tuple = ()

    @property
    def id(self) -> str:
        return self.name or f"unnamed:{self.pattern}"

    @property
    def kwarg_names(self) -> list[str]:
        names = re.findall(r"<(?:\w+:)?(\w+)>", self.pattern) + re.findall(r"\(\?P<(\w+)>", self.pattern)
        return [n for n in names if n not in dict(self.default_kwargs)]

    @property
    def is_admin(self) -> bool:
        """A page of the Django admin site (`/beheer/`), not an app's page under that prefix."""
        return self.name.split(":")[0] in ("otpadmin", "admin") or (not self.name and self.pattern.startswith("beheer/"))

    @property
    def client_scope(self) -> str | None:
        """The kind of client record the route is about ("case", "household", "signal") or None."""
        if self.pattern.startswith(("casussen/<int:pk>", "api/v1/cases/<int:pk>")):
            return "case"
        if self.pattern.startswith("huishoudens/<int:pk>"):
            return "household"
        if self.pattern.startswith("intake/signalen/<int:pk>"):
            return "signal"
        return None


def all_routes() -> list[Route]:
    """Every URL pattern of the URL conf, in URL-conf order."""

    def walk(patterns, prefix="", namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
                yield Route(prefix + str(p.pattern), name, tuple(sorted(p.default_args.items())))

    seen, routes = set(), []
    for route in walk(get_resolver().url_patterns):
        if (route.pattern, route.name) not in seen:
            seen.add((route.pattern, route.name))
            routes.append(route)
    return routes


# --- the seeded town ---------------------------------------------------------------------


@dataclass
class Town:
    users: dict  # role → User
    team: object
    case_ids: set = field(default_factory=set)
    resident: object = None  # the Person logged in to Mijn plan (a member of a team case's household)


def seed_town() -> Town:
    """A small demo town (`seed_demo`), plus one user per role in the first team."""
    from django.core.management import call_command
    from django.test import override_settings

    from eenplan.accounts.models import RoleCode
    from eenplan.organisation.models import Team
    from eenplan.testing.factories import UserFactory

    with override_settings(DEBUG=True, EENPLAN_DEMO=True):  # seed_demo refuses outside demo mode; a test database is one
        call_command("seed_demo", households=40, quiet=True, stdout=_Null())
    team = Team.objects.order_by("pk").first()
    from eenplan.access.policy import CASE_WORKER_ROLES

    users = {
        "professional": UserFactory(username="walker-pro", roles=[RoleCode.PROFESSIONAL], team=team),
        "professional_not_involved": UserFactory(username="walker-other", roles=[RoleCode.PROFESSIONAL], team=team),
    }
    for code in RoleCode:
        if code != RoleCode.PROFESSIONAL:  # one user per role; the case workers in the walker's team
            users[code.value] = UserFactory(username=f"walker-{code.value}", roles=[code],
                                            team=team if code in CASE_WORKER_ROLES else None)
    from eenplan.core.models import Notification

    for user in users.values():
        Notification.objects.create(user=user, message="Walker", url="/")
    return Town(users=users, team=team, resident=_seed_resident(team))


def _seed_resident(team):
    """A member of the household of an open team case with a plan that has a resident's action, with a BSN."""
    from eenplan.plans.models import PlanAction

    action = (PlanAction.objects.filter(version__plan__case__team=team, version__plan__case__closed_at__isnull=True,
                                        owner_kind="inwoner").order_by("version__plan__case_id", "pk").first())
    if action is None:
        return None
    member = _m("people.HouseholdMember").objects.filter(household=action.version.plan.case.household_id,
                                                         until__isnull=True).order_by("pk").first()
    person = member.person
    if not person.bsn:
        from stdnum.nl import bsn as stdnum_bsn

        Person = _m("people.Person")
        for n in range(99999001, 99999999):  # the first free test BSN that passes the elfproef
            candidate = next((f"{n:08d}{d}" for d in range(10) if stdnum_bsn.is_valid(f"{n:08d}{d}")), None)
            if candidate and not Person.objects.filter(bsn=candidate).exists():
                person.bsn = candidate
                break
        person.save(update_fields=["bsn"])
    return person


def login_resident(client, person):
    """A client logged in to Mijn plan as `person` (what the DigiD assertion consumer service does)."""
    from eenplan.portal.session import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = {"person": person.pk}
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


# --- ids for URL kwargs --------------------------------------------------------------------
# A source gives, for a candidate case, the value of one kwarg (None: this case has none).


def _first(qs, attr="pk"):
    obj = qs.order_by("pk").first()
    return None if obj is None else getattr(obj, attr)


def _current_version(case):
    from eenplan.plans.models import PlanVersion

    return PlanVersion.objects.filter(plan__case=case).order_by("-number").first()


def _goal(case):
    from eenplan.plans.models import Goal

    version = _current_version(case)
    return version and Goal.objects.filter(version=version, actions__isnull=False, solutions__isnull=False).order_by("pk").first()


def _m(label):
    return apps.get_model(label)


CASE_KWARGS = {
    "person_pk": lambda c: _first(_m("people.HouseholdMember").objects.filter(household=c.household_id), "person_id"),
    "domain": lambda c: _first(_m("assessment.Big5Entry").objects.filter(case=c), "domain"),
    "action_pk@assessment": lambda c: _first(_m("assessment.Big5Action").objects.filter(entry__case=c, done_at__isnull=True)),
    "action_pk@socialmap": lambda c: _first(_m("socialmap.DiscussionAction").objects.filter(discussion__case=c)),
    "member_pk": lambda c: _first(_m("assessment.NetworkMember").objects.filter(case=c, ended_at__isnull=True)),
    "mid": lambda c: _first(_m("followup.EvaluationMoment").objects.filter(case=c, cancelled_at__isnull=True, evaluation__isnull=True)),
    "key@problem": lambda c: (v := _current_version(c)) and _first(_m("plans.ProblemStatement").objects.filter(version=v), "key"),
    "key": lambda c: (g := _goal(c)) and g.key,
    "action_key": lambda c: (g := _goal(c)) and _first(g.actions.all(), "key"),
    "solution_key": lambda c: (g := _goal(c)) and _first(g.solutions.all(), "key"),
    "number": lambda c: (v := _current_version(c)) and v.number,
    "cid": lambda c: _first(_m("safety.SafetyCondition").objects.filter(case=c, ended_at__isnull=True)),
    "partner_pk": lambda c: _first(_m("socialmap.CasePartner").objects.filter(case=c, until__isnull=True)),
    "basis_pk": lambda c: _first(_m("socialmap.SharingBasis").objects.filter(case=c, end__isnull=True)),
    "agreement_pk": lambda c: _first(_m("socialmap.Agreement").objects.filter(case=c, done_on__isnull=True)),
    "request_pk": lambda c: _first(_m("socialmap.TailoredProvisionRequest").objects.filter(case=c)),
    "org_pk": lambda c: _first(_m("socialmap.CasePartner").objects.filter(case=c), "organisation_id"),
}


# Routes that only make sense on a case in a certain state: a filter on Case for the case to walk.
# (Other routes take the richest open case that has every id their kwargs need.)
ROUTE_CASE_STATE = {
    "followup:checkin": {"monitoring_periods__ended_at__isnull": True, "phase": "monitoring"},
    "followup:monitoring_close": {"monitoring_periods__ended_at__isnull": True, "phase": "monitoring"},
    "followup:reopen": {"closed_at__isnull": False},
    "safety:stut_en_steun_check": {"stut_en_steun__ended_at__isnull": False, "stut_en_steun__isnull": False},
    "safety:stut_en_steun_end": {"stut_en_steun__ended_at__isnull": True, "stut_en_steun__isnull": False},
    "safety:meldcode": {"meldcode_trajectories__status": "running"},
    "safety:regie_review": {"regie_takeovers__isnull": False},
}


class IdBuilder:
    """Real ids for a route's kwargs, from the town. The involved professional is made involved
    in every case a route is walked on."""

    def __init__(self, town: Town):
        self.town = town
        Case = _m("cases.Case")
        team_cases = Case.objects.filter(team=town.team).order_by("pk")
        # Richest open case first: a case with a plan, partners and a safety plan serves most routes.
        self.cases = sorted(team_cases, key=lambda c: (c.closed_at is not None, -self._richness(c), c.pk))
        self.cache = {}

    def _richness(self, case):
        score = 0
        for label in ("plans.Plan", "socialmap.CasePartner", "safety.SafetyPlan", "assessment.NetworkMember",
                      "followup.EvaluationMoment", "socialmap.CaseDiscussion", "assessment.Big5Entry"):
            score += _m(label).objects.filter(case=case).exists()
        return score

    def case_kwargs(self, route: Route) -> dict | None:
        names = [n for n in route.kwarg_names if n != "pk"]
        app = route.name.split(":")[0]
        sources = []
        for n in names:
            if f"{n}@{app}" in CASE_KWARGS:
                sources.append((n, CASE_KWARGS[f"{n}@{app}"]))
            elif n == "key" and "probleem" in route.pattern:
                sources.append((n, CASE_KWARGS["key@problem"]))
            elif n in CASE_KWARGS:
                sources.append((n, CASE_KWARGS[n]))
            else:
                return None
        state = ROUTE_CASE_STATE.get(route.name)
        candidates = self.cases
        if state:
            try:
                wanted = set(_m("cases.Case").objects.filter(team=self.town.team, **state).values_list("pk", flat=True))
            except Exception:  # a relation named differently: fall back to the richest case
                wanted = {c.pk for c in self.cases}
            candidates = [c for c in self.cases if c.pk in wanted] or self.cases
        elif not route.name.startswith("followup:"):
            candidates = [c for c in self.cases if c.closed_at is None]
        for case in candidates:
            values = {n: fn(case) for n, fn in sources}
            if all(v is not None for v in values.values()):
                return {"pk": case.pk, **values}
        return None

    def kwargs(self, route: Route) -> dict | None:
        if route.id in self.cache:
            return self.cache[route.id]
        self.cache[route.id] = value = self._kwargs(route)
        if value and route.client_scope == "case":
            self.involve(value["pk"])
        return value

    def involve(self, case_pk):
        Involvement = _m("cases.Involvement")
        pro = self.town.users["professional"]
        if case_pk not in self.town.case_ids:
            from django.utils import timezone

            Involvement.objects.get_or_create(case_id=case_pk, user=pro, until=None, defaults={"since": timezone.now()})
            self.town.case_ids.add(case_pk)

    def _kwargs(self, route: Route) -> dict | None:
        names = route.kwarg_names
        if not names:
            return {}
        p = route.pattern
        if route.client_scope == "case":
            return self.case_kwargs(route)
        if route.client_scope == "household":
            case = self.cases[0]
            if "member_pk" in names:
                self.involve(case.pk)
                return {"pk": case.household_id,
                        "member_pk": _first(_m("people.HouseholdMember").objects.filter(household=case.household_id))}
            if "person_pk" in names:  # a member of the household (the merge page of a person)
                self.involve(case.pk)
                return {"pk": case.household_id,
                        "person_pk": _first(_m("people.HouseholdMember").objects.filter(household=case.household_id), "person_id")}
            if route.name == "people:case_open":
                # A household of the team without an open case (issue 12, hole 1).
                Household = _m("people.Household")
                hh = Household.objects.filter(wijk__teams=self.town.team).exclude(cases__closed_at__isnull=True).order_by("pk").first()
                if hh is not None:
                    return {"pk": hh.pk}
            self.involve(case.pk)
            return {"pk": case.household_id}
        if route.client_scope == "signal":
            Signal = _m("intake.Signal")
            open_signal = Signal.objects.filter(team=self.town.team, case__isnull=True, status="open")
            return {"pk": _first(open_signal) or _first(Signal.objects.filter(team=self.town.team))}
        if p.startswith("mijn-plan/"):
            # Mijn plan: an action the resident answers for, in their household's current plan.
            from eenplan.access.policy import resident_case
            from eenplan.portal.services import resident_action

            case = resident_case(self.town.resident)
            plan = _m("plans.Plan").objects.filter(case=case).first()
            if names == ["number"]:  # a plan version's PDF (Mijn plan: documents): one the household has
                from eenplan.portal.selectors import documents_of

                documents = documents_of(case) if case else []
                return {"number": documents[0].number} if documents else ({"number": plan.current_number} if plan else None)
            action = plan and _m("plans.PlanAction").objects.filter(
                version__plan=plan, version__number=plan.current_number, owner_kind="inwoner").order_by("pk").first()
            return {"action_key": action.key} if action and resident_action(case, action.key) else None
        if p.startswith("privacy/inzage/"):
            case = self.cases[0]
            return {"pk": _first(_m("people.HouseholdMember").objects.filter(household=case.household_id), "person_id")}
        if p.startswith("beheer/werking/accounts/"):
            return {"pk": self.town.users["professional"].pk}
        if p.startswith("meldingen/"):
            return {"pk": _first(_m("core.Notification").objects.filter(user=self.town.users["professional"]))}
        if p.startswith("inzicht/vertelpunten/"):
            return {"pk": _first(_m("insights.Vertelpunt").objects.filter(team=self.town.team))}
        if p.startswith("inzicht/"):
            from eenplan.insights.framework import REGISTRY

            values = {}
            for n in names:
                if n == "ident":
                    values[n] = self.town.team.pk if "<int:ident>" in p else self.town.team.wijken.order_by("pk").first().code
                elif n == "key":
                    values[n] = sorted(REGISTRY)[0]
            return values
        if p.startswith("api/v1/partners/"):  # the partner API (eenplan/partners): a record of the walker's team
            model = {"agreements": "socialmap.Agreement", "provision-requests": "socialmap.TailoredProvisionRequest",
                     "abonnementen": "partners.Subscription", "cases": "cases.Case"}[p.split("/")[3]]
            if model == "partners.Subscription":  # a partner system's own, not a case's: any (the walker calls without a token)
                return {"pk": _first(_m(model).objects.all()) or 999999}
            if model == "cases.Case":  # the contact-person route: a case of the walker's team
                return {"pk": _first(_m(model).objects.filter(team=self.town.team))}
            return {"pk": _first(_m(model).objects.filter(case__team=self.town.team))}
        if route.is_admin:
            return self._admin_kwargs(route)
        return None

    def _admin_kwargs(self, route: Route) -> dict | None:
        values = {}
        for n in route.kwarg_names:
            if n == "app_label":
                values[n] = re.search(r"\(\?P<app_label>([\w]+)", route.pattern).group(1)
            elif n == "url":
                values[n] = "bestaat-niet/"
            elif n in ("object_id", "id", "pk"):
                m = re.match(r"beheer/(\w+)/(\w+)/", route.pattern)
                try:
                    model = apps.get_model(m.group(1), m.group(2)) if m else None
                except LookupError:  # a management page of its own, not a model's
                    model = None
                pk = _first(model.objects.all()) if model else None
                if model is not None and model._meta.label == "accounts.User":
                    pk = self.town.users["professional"].pk
                values[n] = pk if pk is not None else 999999
            elif n == "content_type_id":
                from django.contrib.contenttypes.models import ContentType

                values[n] = ContentType.objects.get_for_model(_m("organisation.Team")).pk
            else:
                return None
        if "content_type_id" in values:
            values["object_id"] = self.town.team.pk
        return values


def build_url(route: Route, kwargs: dict) -> str:
    path = route.pattern
    for name, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
        path = re.sub(rf"\(\?P<{name}>[^)]*\)", str(value), path)
    path = path.replace("^", "").replace("$", "")
    return "/" + path


# --- recording writes ----------------------------------------------------------------------

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)


class WriteRecorder:
    """Rows inserted, updated or deleted per table while it is active (connection.execute_wrapper)."""

    def __init__(self):
        self.rows: dict[str, int] = {}

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        m = _WRITE.match(sql)
        if m:
            count = getattr(context["cursor"], "rowcount", 1)
            if count is None or count < 0 or (count == 0 and sql.lstrip()[:6].upper() == "INSERT"):
                count = 1  # INSERT … RETURNING reports its rows only once they are fetched
            if count:
                table = m.group(1).lower()
                self.rows[table] = self.rows.get(table, 0) + count
        return result

    def changed_tables(self) -> dict[str, int]:
        return {t: n for t, n in self.rows.items() if t not in BOOKKEEPING_TABLES}


def _tables():
    tables = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.append(model._meta.db_table)
    return sorted(set(tables))


def row_counts() -> dict[str, int]:
    """Row counts of every model's table, in one query."""
    tables = _tables()
    qn = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone()))


def count_diff(before, after, ignore=BOOKKEEPING_TABLES):
    return {t: after[t] - before[t] for t in before if after[t] != before[t] and t not in ignore}


# --- forms ---------------------------------------------------------------------------------


@dataclass
class Form:
    action: str  # absolute path, with any query string
    method: str
    fields: list = field(default_factory=list)  # (kind, name, attrs, options)
    page: str = ""


class FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form = None
        self.select = None
        self.textarea = None
        self.hidden = None  # [tag, depth] of an element hidden from people (a honeypot's container)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if self.hidden is not None:
            if tag == self.hidden[0]:
                self.hidden[1] += 1
            return
        if tag not in ("input", "form") and ("hidden" in a or a.get("aria-hidden") == "true"):
            self.hidden = [tag, 1]
            return
        if tag == "form":
            action = urljoin(self.page_url, a.get("action") or self.page_url)
            split = urlsplit(action)
            self.form = Form(action=split.path + (f"?{split.query}" if split.query else ""), method=a.get("method", "get").lower(),
                             page=self.page_url)
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input":
            self.form.fields.append(("input", a.get("name", ""), a, None))
        elif tag == "button":
            self.form.fields.append(("button", a.get("name", ""), a, None))
        elif tag == "select":
            self.select = ("select", a.get("name", ""), a, [])
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select[3].append(a)
        elif tag == "textarea":
            self.textarea = ["textarea", a.get("name", ""), a, ""]
            self.form.fields.append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[3] += data
        elif self.select is not None and self.select[3] and "value" not in self.select[3][-1]:
            self.select[3][-1]["_text"] = self.select[3][-1].get("_text", "") + data

    def handle_endtag(self, tag):
        if self.hidden is not None:
            if tag == self.hidden[0]:
                self.hidden[1] -= 1
                if self.hidden[1] == 0:
                    self.hidden = None
            return
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def parse_forms(html: str, page_url: str) -> list[Form]:
    parser = FormParser(page_url)
    parser.feed(html)
    return [f for f in parser.forms if f.method == "post"]


def _text_value(name: str, attrs: dict) -> str:
    n = name.lower()
    kind = attrs.get("type", "text").lower()
    today = date.today()
    if kind == "date":
        return today.isoformat()
    if kind == "datetime-local":
        return f"{today.isoformat()}T10:00"
    if re.fullmatch(r"(dd|DD)[-/.](mm|MM)[-/.](yyyy|jjjj|JJJJ|YYYY)", attrs.get("placeholder", "")):
        return today.strftime("%d-%m-%Y")  # core.forms.DateInput: a text box for a date
    if kind == "time" or "vTimeField" in attrs.get("class", ""):
        return "10:00"
    if "vDateField" in attrs.get("class", ""):
        return today.strftime("%d-%m-%Y")
    if kind == "number":
        return attrs.get("min") or "1"
    if kind == "email" or "email" in n:
        return "walker@voorbeeld.example"
    if kind == "url":
        return "https://voorbeeld.example/"
    if kind == "password":
        return "correct horse battery staple"
    if "postcode" in n:
        return "3511 AB"
    if "house_number" in n and "addition" not in n:
        return "12"
    if "phone" in n or "telefoon" in n:
        return "0612345678"
    if "bsn" in n:
        return ""
    if "birth" in n or "geboorte" in n:
        return "17-05-1980"
    if n.endswith("code") or n.endswith("_code"):
        return "walker"
    maxlength = int(attrs.get("maxlength") or 200)
    return "Walker: ingevuld door de route-walker."[:maxlength]


def fill(form: Form) -> dict:
    """Valid values for a form, the way a person would fill it: keep what is there, pick the first
    option, tick the first box, a date, a sentence of text."""
    data: dict[str, list[str]] = {}
    checked_groups = set()
    submit = None
    form.supplied = 0  # how many values the walker added to what the page already held
    for kind, name, attrs, extra in form.fields:
        if not name or "disabled" in attrs:
            if kind in ("input", "button") and attrs.get("type", "submit" if kind == "button" else "text") == "submit" and submit is None:
                submit = ""  # an unnamed submit: nothing to send
            continue
        if kind == "button" or (kind == "input" and attrs.get("type") == "submit"):
            if attrs.get("type", "submit") == "submit" and submit is None:
                submit = name
                data.setdefault(name, []).append(attrs.get("value", ""))
            continue
        if kind == "select":
            options = [o for o in extra if "disabled" not in o]
            chosen = [o for o in options if "selected" in o and o.get("value", o.get("_text", "")).strip()]
            if not chosen:
                chosen = [o for o in options if o.get("value", o.get("_text", "")).strip()][:1]
                form.supplied += bool(chosen)
            for o in chosen[: (None if "multiple" in attrs else 1)]:
                data.setdefault(name, []).append(o.get("value", o.get("_text", "").strip()))
            continue
        if kind == "textarea":
            data.setdefault(name, []).append(extra.strip() or "Walker: een toelichting, ingevuld door de route-walker.")
            form.supplied += not extra.strip()
            continue
        kind_attr = attrs.get("type", "text").lower()
        if kind_attr in ("checkbox", "radio"):
            if "checked" in attrs:
                data.setdefault(name, []).append(attrs.get("value", "on"))
                checked_groups.add(name)
            continue
        if kind_attr in ("file", "reset", "image", "button"):
            continue
        value = attrs.get("value", "")
        if not value and kind_attr != "hidden":
            value = _text_value(name, attrs)
            form.supplied += bool(value)
        data.setdefault(name, []).append(value)
    for kind, name, attrs, _extra in form.fields:  # tick the first of each unticked group
        if kind == "input" and attrs.get("type", "").lower() in ("checkbox", "radio") and name and name not in checked_groups:
            if "disabled" in attrs or name.endswith("DELETE"):
                continue
            checked_groups.add(name)
            data.setdefault(name, []).append(attrs.get("value", "on"))
            form.supplied += 1
    return data


def has_form_error(html: str) -> bool:
    return bool(re.search(r'class="[^"]*delete-confirmation|aria-invalid="true"|class="[^"]*errorlist|class="[^"]*error-message|role="alert"|name="post" value="yes"|<li class="(?:warning|error)">', html))


def form_errors(html: str) -> str:
    if 'name="post" value="yes"' in html or re.search(r'class="[^"]*delete-confirmation', html):
        return "asks to confirm (or names what protects the record)"
    admin_message = re.search(r'<li class="(?:warning|error)">([^<]{1,200})', html)  # the management pages' messages
    if admin_message:
        return admin_message.group(1).strip()
    found = []
    for block in re.findall(r'<(?:div|ul|p)[^>]*(?:errorlist|error-message|role="alert")[^>]*>(.{0,600}?)</(?:div|ul)>', html, re.S):
        text = re.sub(r"<[^>]+>", " ", block)
        found.append(" ".join(text.split()))
    return "; ".join(dict.fromkeys(f for f in found if f))[:300]


# --- the walk ------------------------------------------------------------------------------


@dataclass
class Result:
    status: int
    location: str = ""
    refusal_logged: bool = False  # a refused access-log row was written during the request
    log_clients: list = field(default_factory=list)  # (case_id, household_id, person_id) of refused rows
    changed: dict = field(default_factory=dict)  # table → rows written (bookkeeping excluded)
    counts: dict = field(default_factory=dict)  # table → row count difference
    form_error: str | None = None  # for a filled form answered with errors
    exception: str = ""
    filled: bool = False
    session_changed: bool = False
    untouched: bool = False  # the form was sent as the page held it (an edit form with nothing changed)


@dataclass
class Walk:
    routes: list
    urls: dict  # route id → url (None: no id could be built)
    results: dict  # (route id, role, method) → Result; method in GET, POST, POST-form
    town: Town = None


def _login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(("/inloggen/", str(settings.LOGIN_URL)))


class Walker:
    def __init__(self, town: Town):
        from eenplan.access.models import AccessLogEntry
        from eenplan.testing.auth import login_verified

        self.town = town
        self.AccessLogEntry = AccessLogEntry
        self.clients = {ANONYMOUS: Client(raise_request_exception=False)}
        self._login = login_verified
        for role, user in town.users.items():
            self.clients[role] = login_verified(Client(raise_request_exception=False), user)
        self.clients[RESIDENT] = login_resident(Client(raise_request_exception=False), town.resident)
        self.sessions = {r: c.cookies.get(settings.SESSION_COOKIE_NAME) for r, c in self.clients.items()}
        self.sessions = {r: (m.value if m else None) for r, m in self.sessions.items()}
        self.forms: dict[str, dict[str, Form]] = {r: {} for r in self.clients}

    def _keep_logged_in(self, role):
        if role == ANONYMOUS:
            self.clients[role].cookies.clear()
            return
        from django.contrib.sessions.models import Session
        from django.utils import timezone

        client = self.clients[role]
        key = self.sessions[role]
        # Every request is rolled back, the session's renewed expiry too: log in again once it ran out.
        fresh = timezone.now() + timedelta(minutes=5)  # a margin: the role's next request comes a while later
        if not Session.objects.filter(session_key=key, expire_date__gt=fresh).exists():
            if role == RESIDENT:
                login_resident(client, self.town.resident)
            else:
                self._login(client, self.town.users[role])
            self.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        else:
            client.cookies[settings.SESSION_COOKIE_NAME] = key

    def request(self, role, method, url, data=None, count_rows=False) -> Result:
        client = self.clients[role]
        recorder = WriteRecorder()
        last_log = self.AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        # Its own transaction, rolled back (a savepoint when the walk itself runs inside one). The walk
        # runs with the town committed, so thousands of requests do not pile up subtransactions in one
        # PostgreSQL transaction (past its subtransaction cache every row check slows down).
        block = transaction.atomic()
        block.__enter__()
        try:
            before = row_counts() if count_rows else None
            with connection.execute_wrapper(recorder):
                if method == "GET":
                    response = client.get(url)
                else:
                    response = client.post(url, data or {})
            refused = list(self.AccessLogEntry.objects.filter(pk__gt=last_log, outcome="refused")
                           .values_list("case_id", "household_id", "person_id"))
            result = Result(status=response.status_code, location=response.get("Location", ""),
                            refusal_logged=bool(refused), log_clients=refused, changed=recorder.changed_tables(),
                            session_changed="django_session" in recorder.rows)
            if before is not None:
                result.counts = count_diff(before, row_counts())
            exc = getattr(response, "exc_info", None)
            if exc:
                result.exception = f"{exc[0].__name__}: {str(exc[1])[:200]}"
            if method == "GET" and response.status_code == 200 and "html" in response.get("Content-Type", ""):
                html = response.content.decode("utf-8", "replace")
                for form in parse_forms(html, url):
                    self.forms[role].setdefault(urlsplit(form.action).path, form)
            if method == "POST-form":
                result.filled = True
                if response.status_code in (200, 400, 422) and "html" in response.get("Content-Type", ""):
                    html = response.content.decode("utf-8", "replace")
                    if has_form_error(html):
                        result.form_error = form_errors(html) or "(form error)"
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)
            self._keep_logged_in(role)
            for cache in caches.all():  # rate limits and the like: each request starts from the same state
                cache.clear()
        return result

    def form_for(self, role, path) -> Form | None:
        return self.forms[role].get(path) or (self.forms["professional"].get(path) if role != "professional" else None)

    def harvest(self, routes, urls, ids):
        """The involved professional opens the tabs of every case a route is walked on, so the forms
        of a case in a particular state (waakvlam, stut en steun, closed) are known too."""
        walked = {urls[r.id] for r in routes if urls.get(r.id)}
        tabs = [r for r in routes if r.client_scope == "case" and r.kwarg_names == ["pk"] and not r.pattern.startswith("api/")]
        for case_pk in sorted(self.town.case_ids):
            for route in tabs:
                url = build_url(route, {"pk": case_pk})
                if url not in walked:
                    self.request("professional", "GET", url)

    def walk(self, routes: list[Route]) -> Walk:
        ids = IdBuilder(self.town)
        urls = {}
        for route in routes:
            kwargs = ids.kwargs(route)
            urls[route.id] = None if kwargs is None else build_url(route, kwargs)
        self.harvest(routes, urls, ids)
        results = {}
        # GETs first, so every role's forms are known before anything is posted. GETs are rolled
        # back too (a page that writes on GET must not change what later requests see).
        for route in routes:
            url = urls[route.id]
            if url is None:
                continue
            for role in ROLES:
                results[(route.id, role, "GET")] = self.request(role, "GET", url)
        for route in routes:
            url = urls[route.id]
            if url is None:
                continue
            path = urlsplit(url).path
            for role in ROLES:
                # Issue 12: a write attempt on someone else's case or household changes no row anywhere.
                count = route.client_scope in ("case", "household") and role in CASE_WORKER_NOT_INVOLVED
                results[(route.id, role, "POST")] = self.request(role, "POST", url, count_rows=count)
                form = self.form_for(role, path) if role != ANONYMOUS and not (route.is_admin and role != "functional_admin") else None
                if form is not None:
                    data = fill(form)
                    result = self.request(role, "POST-form", form.action, data, count_rows=count)
                    result.untouched = form.supplied == 0
                    results[(route.id, role, "POST-form")] = result
        return Walk(routes=routes, urls=urls, results=results, town=self.town)


# --- the matrix ----------------------------------------------------------------------------

MATRIX_COMMAND = "EENPLAN_WRITE_ROUTE_MATRIX=1 python -m pytest eenplan/testing/tests/test_route_walker.py -q"
ROLE_HEADERS = {
    ANONYMOUS: "anon",
    "professional": "pro (involved)",
    "professional_not_involved": "pro (not involved)",
    "team_lead": "team lead",
    "safety_specialist": "safety",
    "front_office": "front office",
    "municipal_officer": "officer",
    "policy": "policy",
    "functional_admin": "admin",
    "privacy_officer": "privacy",
    RESIDENT: "resident",
}


def _cell(result: Result | None) -> str:
    if result is None:
        return "–"
    if result.status == 302:
        if result.location.startswith(("/inloggen/", "/mijn-plan/inloggen/")):
            return "login"
        return "302"
    return str(result.status)


def render_matrix(walk: Walk) -> str:
    lines = [
        "# Route × role matrix (generated)",
        "",
        "<!-- Generated by the route walker; do not edit. Regenerate with:",
        f"     {MATRIX_COMMAND} -->",
        "",
        "The HTTP status of a GET of every URL pattern in the URL conf, per role, on a case (household,",
        "signal, …) of the walker's team in a seeded demo town. `pro (involved)` is involved in the case;",
        "every other role is not. `login` is the redirect to the login page; `302` another redirect;",
        "`405` a route that only takes POST; `–` a route the walker could build no id for.",
        "What else the walker asserts (POST empty and with a filled form, the access log, the database)",
        "is in `eenplan/testing/tests/test_route_walker.py`.",
        "",
        "| route | name | " + " | ".join(ROLE_HEADERS.get(r, r) for r in ROLES) + " |",
        "|---|---|" + "---|" * len(ROLES),
    ]
    for route in walk.routes:
        cells = [_cell(walk.results.get((route.id, role, "GET"))) for role in ROLES]
        lines.append(f"| `/{route.pattern}` | {route.name or '–'} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
