"""Issue 13: the intake board shows one page of open signals, with a link to the next."""

import pytest

from eenplan.intake import views

from .test_queries import add_signals, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_board_is_paged(world, verified_client, monkeypatch):  # noqa: F811
    monkeypatch.setattr(views, "BOARD_PAGE_SIZE", 3)
    team, pro = world
    add_signals(team, pro, 4)  # one of them is triaged: three open on page 1... and more below
    add_signals(team, pro, 4, start=4)
    client = verified_client(pro)
    first = client.get("/intake/")
    open_count = first.context["open_count"]
    assert open_count > 3 and len(first.context["signals"]) == 3
    body = first.content.decode()
    assert 'rel="next" href="?page=2"' in body and "Volgende" in body and f"Pagina 1 van {-(-open_count // 3)}" in body
    seen = {s.pk for s in first.context["signals"]}
    second = client.get("/intake/?page=2")
    assert {s.pk for s in second.context["signals"]}.isdisjoint(seen) and 'rel="prev"' in second.content.decode()
    assert f"({open_count})" in body  # the heading counts all open signals, not the page


def test_the_triaged_list_shows_decision_safety_flag_and_who_it_went_to(world, verified_client):  # noqa: F811
    from eenplan.intake.models import Signal

    team, pro = world
    add_signals(team, pro, 4)  # the fourth is triaged: referred to the GP, safety unknown, routed to a colleague
    triaged = Signal.objects.get(triage__isnull=False)
    page = verified_client(pro).get("/intake/")
    row = next(r for r in page.content.decode().split("<tr>") if f"#{triaged.pk} ·" in r)
    routed = triaged.triage.routed_to
    cells = [c.split(">", 1)[1] for c in row.split("</td>")[:5]]
    assert cells[2] == "Doorverwezen: Huisarts"
    assert cells[3] == '<span class="badge badge--onveilig">veiligheidsvlag</span>'
    assert cells[4] == routed.get_full_name()
