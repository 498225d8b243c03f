"""Case discussions: anonymous ones hold no personal data (enforced by the service)."""

from datetime import timedelta

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


def _discussion_with_action(world, due=None):
    return services.discussion_record(team=world.team, case=world.case, kind="casusoverleg", held_on=TODAY, question="Vraag",
                                      actions=[("Aanmelden bij Schuldhulp", "Anna", due or TODAY + timedelta(days=7))], by=world.pro)


def test_copy_is_refused_while_the_plan_cannot_take_actions(world, monkeypatch):
    d = _discussion_with_action(world)
    monkeypatch.setattr(services, "plan_action_service", lambda: None)
    with pytest.raises(ValidationError):
        services.discussion_action_copy_to_plan(action=d.actions.get(), goal_key="x", owner_kind="professional", by=world.pro)
    assert d.actions.get().copied_at is None


def _plan_with_goal(world):
    from eenplan.assessment.models import Domain
    from eenplan.plans import services as plan_services

    plan = plan_services.plan_ensure(case=world.case, by=world.pro)
    goal = plan_services.AddGoal(data=plan_services.GoalData(
        title="Grip op de schulden", term="kort", target_date=TODAY + timedelta(days=90),
        domain_ids=[Domain.objects.get(instrument__code="zrm-2017", code="financien").pk]))
    plan_services.plan_version_create(plan=plan, by=world.pro, reason="Keukentafelgesprek", changes=[goal])
    return plan, goal.key


def test_copy_into_the_plan_makes_a_new_plan_version_with_the_action(world):
    from eenplan.plans.models import PlanAction
    from eenplan.plans.selectors import current_version

    plan, goal_key = _plan_with_goal(world)
    d = _discussion_with_action(world)
    assert services.plan_goals(world.case) == [(goal_key, "Grip op de schulden")]
    action = services.discussion_action_copy_to_plan(action=d.actions.get(), goal_key=goal_key, owner_kind="professional", by=world.pro)
    assert action.copied_at is not None
    version = current_version(world.case)
    assert version.number == 2 and action.copied_to == f"plans.PlanVersion:{version.pk}"
    assert PlanAction.objects.filter(goal__version=version, what="Aanmelden bij Schuldhulp").exists()
    with pytest.raises(ValidationError):
        services.discussion_action_copy_to_plan(action=action, goal_key=goal_key, owner_kind="professional", by=world.pro)


def test_copy_without_a_plan_or_goal_is_refused_and_nothing_is_marked(world):
    d = _discussion_with_action(world)
    with pytest.raises(ValidationError):
        services.discussion_action_copy_to_plan(action=d.actions.get(), goal_key=None, owner_kind="professional", by=world.pro)
    with pytest.raises(ValidationError):
        services.discussion_action_copy_to_plan(action=d.actions.get(), goal_key="abc", owner_kind="professional", by=world.pro)
    assert d.actions.get().copied_at is None


def test_actions_of_an_anonymous_discussion_cannot_be_copied(world):
    d = anonymous(world)
    with pytest.raises(ValidationError):
        services.discussion_action_copy_to_plan(action=d.actions.get(), goal_key="x", owner_kind="professional", by=world.pro)
