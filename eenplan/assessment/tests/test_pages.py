"""The assessment page: who may open it, what it shows, section saves (htmx and plain),
bad input kept, and every read and write in the access log."""

import re
from datetime import date

import pytest
from django.urls import reverse

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.assessment import services
from eenplan.assessment.models import (
    Big5Entry,
    NetworkMember,
    ParticipationMeasurement,
    QuestionFrame,
    Strength,
    View,
    WatTeltEntry,
    ZrmMeasurement,
)
from eenplan.testing.queries import count_queries

from .factories import domains, make_world, scores

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world():
    return make_world()


def url(world, name="assessment:case", **kw):
    return reverse(name, kwargs={"pk": world.case.pk, **kw})


def measure(world, on, values, person=None):
    return services.zrm_measurement_record(case=world.case, person=person or world.parent, measured_on=on, scores=scores(values), by=world.pro)


# --- access --------------------------------------------------------------------------------


def test_involved_professional_reads_and_the_read_is_logged(world, verified_client):
    measure(world, date(2026, 1, 5), {"financien": 2})
    response = verified_client(world.pro).get(url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert world.parent.full_name in body and 'data-chart="radar"' in body and 'data-chart="network"' in body
    entry = AccessLogEntry.objects.filter(user=world.pro, case_id=world.case.pk, action=Action.READ).latest("pk")
    assert entry.outcome == Outcome.ALLOWED and entry.detail == "assessment"


PAGES = [
    ("assessment:case", {}),
    ("assessment:measure", {"person_pk": "parent"}),
    ("assessment:mijn_zrm", {"person_pk": "parent"}),
]


@pytest.mark.parametrize("name,kw", PAGES)
@pytest.mark.parametrize("who", ["other_pro", "lead", "officer", "policy", "admin", "front"])
def test_others_are_refused_and_the_refusal_is_logged(world, verified_client, name, kw, who):
    measure(world, date(2026, 1, 5), {"financien": 2})
    kw = {k: getattr(world, v).pk for k, v in kw.items()}
    user = getattr(world, who)
    response = verified_client(user).get(url(world, name, **kw))
    assert response.status_code == 403
    assert world.parent.full_name not in response.content.decode()
    refused = AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED)
    if who in ("other_pro", "lead", "front"):  # a case role, but not involved: refused on the case
        refused = refused.filter(case_id=world.case.pk)
    assert refused.exists()


POSTS = [
    ("assessment:measure", {"person_pk": "parent"}),
    ("assessment:participation", {"person_pk": "parent"}),
    ("assessment:wat_telt", {}),
    ("assessment:big5", {"domain": "wonen"}),
    ("assessment:big5_action", {"domain": "wonen"}),
    ("assessment:strength", {}),
    ("assessment:network", {}),
    ("assessment:question", {}),
]


@pytest.mark.parametrize("name,kw", POSTS)
@pytest.mark.parametrize("who", ["other_pro", "officer"])
def test_writes_by_others_are_refused_and_logged(world, verified_client, name, kw, who):
    kw = {k: (getattr(world, v).pk if k == "person_pk" else v) for k, v in kw.items()}
    user = getattr(world, who)
    response = verified_client(user).post(url(world, name, **kw), {"nw-name": "x"})
    assert response.status_code == 403
    refused = AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED)
    assert refused.filter(case_id=world.case.pk).exists() if who == "other_pro" else refused.exists()
    assert not ZrmMeasurement.objects.exists() and not NetworkMember.objects.exists()


def test_anonymous_is_sent_to_login(world, client):
    response = client.get(url(world))
    assert response.status_code in (302, 403)
    assert world.parent.full_name not in response.content.decode()


def test_measure_page_for_a_non_member_is_404(world, verified_client):
    other = make_world()
    assert verified_client(world.pro).get(url(world, "assessment:measure", person_pk=other.parent.pk)).status_code == 404


# --- ZRM through the page ------------------------------------------------------------------


def zrm_post(world, person, values: dict, on="2026-01-05", instrument="zrm-2017"):
    data = {"instrument": instrument, f"zrm-{person.pk}-measured_on": on}
    for domain_id, value in scores(values, code=instrument).items():
        data[f"zrm-{person.pk}-score_{domain_id}"] = value
    return data


