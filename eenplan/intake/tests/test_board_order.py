"""Issue 13: the intake board is ordered by the database (ADR 0133) in exactly the order the Python sort gave
before: overdue first, then urgency, deadline (none last), received; the newest first among equals."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from eenplan.intake import selectors, views
from eenplan.intake.models import URGENCY_ORDER, Signal, Urgency
from eenplan.testing.factories import TeamFactory, UserFactory, WijkFactory
from eenplan.testing.queries import count_queries

from .factories import make_signal

pytestmark = pytest.mark.django_db


def python_order(signals, today):
    """The board's order as it was computed before (intake.selectors.board up to b2646c3): the query's own
    order (Signal.Meta: newest first), then a stable sort on (not overdue, urgency, deadline or never, received)."""
    rows = sorted(signals, key=lambda s: (s.received_at, s.pk), reverse=True)
    rows.sort(key=lambda s: (not selectors.is_overdue(s, today), URGENCY_ORDER.get(s.urgency, 9), s.deadline or date.max,
                             s.received_at))
    return rows


@pytest.fixture
def team():
    return TeamFactory(wijken=[WijkFactory(postcode_areas="3511")])


def hand_made(team, today):
    """Every urgency × deadline past / today / future / none × contact made or not, with ties: several signals
    received at the same moment with the same urgency and deadline."""
    noon = timezone.make_aware(datetime.combine(today - timedelta(days=30), datetime.min.time())) + timedelta(hours=12)
    deadlines = [today - timedelta(days=5), today - timedelta(days=1), today, today + timedelta(days=3), None]
    made = []
    for urgency in (Urgency.NORMAAL, Urgency.ACUUT, Urgency.HOOG):
        for d, deadline in enumerate(deadlines):
            for contacted in (False, True):
                for _tie in range(2):  # two identical signals: only the pk tells them apart
                    signal = make_signal(team=team, postcode="3511 AB", house_number=10 + d)
                    Signal.objects.filter(pk=signal.pk).update(
                        urgency=urgency, deadline=deadline, received_at=noon + timedelta(hours=d % 2),
                        first_contact_at=noon + timedelta(days=1) if contacted else None,
                    )
                    made.append(signal.pk)
    return list(Signal.objects.filter(pk__in=made))


def test_database_order_is_the_python_order(team):
    today = timezone.localdate()
    signals = hand_made(team, today)
    expected = [s.pk for s in python_order(signals, today)]
    got = [s.pk for s in selectors.board([team.pk])]
    assert got == expected
    overdue = [s for s in selectors.board_rows(selectors.board([team.pk])) if s.overdue]
    assert len(overdue) == 3 * 2 * 2 and got[: len(overdue)] == [s.pk for s in overdue]  # past deadline, no contact
    assert selectors.board_counts(selectors.board([team.pk])) == {"open": len(signals), "overdue": len(overdue)}


def test_pages_follow_the_order(team, verified_client, monkeypatch):
    monkeypatch.setattr(views, "BOARD_PAGE_SIZE", 7)
    today = timezone.localdate()
    expected = [s.pk for s in python_order(hand_made(team, today), today)]
    client = verified_client(UserFactory(roles=["professional"], team=team))
    shown, page = [], 1
    while True:
        response = client.get(f"/intake/?page={page}")
        shown += [s.pk for s in response.context["signals"]]
        if not response.context["page"].has_next():
            break
        page += 1
    assert shown == expected and page == -(-len(expected) // 7)


def test_a_page_reads_one_page_of_rows_in_a_flat_number_of_queries(team, verified_client, monkeypatch):
    monkeypatch.setattr(views, "BOARD_PAGE_SIZE", 3)
    client = verified_client(UserFactory(roles=["professional"], team=team))
    for i in range(4):
        make_signal(team=team, postcode="3511 AB", house_number=1 + i)
    client.get("/intake/")
    small = count_queries(lambda: client.get("/intake/"))
    for i in range(20):
        make_signal(team=team, postcode="3511 AB", house_number=1 + i % 6, urgency=Urgency.ACUUT if i % 3 else Urgency.HOOG)
    response = client.get("/intake/")
    assert response.context["open_count"] == 24 and len(response.context["signals"]) == 3
    assert count_queries(lambda: client.get("/intake/")) == small
    assert any(s.repeats for s in response.context["signals"])
