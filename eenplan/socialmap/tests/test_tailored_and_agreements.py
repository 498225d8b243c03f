"""Tailored-provision requests keep an append-only status history; agreements plan a date."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.cases.models import PlannedItem
from eenplan.socialmap import services
from eenplan.socialmap.models import Agreement, RequestStatus, RequestStatusChange, TailoredProvisionRequest

from .factories import OrganisationFactory, ProvisionFactory, make_world

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
D = timedelta(days=1)


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def request_(world):
    provision = ProvisionFactory(name="Begeleiding thuis", type="maatwerk", needs_decision=True)
    return services.tailored_request_add(case=world.case, provision=provision, law="wmo", motivation="Structuur nodig.",
                                         requested_on=TODAY - 20 * D, person=world.member.person, by=world.pro)


def test_status_history_is_appended_in_order(world, request_):
    services.tailored_request_set_status(request=request_, status=RequestStatus.GRANTED, on=TODAY - 10 * D, by=world.pro)
    services.tailored_request_set_status(request=request_, status=RequestStatus.STARTED, on=TODAY - 5 * D, by=world.pro)
    services.tailored_request_set_status(request=request_, status=RequestStatus.ENDED, on=TODAY, by=world.pro, note="Doel bereikt.")
    history = list(RequestStatusChange.objects.filter(request=request_).values_list("status", "on"))
    assert history == [("aangevraagd", TODAY - 20 * D), ("toegekend", TODAY - 10 * D), ("gestart", TODAY - 5 * D), ("beeindigd", TODAY)]
    request_.refresh_from_db()
    assert (request_.status, request_.status_on) == (RequestStatus.ENDED, TODAY)


def test_a_status_cannot_skip_or_go_back(world, request_):
    with pytest.raises(ValidationError) as exc:
        services.tailored_request_set_status(request=request_, status=RequestStatus.STARTED, on=TODAY, by=world.pro)
    assert "status" in exc.value.message_dict
    services.tailored_request_set_status(request=request_, status=RequestStatus.REFUSED, on=TODAY, by=world.pro, note="Voorliggend eerst.")
    with pytest.raises(ValidationError):
        services.tailored_request_set_status(request=request_, status=RequestStatus.GRANTED, on=TODAY, by=world.pro)
    assert RequestStatusChange.objects.filter(request=request_).count() == 2


def test_refusal_needs_a_note_and_dates_cannot_go_back(world, request_):
    with pytest.raises(ValidationError) as exc:
        services.tailored_request_set_status(request=request_, status=RequestStatus.REFUSED, on=TODAY, by=world.pro)
    assert "note" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.tailored_request_set_status(request=request_, status=RequestStatus.GRANTED, on=TODAY - 30 * D, by=world.pro)
    assert "on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.tailored_request_set_status(request=request_, status=RequestStatus.GRANTED, on=TODAY + D, by=world.pro)
    assert TailoredProvisionRequest.objects.get().status == RequestStatus.REQUESTED


def test_request_needs_provision_law_and_motivation(world):
    with pytest.raises(ValidationError) as exc:
        services.tailored_request_add(case=world.case, provision=None, law="", motivation="", by=world.pro)
    assert {"provision", "law", "motivation"} <= set(exc.value.message_dict)
    assert not TailoredProvisionRequest.objects.exists()


def test_partner_and_agreement_with_planned_date(world):
    partner = services.case_partner_add(case=world.case, organisation=OrganisationFactory(), role="schuldhulp",
                                        contact_name="Petra Smit", by=world.pro)
    with pytest.raises(ValidationError):
        services.case_partner_add(case=world.case, organisation=partner.organisation, role="x", contact_name="y", by=world.pro)
    agreement = services.agreement_add(case=world.case, partner=partner, description="Intake plannen", owner="Petra",
                                       due_on=TODAY + 7 * D, by=world.pro)
    item = PlannedItem.objects.get(case=world.case, source=f"socialmap.Agreement:{agreement.pk}")
    assert item.due_on == TODAY + 7 * D and item.done_at is None
    services.agreement_done(agreement=agreement, by=world.pro)
    item.refresh_from_db()
    assert item.done_at is not None and Agreement.objects.get().done_on == TODAY


def test_agreement_needs_partner_owner_and_date(world):
    with pytest.raises(ValidationError) as exc:
        services.agreement_add(case=world.case, partner=None, description="", owner="", due_on=None, by=world.pro)
    assert {"partner", "description", "owner", "due_on"} <= set(exc.value.message_dict)