def test_measure_form_shows_level_descriptions_to_pick(world, verified_client):
    response = verified_client(world.pro).get(url(world, "assessment:measure", person_pk=world.parent.pk), **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert domains()["financien"].levels.get(score=3).text in body
    assert "niet van toepassing" in body or "not applicable" in body


def test_child_of_12_to_18_gets_zrm_jongeren_by_default(world, verified_client):
    world.child.birth_date = date(date.today().year - 14, 1, 1)
    world.child.save()
    body = verified_client(world.pro).get(url(world, "assessment:measure", person_pk=world.child.pk), **HX).content.decode()
    assert 'value="zrm-jongeren"' in body


def test_htmx_measurement_returns_the_member_part_with_the_chart(world, verified_client):
    c = verified_client(world.pro)
    response = c.post(url(world, "assessment:measure", person_pk=world.parent.pk), zrm_post(world, world.parent, {"financien": "2", "justitie": "nvt"}), **HX)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="zrm-{world.parent.pk}"' in body and 'data-chart="radar"' in body
    m = ZrmMeasurement.objects.get()
    assert {s.domain.code: (s.score, s.not_applicable) for s in m.scores.all()} == {"financien": (2, False), "justitie": (None, True)}
    assert AccessLogEntry.objects.filter(user=world.pro, action=Action.CREATE, record_type="assessment.ZrmMeasurement").exists()


def test_second_measurement_shows_change(world, verified_client):
    measure(world, date(2026, 1, 5), {"financien": 2, "huisvesting": 4})
    measure(world, date(2026, 3, 5), {"financien": 4, "huisvesting": 3})
    body = verified_client(world.pro).get(url(world)).content.decode()
    assert "▲ +2" in body and "▼ -1" in body
    assert 'data-chart="sparkline"' in body and 'data-chart="timeline"' in body


def test_double_submit_of_a_measurement_records_it_once(world, verified_client):
    """Issue 11, defect 14: a double click (or back and send again) made two identical measurements."""
    c = verified_client(world.pro)
    data = zrm_post(world, world.parent, {"financien": "2", "justitie": "nvt"})
    first = c.post(url(world, "assessment:measure", person_pk=world.parent.pk), data, **HX)
    again = c.post(url(world, "assessment:measure", person_pk=world.parent.pk), data, **HX)
    assert first.status_code == again.status_code == 200
    assert ZrmMeasurement.objects.count() == 1
    # A different score the same day is a new measurement.
    c.post(url(world, "assessment:measure", person_pk=world.parent.pk), zrm_post(world, world.parent, {"financien": "3"}), **HX)
    assert ZrmMeasurement.objects.count() == 2


def test_the_radars_own_style_carries_the_pages_csp_nonce(world, verified_client):
    """The pygal radar styles itself with a <style> element; without the request's nonce the Content-Security-Policy
    blocks it and the chart is a black square (seen in the walk of issue 11)."""
    measure(world, date(2026, 1, 5), {"financien": 2, "huisvesting": 4})
    response = verified_client(world.pro).get(url(world))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}"' in response.content.decode()


def test_plain_post_redirects_to_the_member(world, verified_client):
    response = verified_client(world.pro).post(url(world, "assessment:measure", person_pk=world.parent.pk), zrm_post(world, world.parent, {"financien": "3"}))
    assert response.status_code == 302 and response["Location"].endswith(f"#zrm-{world.parent.pk}")


@pytest.mark.parametrize("htmx", [True, False])
def test_score_out_of_range_and_future_date_keep_what_was_chosen(world, verified_client, htmx):
    data = zrm_post(world, world.parent, {"financien": "4", "huisvesting": "9"}, on="2099-01-01")
    response = verified_client(world.pro).post(url(world, "assessment:measure", person_pk=world.parent.pk), data, **(HX if htmx else {}))
    assert response.status_code == (422 if htmx else 400)
    body = response.content.decode()
    assert "Huisvesting: kies een score van 1 tot en met 5" in body
    assert "De datum van de meting ligt in de toekomst" in body
    fin = domains()["financien"].pk
    checked = re.findall(r'<input type="radio" name="([^"]+)" value="([^"]*)"[^>]*checked', body)
    assert (f"zrm-{world.parent.pk}-score_{fin}", "4") in checked  # the choice made is still chosen
    assert 'value="2099-01-01"' in body
    assert not ZrmMeasurement.objects.exists()
    if htmx:
        assert response["HX-Retarget"] == f"#zrm-form-{world.parent.pk}"


# --- the other sections --------------------------------------------------------------------


def test_participation_history(world, verified_client):
    c = verified_client(world.pro)
    p = world.parent.pk
    for level, on in [(2, "2026-01-05"), (4, "2026-04-05")]:
        response = c.post(url(world, "assessment:participation", person_pk=p), {f"pl-{p}-level": level, f"pl-{p}-measured_on": on}, **HX)
        assert response.status_code == 200
    assert list(ParticipationMeasurement.objects.values_list("level", flat=True)) == [2, 4]
    assert "2026" in response.content.decode()


