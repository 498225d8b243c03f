"""A child's own Mijn ZRM and the parents: the age rules (docs/access.md). Under 12 the professional decides,
from 12 to 16 together with the child, from 16 the young person alone; applied again on every read; every
decision, refusal and parent's read is in the access log with the child as the person."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eenplan.access import policy
from eenplan.access.models import AccessLogEntry
from eenplan.people.models import MemberRole
from eenplan.plans.services import ActionData
from eenplan.plans.tests.factories import add_goal, in_days, make_world
from eenplan.portal import services
from eenplan.portal.models import ChildSharing
from eenplan.testing.factories import HouseholdMemberFactory
from eenplan.testing.walker import login_resident

pytestmark = pytest.mark.django_db


def born_years_ago(years, days_extra=0):
    today = timezone.localdate()
    return date(today.year - years, today.month, 1 if today.day > 28 else today.day) - timezone.timedelta(days=days_extra)


def world_with_child(age, name="Noor"):
    world = make_world()
    add_goal(world, actions=[ActionData(what="Post sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14))])
    world.child = HouseholdMemberFactory(household=world.case.household, role=MemberRole.CHILD, person__given_names=name,
                                         person__surname="Bakker", person__bsn="",
                                         person__birth_date=born_years_ago(age) if age is not None else None).person
    return world


def child_fills_in(world, text="Ik wil over school praten"):
    child = login_resident(Client(), world.child)
    assert child.post(reverse("portal:my_zrm"), {"what_matters": text, "score_financien": "4"}).status_code == 302
    return child


def share(staff, world, agreed=False, child=None):
    data = {"child": (child or world.child).pk, "note": "besproken aan tafel"}
    if agreed:
        data["child_agreed"] = "on"
    return staff.post(reverse("portal-staff:child_share", args=[world.case.pk]), data)


@pytest.mark.parametrize(("age", "rule"), [(0, "professional"), (11, "professional"), (12, "samen"), (15, "samen"),
                                           (16, "zelf"), (17, "zelf"), (None, "zelf")])
def test_who_decides_by_age(age, rule):
    world = world_with_child(age)
    assert policy.child_rule(world.child) == rule


def test_the_day_of_the_birthday_counts():
    world = world_with_child(12)
    day_before = world.child.birth_date.replace(year=world.child.birth_date.year + 12) - timezone.timedelta(days=1)
    assert policy.age_of(world.child, day_before) == 11 and policy.child_rule(world.child, day_before) == "professional"


def test_parent_sees_a_childs_own_zrm_only_after_the_professional_shares_it(client, verified_client):
    world = world_with_child(9)
    child_fills_in(world)
    parent = login_resident(Client(), world.member.person)
    assert "Ik wil over school praten" not in parent.get(reverse("portal:my_zrm")).content.decode()

    staff = verified_client(world.pro)
    page = staff.get(reverse("portal-staff:case", args=[world.case.pk])).content.decode()
    assert "Wat kinderen zelf invullen" in page and "u (jonger dan 12)" in page
    assert share(staff, world).status_code == 302
    sharing = ChildSharing.objects.get()
    assert (sharing.started_by, sharing.child_agreed, sharing.by_child) == (world.pro, False, False)
    made = AccessLogEntry.objects.get(record_type="portal.ChildSharing", action="create", outcome="allowed")
    assert (made.user, made.person_id, made.case_id) == (world.pro, world.child.pk, world.case.pk)

    body = parent.get(reverse("portal:my_zrm")).content.decode()
    assert "Wat uw kinderen zelf invullen" in body and "Ik wil over school praten" in body
    read = AccessLogEntry.objects.filter(username=f"inwoner:{world.member.person.pk}", person_id=world.child.pk,
                                         record_type="portal.SelfAssessment", action="read")
    assert read.count() == 1

    # Stopped: the parent no longer sees it, and the stop is logged.
    assert staff.post(reverse("portal-staff:child_stop", args=[world.case.pk]), {"child": world.child.pk}).status_code == 302
    assert "Ik wil over school praten" not in parent.get(reverse("portal:my_zrm")).content.decode()
    assert AccessLogEntry.objects.filter(record_type="portal.ChildSharing", action="update", person_id=world.child.pk).exists()


def test_from_twelve_the_child_must_agree_and_the_refusal_is_on_the_field_and_logged(verified_client):
    world = world_with_child(13)
    staff = verified_client(world.pro)
    response = share(staff, world, agreed=False)
    body = response.content.decode()
    assert response.status_code == 400 and "vink aan dat het kind het ermee eens is" in body
    assert "besproken aan tafel" in body  # the note typed is kept
    assert not ChildSharing.objects.exists()
    refused = AccessLogEntry.objects.get(record_type="portal.ChildSharing", outcome="refused")
    assert (refused.person_id, refused.acting_role) == (world.child.pk, "kind:samen-zonder-instemming")
    assert share(staff, world, agreed=True).status_code == 302
    assert ChildSharing.objects.get().child_agreed is True


def test_from_sixteen_the_professional_cannot_share_only_the_young_person(client, verified_client):
    world = world_with_child(16)
    staff = verified_client(world.pro)
    response = share(staff, world, agreed=True)
    assert response.status_code == 400 and "beslist zelf" in response.content.decode()
    assert not ChildSharing.objects.exists()

    youth = child_fills_in(world, "Mijn eigen woorden")
    page = youth.get(reverse("portal:my_zrm")).content.decode()
    assert "Uw ouders zien niet wat u hier invult" in page and "Dit beslist u zelf" in page
    assert youth.post(reverse("portal:my_zrm_sharing"), {"share": "ja"}).status_code == 302
    sharing = ChildSharing.objects.get()
    assert (sharing.by_child, sharing.started_by) == (True, None)
    parent = login_resident(Client(), world.member.person)
    assert "Mijn eigen woorden" in parent.get(reverse("portal:my_zrm")).content.decode()
    # And the young person stops it again.
    assert youth.post(reverse("portal:my_zrm_sharing"), {"share": "nee"}).status_code == 302
    assert ChildSharing.objects.get().ended_by_child is True
    assert "Mijn eigen woorden" not in parent.get(reverse("portal:my_zrm")).content.decode()


def test_between_twelve_and_sixteen_the_child_can_stop_but_not_start(verified_client):
    world = world_with_child(14)
    youth = child_fills_in(world)
    youth.post(reverse("portal:my_zrm_sharing"), {"share": "ja"})
    assert not ChildSharing.objects.exists()
    assert AccessLogEntry.objects.filter(username=f"inwoner:{world.child.pk}", detail__contains="not saved").exists()
    share(verified_client(world.pro), world, agreed=True)
    assert "Uw ouders zien wat u hier invult" in youth.get(reverse("portal:my_zrm")).content.decode()
    assert youth.post(reverse("portal:my_zrm_sharing"), {"share": "nee"}).status_code == 302
    assert ChildSharing.objects.get().ended_at is not None


def test_a_sharing_by_the_professional_stops_counting_when_the_child_turns_sixteen(client, verified_client):
    world = world_with_child(15)
    child_fills_in(world)
    share(verified_client(world.pro), world, agreed=True)
    parent = login_resident(Client(), world.member.person)
    assert "Ik wil over school praten" in parent.get(reverse("portal:my_zrm")).content.decode()
    world.child.birth_date = born_years_ago(16)
    world.child.save(update_fields=["birth_date"])
    assert "Ik wil over school praten" not in parent.get(reverse("portal:my_zrm")).content.decode()


def test_only_a_parent_of_the_household_sees_it_never_a_sibling_or_partner(client, verified_client):
    world = world_with_child(8)
    sibling = HouseholdMemberFactory(household=world.case.household, role=MemberRole.CHILD, person__given_names="Bram",
                                     person__birth_date=born_years_ago(17)).person
    partner = HouseholdMemberFactory(household=world.case.household, role=MemberRole.PARTNER).person
    other_parent = make_world().member.person  # a parent in another household
    child_fills_in(world)
    share(verified_client(world.pro), world)
    for person in (sibling, partner, other_parent):
        assert "Ik wil over school praten" not in login_resident(Client(), person).get(reverse("portal:my_zrm")).content.decode()
    assert policy.children_shown_to(world.member.person, world.case) == [world.child]
    # A professional not involved in the case cannot share.
    from eenplan.accounts.models import RoleCode
    from eenplan.testing.factories import UserFactory

    outsider = UserFactory(roles=[RoleCode.PROFESSIONAL], team=world.case.team)
    assert share(verified_client(outsider), world).status_code == 403


def test_the_service_refuses_a_second_open_sharing():
    world = world_with_child(5)
    services.child_sharing_start(case=world.case, child=world.child, by=world.pro)
    with pytest.raises(ValidationError, match="zien al wat dit kind invult"):
        services.child_sharing_start(case=world.case, child=world.child, by=world.pro)
    assert ChildSharing.objects.count() == 1


def test_the_sharing_is_in_the_childs_art15_export_not_the_parents():
    from eenplan.privacy.exports import person_export

    world = world_with_child(10)
    services.child_sharing_start(case=world.case, child=world.child, by=world.pro, note="aan tafel besproken")

    def sharing_groups(person):
        return [g for case in person_export(person)["cases"] for g in case["groups"] if g["type"] == "portal.ChildSharing"]

    assert len(sharing_groups(world.child)) == 1
    assert sharing_groups(world.member.person) == []
