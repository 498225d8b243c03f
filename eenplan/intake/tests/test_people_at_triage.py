"""Who the household is, as learned at intake: the resident's name at triage (no member invented
from the household's name), the children the triage asks about, the safety answer as the case's
status, and the outreach rules around the signal's dates."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Action
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import SafetyStatus
from eenplan.core.models import Notification
from eenplan.intake import services
from eenplan.intake.models import AttemptKind, Triage, TriageDecision
from eenplan.people.models import MemberRole, Person
from eenplan.testing.factories import HouseholdMemberFactory, TeamFactory, UserFactory, WijkFactory

from .factories import make_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    wijk = WijkFactory(postcode_areas="3511")
    team = TeamFactory(wijken=[wijk])
    pro = UserFactory(team=team, roles=[RoleCode.PROFESSIONAL], username="pro")
    specialist = UserFactory(team=team, roles=[RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], username="spec")
    front = UserFactory(team=team, roles=[RoleCode.FRONT_OFFICE], username="front")
    return team, pro, specialist, front


def open_case(signal, by, pro, **kw):
    args = dict(urgency="normaal", unsafe="nee", children="nee", decision=TriageDecision.CASE_OPENED, routed_to=pro)
    args.update(kw)
    return services.triage_decide(signal=signal, by=by, **args)


# --- defect 5: no member invented from the household's name -------------------------------


def test_a_case_for_a_signal_without_a_name_starts_without_members(world):
    team, pro, _spec, front = world
    signal = make_signal(team=team, postcode="3511 AB", house_number=12, street="Dorpsstraat")
    triage = open_case(signal, front, pro, household_name="Huishouden de Vries")
    household = triage.case.household
    assert household.name == "Huishouden de Vries"
    assert household.members.count() == 0
    assert not Person.objects.exists()


def test_without_any_name_the_household_is_named_after_the_address(world):
    team, pro, _spec, front = world
    signal = make_signal(team=team, postcode="3511 AB", house_number=12, street="Dorpsstraat")
    household = open_case(signal, front, pro).case.household
    assert household.name == "Huishouden op Dorpsstraat 12 3511 AB"
    assert household.members.count() == 0


def test_a_one_word_name_on_the_signal_makes_no_bakker_bakker(world):
    team, pro, _spec, front = world
    signal = make_signal(team=team, subject_name="Bakker", postcode="3511 AB", house_number=3)
    open_case(signal, front, pro)
    assert not Person.objects.filter(given_names="Bakker", surname="Bakker").exists()


def test_the_name_learned_at_triage_becomes_the_first_member(world):
    team, pro, _spec, front = world
    signal = make_signal(team=team, postcode="3511 AB", house_number=3)
    triage = open_case(signal, front, pro, resident=("Petra", "van der", "Wit"))
    member = triage.case.household.members.get()
    assert (member.person.given_names, member.person.surname_prefix, member.person.surname) == ("Petra", "van der", "Wit")
    assert triage.case.household.name == "Huishouden Van der Wit"
    signal.refresh_from_db()
    assert signal.subject_name == "Petra van der Wit"


def test_half_a_name_is_refused_on_the_field(world):
    team, pro, _spec, front = world
    signal = make_signal(team=team, postcode="3511 AB", house_number=3)
    with pytest.raises(ValidationError) as exc:
        open_case(signal, front, pro, resident=("Petra", "", ""))
    assert "resident_surname" in exc.value.message_dict
    assert not Triage.objects.exists()


def test_triage_over_http_with_the_resident_and_children(world, verified_client):
    team, pro, _spec, front = world
    signal = make_signal(team=team, postcode="3511 AB", house_number=3, signal_type=None)
    page = verified_client(front).get(f"/intake/signalen/{signal.pk}/triage/").content.decode()
    assert 'name="kind-0-name"' in page and 'name="tri-resident_surname"' in page
    response = verified_client(front).post(f"/intake/signalen/{signal.pk}/triage/", {
        "tri-urgency": "normaal", "tri-unsafe": "zorgen", "tri-children": "ja", "tri-safety_note": "Moeder is uitgeput",
        "tri-decision": "casus", "tri-routed_to": pro.pk, "tri-resident_given_names": "Sanne", "tri-resident_surname": "Vries",
        "tri-resident_surname_prefix": "de",
        "kind-TOTAL_FORMS": "3", "kind-INITIAL_FORMS": "0", "kind-0-name": "Noah", "kind-0-birth_date": "2019-04-02",
        "kind-1-name": "Mila Jansen", "kind-1-birth_date": "2021-08-30", "kind-2-name": "", "kind-2-birth_date": "",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Triage.objects.get().case
    members = {m.person.full_name: m for m in case.household.members.select_related("person")}
    assert set(members) == {"Sanne de Vries", "Noah de Vries", "Mila Jansen"}
    assert members["Noah de Vries"].role == MemberRole.CHILD and members["Noah de Vries"].person.birth_date == date(2019, 4, 2)
    assert case.safety_status == SafetyStatus.ZORGEN


def test_a_child_without_birth_date_is_refused_with_everything_kept(world, verified_client):
    team, pro, _spec, front = world
    signal = make_signal(team=team, postcode="3511 AB", house_number=3)
    response = verified_client(front).post(f"/intake/signalen/{signal.pk}/triage/", {
        "tri-urgency": "normaal", "tri-unsafe": "ja", "tri-children": "ja", "tri-safety_note": "",
        "tri-decision": "casus", "tri-routed_to": pro.pk,
        "kind-TOTAL_FORMS": "1", "kind-INITIAL_FORMS": "0", "kind-0-name": "Noah", "kind-0-birth_date": "",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="Noah"' in body
    assert "geboortedatum" in body.lower()
    assert "Schrijf op wat u weet over de veiligheid" in body  # the triage's own error in the same round
    assert not Triage.objects.exists()


def test_children_without_a_household_go_into_the_household_note(world):
    team, pro, _spec, front = world
    signal = make_signal(team=team, postcode="3511 AB", house_number=3)
    triage = services.triage_decide(signal=signal, by=front, urgency="normaal", unsafe="nee", children="ja",
                                    decision=TriageDecision.ADVICE, kids=[("Noah", date(2019, 4, 2))])
    assert "Noah (02-04-2019)" in triage.household_note
    assert not Person.objects.exists()


def test_children_with_no_children_answer_is_a_contradiction(world):
    team, pro, _spec, front = world
    signal = make_signal(team=team, postcode="3511 AB", house_number=3)
    with pytest.raises(ValidationError) as exc:
        open_case(signal, front, pro, children="nee", kids=[("Noah de Vries", date(2019, 4, 2))])
    assert "children" in exc.value.message_dict


def test_children_join_a_linked_household(world):
    team, pro, _spec, front = world
    member = HouseholdMemberFactory(household__wijk=team.wijken.first(), person__surname="Bakker")
    signal = make_signal(team=team, household=member.household, person=member.person)
    open_case(signal, front, pro, children="ja", kids=[("Lotte", date(2020, 1, 1))])
    child = member.household.members.get(role=MemberRole.CHILD)
    assert child.person.full_name == "Lotte Bakker"


# --- the safety answer --------------------------------------------------------------------


def test_no_on_safety_sets_the_case_to_safe_not_unknown(world):
    team, pro, _spec, front = world
    case = open_case(make_signal(team=team), front, pro, unsafe="nee").case
    assert case.safety_status == SafetyStatus.VEILIG
    assert case.safety_changes.get().status == SafetyStatus.VEILIG


def test_concerns_on_safety_sets_concerns_and_alerts_the_specialist(world):
    team, pro, spec, front = world
    case = open_case(make_signal(team=team), front, pro, unsafe="zorgen", safety_note="Vader drinkt").case
    assert case.safety_status == SafetyStatus.ZORGEN
    assert [n.user for n in Notification.objects.filter(kind="triage_safety")] == [spec]


def test_concerns_need_a_safety_note(world):
    team, pro, _spec, front = world
    with pytest.raises(ValidationError) as exc:
        open_case(make_signal(team=team), front, pro, unsafe="zorgen")
    assert "safety_note" in exc.value.message_dict


def test_the_triage_safety_note_is_not_called_optional(world, verified_client):
    team, _pro, _spec, front = world
    signal = make_signal(team=team)
    body = verified_client(front).get(f"/intake/signalen/{signal.pk}/triage/").content.decode()
    label = body[body.index('for="id_tri-safety_note"'):]
    label = label[:label.index("</label>")]
    assert "optioneel" not in label
    assert 'value="zorgen"' in body


# --- the signal page ----------------------------------------------------------------------


def test_the_signal_page_shows_when_it_was_signalled(world, verified_client):
    team, _pro, _spec, front = world
    signal = make_signal(team=team, reported_on=date(2026, 3, 2), received_at=timezone.make_aware(timezone.datetime(2026, 3, 5, 10)))
    body = verified_client(front).get(f"/intake/signalen/{signal.pk}/").content.decode()
    assert "Gesignaleerd op" in body and "02-03-2026" in body


def test_an_attempt_before_registration_but_after_the_signal_date_is_recorded(world):
    team, _pro, _spec, front = world
    now = timezone.now()
    signal = make_signal(team=team, reported_on=timezone.localdate(now) - timedelta(days=4), received_at=now)
    attempt = services.contact_attempt_log(signal=signal, kind=AttemptKind.PHONE, reached=False, by=front,
                                           at=now - timedelta(days=3), note="Voicemail")
    assert attempt.at < signal.received_at


def test_an_attempt_before_the_signal_date_or_in_the_future_is_refused(world):
    team, _pro, _spec, front = world
    now = timezone.now()
    signal = make_signal(team=team, reported_on=timezone.localdate(now) - timedelta(days=4), received_at=now)
    for at in [now - timedelta(days=6), now + timedelta(days=1)]:
        with pytest.raises(ValidationError) as exc:
            services.contact_attempt_log(signal=signal, kind=AttemptKind.PHONE, reached=False, by=front, at=at)
        assert "at" in exc.value.message_dict


def test_a_triaged_signal_no_longer_offers_the_attempt_form(world, verified_client):
    team, _pro, _spec, front = world
    signal = make_signal(team=team)
    services.triage_decide(signal=signal, by=front, urgency="normaal", unsafe="nee", children="nee", decision=TriageDecision.ADVICE)
    body = verified_client(front).get(f"/intake/signalen/{signal.pk}/").content.decode()
    assert f'action="/intake/signalen/{signal.pk}/pogingen/"' not in body
    with pytest.raises(ValidationError):
        services.contact_attempt_log(signal=signal, kind=AttemptKind.PHONE, reached=True, by=front)


def test_after_a_case_is_opened_outreach_goes_on_until_contact(world):
    team, pro, _spec, front = world
    signal = make_signal(team=team)
    open_case(signal, front, pro)
    signal.refresh_from_db()
    assert services.outreach_continues(signal)
    services.contact_attempt_log(signal=signal, kind=AttemptKind.PHONE, reached=True, by=pro)
    signal.refresh_from_db()
    assert not services.outreach_continues(signal)


def test_the_name_is_entered_on_the_signal_and_logged(world, verified_client):
    team, _pro, _spec, front = world
    signal = make_signal(team=team)
    response = verified_client(front).post(f"/intake/signalen/{signal.pk}/inwoner/",
                                           {"subj-subject_name": "Sanne de Vries", "subj-subject_phone": "0612345678"})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.subject_name == "Sanne de Vries"
    entry = AccessLogEntry.objects.filter(action=Action.UPDATE, detail__startswith="changed").latest("pk")
    assert entry.after == {"subject_name": "Sanne de Vries", "subject_phone": "0612345678"}
