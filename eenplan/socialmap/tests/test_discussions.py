"""Case discussions: anonymous ones hold no personal data (enforced by the service)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.socialmap import services
from eenplan.socialmap.models import CaseDiscussion, DiscussionAction, DiscussionParticipant

from .factories import OrganisationFactory, make_world

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def world():
    return make_world()


def anonymous(world, **kw):
    args = dict(
        team=world.team, anonymous=True, kind="expertisetent", held_on=TODAY,
        question="Alleenstaande moeder, drie kinderen, oplopende huurschuld; wie pakt wat op?",
        advice="Eerst stabiliseren: budgetbeheer en rust voor de kinderen.", by=world.pro,
        partners=[(OrganisationFactory(name="GGD Eendijk"), "jeugdverpleegkundige", "")],
        actions=[("Budgetbeheer aanvragen", "regisseur", None)],
    )
    args.update(kw)
    return services.discussion_record(**args)


def test_anonymous_discussion_is_stored_without_case_or_names(world):
    d = anonymous(world)
    assert d.anonymous and d.case_id is None
    assert DiscussionParticipant.objects.get(discussion=d).name == ""
    entry = AccessLogEntry.objects.get(record_type="socialmap.CaseDiscussion", record_id=str(d.pk))
    assert entry.case_id is None and entry.household_id is None


def test_anonymous_discussion_refuses_a_case_link(world):
    with pytest.raises(ValidationError) as exc:
        anonymous(world, case=world.case)
    assert "anonymous" in exc.value.message_dict
    assert not CaseDiscussion.objects.exists()


def test_anonymous_discussion_refuses_partner_names(world):
    with pytest.raises(ValidationError) as exc:
        anonymous(world, partners=[(OrganisationFactory(), "huisarts", "Dr. Jansen")])
    assert "partners" in exc.value.message_dict
    assert not CaseDiscussion.objects.exists()


def test_anonymous_discussion_refuses_the_household_at_the_table(world):
    with pytest.raises(ValidationError) as exc:
        anonymous(world, household_present=True)
    assert "household_present" in exc.value.message_dict


@pytest.mark.parametrize("text", [
    "Moeder (BSN 123456782) heeft schulden.",
    "Gezin woont op 7411 AB nummer 3.",
    "Mail moeder via sanne@example.org.",
    "Bel 06-12345678 voor een afspraak.",
    "Jongste geboren 12-03-2015.",
    "Mevrouw Veldkamp wil geen hulp.",  # the surname of a resident in the recorder's case
])
def test_anonymous_discussion_refuses_identifying_text(world, text):
    with pytest.raises(ValidationError) as exc:
        anonymous(world, question=text)
    assert "question" in exc.value.message_dict
    assert not CaseDiscussion.objects.exists()


def test_identifiers_in_actions_are_refused_too(world):
    with pytest.raises(ValidationError):
        anonymous(world, actions=[("Bellen met Veldkamp", "regisseur", None)])


def test_database_refuses_an_anonymous_discussion_with_a_case(world):
    with pytest.raises(IntegrityError):
        CaseDiscussion.objects.create(team=world.team, case=world.case, anonymous=True, kind="casusoverleg", held_on=TODAY,
                                      question="x", recorded_by=world.pro, recorded_at=timezone.now())


def test_case_discussion_with_participants_and_actions(world):
    d = services.discussion_record(
        team=world.team, case=world.case, kind="casusoverleg", held_on=TODAY, question="Hoe verder met de schulden?",
        advice="Schuldhulp inschakelen.", decisions="Regisseur meldt aan bij Schuldhulp.", household_present=True,
        colleagues=[world.other_pro], partners=[(OrganisationFactory(), "schuldhulpverlener", "Petra Smit")],
        actions=[("Aanmelden bij Schuldhulp", "Anna", TODAY), ("", "", None)], by=world.pro,
    )
    assert d.case == world.case and list(d.internal_participants.all()) == [world.other_pro]
    assert DiscussionParticipant.objects.get(discussion=d).name == "Petra Smit"
    assert DiscussionAction.objects.filter(discussion=d).count() == 1
    assert AccessLogEntry.objects.filter(record_type="socialmap.CaseDiscussion", case_id=world.case.pk).exists()


def test_bad_discussion_input_is_refused_with_every_message(world):
    with pytest.raises(ValidationError) as exc:
        services.discussion_record(team=world.team, kind="", held_on=None, question=" ", by=world.pro,
                                   actions=[("Iets doen", "", None)])
    assert {"kind", "held_on", "question", "actions", "case"} <= set(exc.value.message_dict)


def test_copy_is_refused_while_the_plan_has_no_action_service(world, monkeypatch):
    d = services.discussion_record(team=world.team, case=world.case, kind="casusoverleg", held_on=TODAY, question="Vraag",
                                   actions=[("Aanmelden", "Anna", None)], by=world.pro)
    monkeypatch.setattr(services, "plan_action_service", lambda: None)
    with pytest.raises(ValidationError):
        services.discussion_action_copy_to_plan(action=d.actions.get(), by=world.pro)


def test_copy_into_the_plan_calls_the_plan_service_once(world, monkeypatch):
    d = services.discussion_record(team=world.team, case=world.case, kind="casusoverleg", held_on=TODAY, question="Vraag",
                                   actions=[("Aanmelden", "Anna", TODAY)], by=world.pro)
    calls = []
    monkeypatch.setattr(services, "plan_action_service", lambda: (lambda **kw: calls.append(kw)))
    action = services.discussion_action_copy_to_plan(action=d.actions.get(), by=world.pro)
    assert action.copied_at is not None
    assert calls == [{"case": world.case, "description": "Aanmelden", "owner": "Anna", "due_on": TODAY, "by": world.pro}]
    with pytest.raises(ValidationError):
        services.discussion_action_copy_to_plan(action=action, by=world.pro)


def test_actions_of_an_anonymous_discussion_cannot_be_copied(world):
    d = anonymous(world)
    with pytest.raises(ValidationError):
        services.discussion_action_copy_to_plan(action=d.actions.get(), by=world.pro)
