"""The bulk city generator (eenplan/demo/city.py) at a small size: valid rows, the same rows from the same seed,
and generated staff who log in through the real login pages and see their own caseload."""

import csv
import hashlib
from datetime import UTC, datetime

import pytest
from django.db import transaction
from django.db.models import Count, Max, Q
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import RoleCode, User
from eenplan.assessment.models import ZrmMeasurement, ZrmScore
from eenplan.cases.models import Case, Involvement, Phase, PhaseTransition, SafetyStatus
from eenplan.demo.city import generate
from eenplan.followup.models import Evaluation
from eenplan.intake.models import Signal, Triage
from eenplan.people.models import Household, HouseholdMember, Person
from eenplan.plans.models import Goal, Plan, PlanAction, PlanVersion

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
HOUSEHOLDS = 200
DIGESTED = [Household, Person, HouseholdMember, Case, PhaseTransition, Involvement, Signal, Triage, ZrmMeasurement, ZrmScore,
            Plan, PlanVersion, Goal, PlanAction, Evaluation, AccessLogEntry]


def digest() -> str:
    h = hashlib.sha256()
    for model in DIGESTED + [User]:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in ("password", "last_login")]
        for row in model.objects.order_by("pk").values_list(*fields):
            h.update(repr(row).encode())
    return h.hexdigest()


class Rollback(Exception):
    pass


def generated_digest(seed, tmp_path) -> str:
    try:
        with transaction.atomic():
            generate(households=HOUSEHOLDS, seed=seed, now=NOW, logins_file=tmp_path / f"other-{seed}.csv")
            result = digest()
            raise Rollback
    except Rollback:
        return result


@pytest.fixture
def city(tmp_path):
    logins = tmp_path / "logins.csv"
    counts = generate(households=HOUSEHOLDS, seed=7, now=NOW, logins_file=logins)
    return counts, logins


def test_counts_and_the_models_rules(city):
    counts, _logins = city
    assert Household.objects.count() == HOUSEHOLDS == counts["people.Household"]
    assert Person.objects.count() == counts["people.Person"] >= 2 * HOUSEHOLDS
    assert not Household.objects.annotate(n=Count("members")).filter(n=0).exists()
    assert Case.objects.count() == counts["cases.Case"] >= HOUSEHOLDS // 2
    open_cases = Case.objects.exclude(phase=Phase.AFGESLOTEN)
    assert open_cases.exists() and Case.objects.filter(phase=Phase.AFGESLOTEN).exists()
    assert not Case.objects.filter(phase=Phase.AFGESLOTEN, safety_status=SafetyStatus.ONVEILIG).exists()
    assert not Case.objects.filter(phase=Phase.AFGESLOTEN, closed_at__isnull=True).exists()
    # every case's phase is the last of its transitions
    last = {c: p for c, p in PhaseTransition.objects.order_by("case", "at", "pk").values_list("case", "to_phase")}
    assert all(last[pk] == phase for pk, phase in Case.objects.values_list("pk", "phase"))
    # a plan's number is its newest version
    assert all(p.current_number == p.top for p in Plan.objects.annotate(top=Max("versions__number")))
    assert PlanAction.objects.exists() and Evaluation.objects.exists() and ZrmScore.objects.exists()
    assert not ZrmScore.objects.filter(Q(score__lt=1) | Q(score__gt=5)).exists()
    assert Signal.objects.filter(status="open", case__isnull=True).exists()  # the intake board has work
    assert not Signal.objects.filter(address_key="").exists()  # every signal has its household's address
    assert counts["access.AccessLogEntry"] == AccessLogEntry.objects.count() > 0


def test_the_same_seed_gives_the_same_rows(tmp_path):
    first = generated_digest(7, tmp_path)
    assert generated_digest(7, tmp_path) == first
    assert generated_digest(8, tmp_path) != first


def test_every_professional_has_a_caseload_and_every_user_a_login(city):
    _counts, logins = city
    with logins.open() as f:
        rows = list(csv.DictReader(f))
    assert {r["username"] for r in rows} == set(User.objects.values_list("username", flat=True))
    keys = dict(TOTPDevice.objects.filter(confirmed=True).values_list("user__username", "key"))
    assert all(keys[r["username"]] == r["totp_hex_key"] for r in rows)
    for user in User.objects.filter(roles__code=RoleCode.PROFESSIONAL):
        load = Involvement.objects.filter(user=user, until__isnull=True).count()
        assert 1 <= load <= 40, (user.username, load)


def _login(client, username, key):
    response = client.post("/inloggen/", {"username": username, "password": "eenplan-demo-2026"})
    assert response.status_code == 302, response.content[:500]
    device = TOTPDevice.objects.get(user__username=username)
    code = f"{totp(bytes.fromhex(key), step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post("/inloggen/code/", {"token": code})
    assert response.status_code == 302 and "/inloggen/" not in response["Location"]


def test_a_generated_professional_logs_in_and_the_pages_answer(city, client):
    _counts, logins = city
    with logins.open() as f:
        rows = {r["username"]: r for r in csv.DictReader(f)}
    # at this size the named demo professionals fill the first teams: take the first professional of the last team
    username = [u for u, r in rows.items() if r["roles"] == RoleCode.PROFESSIONAL][-1]
    _login(client, username, rows[username]["totp_hex_key"])
    user = User.objects.get(username=username)
    mine = list(Case.objects.filter(involvements__user=user, involvements__until__isnull=True).values_list("pk", flat=True))
    caseload = client.get("/caseload/")
    assert caseload.status_code == 200
    assert all(f"/casussen/{pk}/" in caseload.content.decode() for pk in mine[:20])
    case = Case.objects.filter(pk__in=mine, phase=Phase.ONDERSTEUNING).first() or Case.objects.get(pk=mine[0])
    assert client.get(f"/casussen/{case.pk}/").status_code == 200
    assert client.get(f"/huishoudens/{case.household_id}/").status_code == 200
    planned = Case.objects.filter(pk__in=mine, plan__isnull=False).first()
    assert client.get(f"/casussen/{planned.pk}/plan/").status_code == 200
    surname = case.household.members.first().person.surname
    search = client.get("/zoeken/", {"name": surname})
    assert search.status_code == 200 and surname in search.content.decode()

    desk = next(u for u, r in rows.items() if r["roles"] == RoleCode.FRONT_OFFICE)
    client.logout()
    _login(client, desk, rows[desk]["totp_hex_key"])
    board = client.get("/intake/")
    assert board.status_code == 200
    open_signal = Signal.objects.filter(status="open", team__memberships__user__username=desk).first()
    assert client.get(f"/intake/signalen/{open_signal.pk}/").status_code == 200


def test_every_constraint_and_index_is_there_after_the_run(tmp_path):
    """On PostgreSQL the writer drops foreign keys, unique constraints and indexes while copying, and adds them back."""
    from django.apps import apps
    from django.db import connection

    def constraints():
        with connection.cursor() as cursor:
            return {m._meta.db_table: sorted(connection.introspection.get_constraints(cursor, m._meta.db_table))
                    for m in apps.get_models(include_auto_created=True) if m._meta.managed}

    before = constraints()
    generate(households=20, seed=3, now=NOW, logins_file=tmp_path / "logins.csv")
    assert constraints() == before
