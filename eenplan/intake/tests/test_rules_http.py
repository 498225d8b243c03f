"""The rules through the pages: deadline rules, overdue on the board, routing suggestion on the triage page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.accounts.models import ExpertiseTag, RoleCode
from eenplan.intake.models import Signal, SignalType, SourceType
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory, WijkFactory

from .factories import make_signal, signal_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    wijk = WijkFactory(postcode_areas="3511")
    team = TeamFactory(wijken=[wijk])
    return wijk, team, UserFactory(roles=[RoleCode.FRONT_OFFICE], team=team)


def register(client, **data):
    base = {"sig-channel": "verwijzing", "sig-source": SourceType.objects.get(code="woningcorporatie").pk,
            "sig-description": "Huurachterstand", "sig-postcode": "3511 AB", "sig-house_number": "5"}
    base.update({f"sig-{k}": v for k, v in data.items()})
    return client.post("/intake/signalen/nieuw/", base)


def test_vhu_deadline_through_the_page(world, verified_client):
    _, _, user = world
    reported = timezone.localdate() - timedelta(days=2)
    response = register(verified_client(user), signal_type=SignalType.objects.get(code="vhu").pk, reported_on=reported.isoformat())
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.deadline == reported + timedelta(days=14)
    page = verified_client(user).get(f"/intake/signalen/{signal.pk}/").content.decode()
    assert (reported + timedelta(days=14)).strftime("%d-%m-%Y") in page


def test_arrears_through_the_page(world, verified_client):
    _, _, user = world
    client = verified_client(user)
    energy = SignalType.objects.get(code="energie").pk
    missing = register(client, signal_type=energy)
    assert missing.status_code == 400 and "arrears_months" in missing.context["form"].errors
    assert not Signal.objects.exists()
    register(client, signal_type=energy, arrears_months="1")
    register(client, signal_type=energy, arrears_months="3", house_number="6")
    below, above = Signal.objects.order_by("pk")
    assert below.deadline is None and above.deadline == timezone.localdate() + timedelta(days=14)
    assert above.next_attempt_kind == "brief"


def test_overdue_on_the_board(world, verified_client):
    _, team, user = world
    late = make_signal(team=team, signal_type=signal_type("vhu"), reported_on=timezone.localdate() - timedelta(days=20),
                       received_at=timezone.now() - timedelta(days=20))
    in_time = make_signal(team=team, signal_type=signal_type("vhu"), postcode="3511 AC", house_number=1)
    response = verified_client(user).get("/intake/")
    signals = response.context["signals"]
    assert [s.pk for s in signals] == [late.pk, in_time.pk]  # overdue first
    assert signals[0].overdue and not signals[1].overdue and response.context["overdue_count"] == 1


def test_routing_suggestion_on_the_triage_page(world, verified_client):
    wijk, team, user = world
    debts = ExpertiseTag.objects.create(name="schulden")
    vhu = signal_type("vhu")
    vhu.expertise.add(debts)
    busy_expert = UserFactory(team=team, username="busy-expert")
    free_expert = UserFactory(team=team, username="free-expert")
    generalist = UserFactory(team=team, username="generalist")
    for u in (busy_expert, free_expert):
        u.expertise.add(debts)
    for _ in range(3):
        CaseFactory(involved=[busy_expert])
    UserFactory(team=TeamFactory(), username="elsewhere").expertise.add(debts)
    signal = make_signal(team=team, signal_type=vhu)
    response = verified_client(user).get(f"/intake/signalen/{signal.pk}/triage/")
    assert [s.user for s in response.context["suggestions"]] == [free_expert, busy_expert, generalist]
    assert response.context["form"]["routed_to"].value() == free_expert.pk


def test_registered_for_another_teams_wijk_goes_to_the_board(world, verified_client):
    _, _, user = world
    other = WijkFactory(postcode_areas="9999")
    other_team = TeamFactory(wijken=[other])
    response = register(verified_client(user), postcode="9999 AA")
    assert response.status_code == 302 and response["Location"] == "/intake/"
    assert Signal.objects.get().team == other_team