def test_wat_telt_without_a_person_is_refused_with_input_kept(world, verified_client):
    dom = domains()["financien"]
    response = verified_client(world.pro).post(url(world, "assessment:wat_telt"), {
        "wt-person": "", "wt-domain": dom.pk, "wt-view": "inwoner", "wt-how_it_goes": "Het geld is elke maand op voor de 20e",
    }, **HX)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Het geld is elke maand op voor de 20e" in body
    assert "huishoudlid" in body or "household member" in body
    assert not WatTeltEntry.objects.exists()


def test_wat_telt_resident_view_is_never_overwritten_by_the_professional(world, verified_client):
    c = verified_client(world.pro)
    dom = domains()["financien"]
    base = {"wt-person": world.parent.pk, "wt-domain": dom.pk}
    c.post(url(world, "assessment:wat_telt"), {**base, "wt-view": "inwoner", "wt-important": "on", "wt-how_it_goes": "Ik lig er wakker van"}, **HX)
    response = c.post(url(world, "assessment:wat_telt"), {**base, "wt-view": "professional", "wt-how_it_goes": "Achterstand huur 3 maanden"}, **HX)
    body = response.content.decode()
    assert "Ik lig er wakker van" in body and "Achterstand huur 3 maanden" in body
    assert WatTeltEntry.objects.filter(view=View.RESIDENT).get().how_it_goes == "Ik lig er wakker van"
    assert WatTeltEntry.objects.count() == 2


def test_big5_save_update_and_action(world, verified_client):
    c = verified_client(world.pro)
    r = c.post(url(world, "assessment:big5", domain="wonen"), {"b5-wonen-current": "Te klein, schimmel", "b5-wonen-ideal": "Een droge woning"}, **HX)
    assert r.status_code == 200 and 'id="big5-wonen"' in r.content.decode()
    c.post(url(world, "assessment:big5", domain="wonen"), {"b5-wonen-current": "Te klein", "b5-wonen-ideal": "Een droge woning"}, **HX)
    assert Big5Entry.objects.get().current == "Te klein"
    r = c.post(url(world, "assessment:big5_action", domain="wonen"), {"b5a-wonen-text": "Urgentie aanvragen", "b5a-wonen-term": "kort"}, **HX)
    assert "Urgentie aanvragen" in r.content.decode()
    r = c.post(url(world, "assessment:big5_action", domain="wonen"), {"b5a-wonen-text": "", "b5a-wonen-term": "lang", "b5a-wonen-who": "Kees"}, **HX)
    assert r.status_code == 422 and 'value="Kees"' in r.content.decode()
    assert AccessLogEntry.objects.filter(record_type="assessment.Big5Entry", action=Action.UPDATE).exists()
    assert verified_client(world.pro).post(url(world, "assessment:big5", domain="onzin"), {}).status_code == 404


def test_strength_network_and_question(world, verified_client):
    c = verified_client(world.pro)
    assert c.post(url(world, "assessment:strength"), {"st-text": "Kookt graag", "st-person": world.partner.pk}, **HX).status_code == 200
    assert Strength.objects.get().person == world.partner
    r = c.post(url(world, "assessment:network"), {"nw-name": "Tante Fatma", "nw-kind": "familie", "nw-contact": "wekelijks", "nw-could_do": "Oppassen"}, **HX)
    assert r.status_code == 200 and "Tante Fatma" in r.content.decode()
    r = c.post(url(world, "assessment:network"), {"nw-name": "Buurvrouw", "nw-kind": "", "nw-contact": ""}, **HX)
    assert r.status_code == 422 and 'value="Buurvrouw"' in r.content.decode()
    member = NetworkMember.objects.get()
    c.post(url(world, "assessment:network_end", member_pk=member.pk), **HX)
    member.refresh_from_db()
    assert member.ended_at is not None
    r = c.post(url(world, "assessment:question"), {
        "q-text": "Hoe kom ik uit de schulden?", "q-person": world.parent.pk,
        "q-frame_eigen_kracht_note": "Houdt zelf een kasboek bij", "q-frame_voorliggend_note": "Schuldhulpmaatje",
        "q-frame_voorliggend_chosen": "on",
    }, **HX)
    assert r.status_code == 200
    frames = {f.frame: f.chosen for f in QuestionFrame.objects.all()}
    assert frames == {"eigen_kracht": False, "voorliggend": True}


