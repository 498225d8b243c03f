"""Mijn plan without DigiD (an invitation: link + code by e-mail, expiring, single use, hashed, logged) and
pausing Mijn plan for a case (a kind page for the resident, logged; decided in access/policy.py)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.plans.services import ActionData
from eenplan.plans.tests.factories import add_goal, in_days, make_world
from eenplan.portal.models import AccessPause, Invitation
from eenplan.portal.session import SESSION_KEY
from eenplan.testing.factories import HouseholdMemberFactory
from eenplan.testing.walker import login_resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def world_with_plan():
    world = make_world()
    add_goal(world, actions=[ActionData(what="Post samen sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14))])
    # A 16-year-old in the household: no DigiD, no BSN on file.
    world.teen = HouseholdMemberFactory(household=world.case.household, person__given_names="Noor", person__surname="Bakker",
                                        person__bsn="")
    return world


def send(client, world, email="noor@example.nl", person=None):
    person = person or world.teen.person
    return client.post(reverse("portal-staff:invite", args=[world.case.pk]), {"person": person.pk, "email": email})


def link_and_code(message):
    link = re.search(r"(http\S+/mijn-plan/uitnodiging/\?sleutel=\S+)", message.body).group(1)
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    return link, code


def test_regisseur_sends_an_invitation_stored_hashed_and_logged(client, verified_client):
    world = world_with_plan()
    staff = verified_client(world.pro)
    assert staff.get(reverse("portal-staff:case", args=[world.case.pk])).status_code == 200
    response = send(staff, world)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["noor@example.nl"]
    link, code = link_and_code(mail.outbox[0])
    invitation = Invitation.objects.get()
    token = link.split("sleutel=")[1]
    # Neither the key nor the code is stored as such.
    assert token not in invitation.token_hash and code not in invitation.code_hash
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    sent = AccessLogEntry.objects.get(record_type="portal.Invitation", action="create")
    assert (sent.user, sent.person_id, sent.case_id) == (world.pro, world.teen.person_id, world.case.pk)
    # Sending again replaces the open invitation: the first link no longer works.
    send(staff, world)
    assert Invitation.objects.filter(withdrawn_at__isnull=False).count() == 1


def test_invitation_refused_for_someone_outside_the_household_and_for_a_bad_address(verified_client):
    world = world_with_plan()
    stranger = HouseholdMemberFactory()
    staff = verified_client(world.pro)
    response = send(staff, world, person=stranger.person)
    assert response.status_code == 400 and "Kies iemand uit dit huishouden" in response.content.decode()
    response = send(staff, world, email="geen-adres")
    assert response.status_code == 400 and "geldig e-mailadres" in response.content.decode()
    assert 'value="geen-adres"' in response.content.decode()  # nothing typed is lost
    assert not Invitation.objects.exists() and not mail.outbox


def test_uninvolved_professional_cannot_invite_or_pause(verified_client):
    from eenplan.testing.factories import UserFactory

    world = world_with_plan()
    other = UserFactory(roles=["professional"], team=world.team)
    staff = verified_client(other)
    assert send(staff, world).status_code == 403
    assert staff.post(reverse("portal-staff:pause", args=[world.case.pk]), {"reason": "Meldcode loopt over moeder"}).status_code == 403
    assert not Invitation.objects.exists() and not AccessPause.objects.exists()
    assert AccessLogEntry.objects.filter(user=other, outcome="refused", case_id=world.case.pk).count() == 2


def test_invited_member_opens_the_link_types_the_code_and_sees_the_plan_once(client, verified_client):
    world = world_with_plan()
    send(verified_client(world.pro), world)
    link, code = link_and_code(mail.outbox[0])
    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == reverse("portal:invitation")  # the key leaves the address
    response = client.post(reverse("portal:invitation"), {"code": code})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert client.session[SESSION_KEY] == {"person": world.teen.person_id, "via": "uitnodiging"}
    assert "Post samen sorteren" in client.get(reverse("portal:home")).content.decode()
    used = AccessLogEntry.objects.get(action="login", outcome="allowed", record_type="portal.Invitation")
    assert used.person_id == world.teen.person_id and used.username == f"inwoner:{world.teen.person_id}"
    assert "sleutel" not in used.path
    # Single use: the same link and code again are refused, with a clear message.
    other = client.__class__()
    other.get(link)
    response = other.post(reverse("portal:invitation"), {"code": code})
    assert response.status_code == 422 and "al gebruikt" in response.content.decode()
    assert SESSION_KEY not in other.session


def test_wrong_codes_are_limited_and_logged(client, verified_client):
    world = world_with_plan()
    send(verified_client(world.pro), world)
    link, code = link_and_code(mail.outbox[0])
    client.logout()
    client.get(link)
    wrong = "000000" if code != "000000" else "111111"
    response = client.post(reverse("portal:invitation"), {"code": wrong})
    assert response.status_code == 422 and "De code klopt niet" in response.content.decode() and "nog 4 keer" in response.content.decode()
    for _ in range(4):
        response = client.post(reverse("portal:invitation"), {"code": wrong})
    assert "te vaak" in response.content.decode()
    response = client.post(reverse("portal:invitation"), {"code": code})  # now even the right code is refused
    assert response.status_code == 422 and SESSION_KEY not in client.session
    assert Invitation.objects.get().failed_attempts == 5
    refused = AccessLogEntry.objects.filter(action="login", outcome="refused", record_type="portal.Invitation")
    assert refused.count() == 6 and all(e.person_id == world.teen.person_id for e in refused)


def test_an_expired_invitation_is_refused(client, verified_client):
    world = world_with_plan()
    send(verified_client(world.pro), world)
    link, code = link_and_code(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()
    client.get(link)
    response = client.post(reverse("portal:invitation"), {"code": code})
    assert response.status_code == 422 and "niet meer geldig" in response.content.decode()
    assert AccessLogEntry.objects.filter(action="login", outcome="refused", acting_role__endswith="verlopen").exists()


def test_an_unknown_link_is_refused_and_logged(client):
    client.get(reverse("portal:invitation") + "?sleutel=bestaat-niet")
    response = client.post(reverse("portal:invitation"), {"code": "123456"})
    assert response.status_code == 422 and "Deze link werkt niet" in response.content.decode()
    assert AccessLogEntry.objects.filter(action="login", outcome="refused", record_type="portal.Invitation").exists()


def test_pause_shows_the_resident_a_kind_page_and_is_logged(client, verified_client):
    world = world_with_plan()
    staff = verified_client(world.pro)
    response = staff.post(reverse("portal-staff:pause", args=[world.case.pk]), {"reason": "kort"})
    assert response.status_code == 400 and not AccessPause.objects.exists()
    response = staff.post(reverse("portal-staff:pause", args=[world.case.pk]), {"reason": "Meldcode loopt over vader"})
    assert response.status_code == 302
    pause = AccessPause.objects.get()
    assert AccessLogEntry.objects.filter(record_type="portal.AccessPause", action="create", user=world.pro).exists()
    staff.logout()

    resident = login_resident(client.__class__(), world.member.person)
    for name in ("portal:home", "portal:agreement", "portal:who_looked"):
        response = resident.get(reverse(name))
        body = response.content.decode()
        assert response.status_code == 403 and "Mijn plan is gepauzeerd" in body and "Anna de Vries" in body, name
        assert "Meldcode" not in body and "Post samen sorteren" not in body
    refused = AccessLogEntry.objects.filter(username=f"inwoner:{world.member.person_id}", outcome="refused")
    assert refused.filter(acting_role="inwoner:gepauzeerd", case_id=world.case.pk).count() == 3

    staff = verified_client(world.pro)
    assert staff.post(reverse("portal-staff:resume", args=[world.case.pk])).status_code == 302
    pause.refresh_from_db()
    assert pause.ended_by == world.pro
    assert resident.get(reverse("portal:home")).status_code == 200
