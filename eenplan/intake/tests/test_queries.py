"""The board's and the signal page's query counts do not grow with the number of signals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.intake import services
from eenplan.intake.models import AttemptKind, TriageDecision
from eenplan.testing.factories import TeamFactory, UserFactory, WijkFactory
from eenplan.testing.queries import count_queries

from .factories import make_signal, signal_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    wijk = WijkFactory(postcode_areas="3511")
    team = TeamFactory(wijken=[wijk])
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    services.rota_set_day(team=team, day=timezone.localdate(), user=pro, by=lead)
    return team, pro


def add_signals(team, pro, n, start=0):
    sources = ["buren", "woningcorporatie", "huisarts", "school"]
    for i in range(start, start + n):
        other = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
        signal = make_signal(team=team, by=pro, source_code=sources[i % 4], signal_type=signal_type("vhu") if i % 2 else None,
                             postcode="3511 AB", house_number=100 + i % 3, assigned_to=other,
                             reported_on=timezone.localdate() - timedelta(days=20 * (i % 2)))
        services.contact_attempt_log(signal=signal, kind=AttemptKind.VISIT, reached=False, by=pro)
        services.contact_attempt_log(signal=signal, kind=AttemptKind.PHONE, reached=i % 3 == 0, by=other)
        if i % 4 == 3:
            services.triage_decide(signal=signal, by=pro, urgency="hoog", unsafe="onbekend", children="nee", safety_note="?",
                                   decision=TriageDecision.REFERRED, referred_to="Huisarts", routed_to=other)


def test_board_query_count_is_flat(world, verified_client):
    team, pro = world
    client = verified_client(pro)
    add_signals(team, pro, 3)
    client.get("/intake/")
    small = count_queries(lambda: client.get("/intake/"))
    add_signals(team, pro, 12, start=3)
    response = client.get("/intake/")
    assert len(response.context["signals"]) > 9 and response.context["overdue_count"] > 0
    assert count_queries(lambda: client.get("/intake/")) == small


def test_board_filters(world, verified_client):
    team, pro = world
    add_signals(team, pro, 4)
    client = verified_client(pro)
    from eenplan.intake.models import SourceType

    school = SourceType.objects.get(code="huisarts")
    signals = client.get(f"/intake/?bron={school.pk}").context["signals"]
    assert signals and all(s.source == school for s in signals)
    other_wijk = WijkFactory()
    assert client.get(f"/intake/?wijk={other_wijk.pk}").context["signals"] == []


def test_signal_page_query_count_is_flat(world, verified_client):
    team, pro = world
    client = verified_client(pro)
    add_signals(team, pro, 2)
    signal = make_signal(team=team, by=pro, postcode="3511 AB", house_number=100)
    for _ in range(2):
        services.contact_attempt_log(signal=signal, kind=AttemptKind.VISIT, reached=False, by=UserFactory(team=team))
    url = f"/intake/signalen/{signal.pk}/"
    client.get(url)
    small = count_queries(lambda: client.get(url))
    add_signals(team, pro, 10, start=2)
    for _ in range(8):
        services.contact_attempt_log(signal=signal, kind=AttemptKind.INFO_LEFT, reached=False, by=UserFactory(team=team))
    response = client.get(url)
    assert len(response.context["repeats"]) >= 4 and len(response.context["attempts"]) == 10
    assert count_queries(lambda: client.get(url)) == small