def test_closed_case_refuses_new_records(world, verified_client):
    world.case.phase = "afgesloten"
    world.case.save()
    r = verified_client(world.pro).post(url(world, "assessment:strength"), {"st-text": "Kookt graag"}, **HX)
    assert r.status_code == 422 and ("gesloten" in r.content.decode() or "closed" in r.content.decode())


def test_mijn_zrm_uses_plain_names(world, verified_client):
    measure(world, date(2026, 1, 5), {"financien": 2, "basale-adl": 4})
    body = verified_client(world.pro).get(url(world, "assessment:mijn_zrm", person_pk=world.parent.pk)).content.decode()
    assert "Geldzaken" in body and "Zelfzorg" in body
    assert AccessLogEntry.objects.filter(user=world.pro, detail="Mijn ZRM").exists()


def test_page_query_count_is_flat(world, verified_client):
    c = verified_client(world.pro)

    def fill(n):
        for i in range(n):
            for person in (world.parent, world.partner):
                measure(world, date(2026, 1, 1 + i), {"financien": 1 + i % 5, "huisvesting": 3, "justitie": "nvt"}, person=person)
            services.participation_record(case=world.case, person=world.parent, level=1 + i % 6, measured_on=date(2026, 1, 1 + i), by=world.pro)
            services.network_member_add(case=world.case, name=f"Persoon {i}", kind="vriend", contact="maandelijks", by=world.pro)
            services.strength_add(case=world.case, text=f"Kracht {i}", by=world.pro)
            services.big5_action_add(case=world.case, domain="wonen", text=f"Actie {i}", term="kort", by=world.pro)
            services.question_record(case=world.case, text=f"Vraag {i}", frames={"netwerk": {"note": "x"}}, by=world.pro)
            services.wat_telt_record(case=world.case, person=world.parent, domain=domains()["financien"], view="inwoner", how_it_goes=f"{i}", by=world.pro)

    fill(1)
    c.get(url(world))  # the first request after login also saves the session
    small = count_queries(lambda: c.get(url(world)))
    fill(4)
    large = count_queries(lambda: c.get(url(world)))
    assert large == small


def test_measure_page_without_htmx_and_lead_with_a_reason(world, verified_client):
    from eenplan.access.policy import access_grant_with_reason

    response = verified_client(world.pro).get(url(world, "assessment:measure", person_pk=world.parent.pk))
    assert response.status_code == 200 and "<html" in response.content.decode()
    access_grant_with_reason(user=world.lead, case=world.case, reason="Vervanging tijdens ziekte van de regisseur")
    response = verified_client(world.lead).get(url(world))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.filter(user=world.lead, case_id=world.case.pk, action=Action.READ).latest("pk")
    assert entry.outcome == Outcome.ALLOWED and entry.acting_role == "team_lead:reden"


def test_ending_a_network_member_or_ticking_an_action_needs_involvement(world, verified_client):
    member = services.network_member_add(case=world.case, name="Oma", kind="familie", contact="dagelijks", by=world.pro)
    action = services.big5_action_add(case=world.case, domain="wonen", text="Urgentie aanvragen", term="kort", by=world.pro)
    c = verified_client(world.other_pro)
    assert c.post(url(world, "assessment:network_end", member_pk=member.pk)).status_code == 403
    assert c.post(url(world, "assessment:big5_action_done", action_pk=action.pk)).status_code == 403
    member.refresh_from_db()
    action.refresh_from_db()
    assert member.ended_at is None and action.done_at is None
    assert AccessLogEntry.objects.filter(user=world.other_pro, outcome=Outcome.REFUSED, case_id=world.case.pk).count() == 2
    r = verified_client(world.pro).post(url(world, "assessment:big5_action_done", action_pk=action.pk), **HX)
    assert r.status_code == 200 and "<s>Urgentie aanvragen</s>" in r.content.decode()


def test_without_javascript_a_refused_section_comes_back_on_the_whole_page(world, verified_client):
    dom = domains()["financien"]
    response = verified_client(world.pro).post(url(world, "assessment:wat_telt"), {
        "wt-person": "", "wt-domain": dom.pk, "wt-view": "inwoner", "wt-goal": "Zelf de rekeningen betalen",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "<html" in body and "Zelf de rekeningen betalen" in body and "Kies van wie deze Wat Telt is" in body
    ok = verified_client(world.pro).post(url(world, "assessment:wat_telt"), {
        "wt-person": world.parent.pk, "wt-domain": dom.pk, "wt-view": "inwoner", "wt-goal": "Zelf de rekeningen betalen",
    })
    assert ok.status_code == 302 and ok["Location"].endswith("#wat-telt")
