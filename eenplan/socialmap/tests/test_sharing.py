"""Consent and other bases for sharing: validity by dates and withdrawal, and what a partner
contact can be shown as a result."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Action
from eenplan.socialmap import selectors, services
from eenplan.socialmap.models import DataCategory, SharingBasis, SharingEnd

from .factories import OrganisationFactory, make_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
D = timedelta(days=1)


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def partner():
    return OrganisationFactory(name="Schuldhulp Eendijk")


def consent(world, partner, **kw):
    args = dict(
        case=world.case, organisation=partner, kind="toestemming", purpose="afstemming", legal_task="wgs",
        necessity="Schuldhulp heeft de hulpvraag nodig om een afspraak te plannen.",
        categories=[DataCategory.CONTACT, DataCategory.QUESTION], valid_from=TODAY - 10 * D, valid_until=TODAY + 30 * D,
        consent_by=world.member.person, consent_form="schriftelijk", by=world.pro,
    )
    args.update(kw)
    return services.sharing_basis_record(**args)


def test_consent_is_valid_between_its_dates(world, partner):
    consent(world, partner, valid_from=TODAY, valid_until=TODAY + 5 * D)
    assert not selectors.sharing_allowed(world.case, partner, on=TODAY - D)
    assert selectors.sharing_allowed(world.case, partner, on=TODAY)
    assert selectors.sharing_allowed(world.case, partner, on=TODAY + 5 * D)
    assert not selectors.sharing_allowed(world.case, partner, on=TODAY + 6 * D)


def test_withdrawal_stops_sharing_from_its_date_and_keeps_the_history(world, partner):
    basis = consent(world, partner)
    services.sharing_basis_end(basis=basis, ended_on=TODAY + 2 * D, by=world.pro, note="Moeder trekt toestemming in.")
    assert selectors.sharing_allowed(world.case, partner, on=TODAY + D)
    assert not selectors.sharing_allowed(world.case, partner, on=TODAY + 2 * D)
    basis.refresh_from_db()
    assert basis.valid_until == TODAY + 30 * D  # never edited: the withdrawal is its own row
    assert SharingEnd.objects.get(basis=basis).ended_on == TODAY + 2 * D
    with pytest.raises(ValidationError):
        services.sharing_basis_end(basis=basis, ended_on=TODAY + 3 * D, by=world.pro)


def test_purpose_and_partner_must_match(world, partner):
    consent(world, partner, purpose="doorverwijzing")
    assert selectors.sharing_allowed(world.case, partner, purpose="doorverwijzing")
    assert not selectors.sharing_allowed(world.case, partner, purpose="veiligheid")
    assert not selectors.sharing_allowed(world.case, OrganisationFactory())


def test_categories_are_the_union_of_valid_bases(world, partner):
    consent(world, partner, categories=[DataCategory.CONTACT])
    services.sharing_basis_record(
        case=world.case, organisation=partner, kind="gevaar", purpose="veiligheid", legal_task="meldrecht",
        necessity="Acuut gevaar voor de kinderen.", reason="Vader dreigt; politie betrokken.", categories=[DataCategory.REGIE],
        valid_from=TODAY, by=world.pro,
    )
    decision = selectors.sharing_allowed(world.case, partner)
    assert decision.categories == {DataCategory.CONTACT, DataCategory.REGIE}
    assert selectors.sharing_allowed(world.case, partner, purpose="afstemming").categories == {DataCategory.CONTACT}


def test_partner_overview_shows_only_covered_categories(world, partner):
    consent(world, partner, categories=[DataCategory.QUESTION])
    data = selectors.partner_overview(world.case, partner)
    assert set(data["shown"]) == {DataCategory.QUESTION}
    assert data["shown"][DataCategory.QUESTION] == "Schulden en stress over de huur."


def test_partner_overview_is_empty_without_a_valid_basis(world, partner):
    basis = consent(world, partner)
    services.sharing_basis_end(basis=basis, ended_on=TODAY, by=world.pro)
    data = selectors.partner_overview(world.case, partner)
    assert not data["decision"] and data["shown"] == {}


def test_consent_needs_partner_purpose_and_a_legal_task(world):
    with pytest.raises(ValidationError) as exc:
        services.sharing_basis_record(
            case=world.case, organisation=None, kind="toestemming", purpose="", legal_task="", necessity="", categories=[],
            valid_from=TODAY, valid_until=None, consent_by=None, consent_form="", by=world.pro,
        )
    errors = exc.value.message_dict
    assert {"organisation", "purpose", "legal_task", "necessity", "categories", "consent_by", "consent_form", "valid_until"} <= set(errors)
    assert not SharingBasis.objects.exists()


def test_danger_needs_a_reason(world, partner):
    with pytest.raises(ValidationError) as exc:
        services.sharing_basis_record(
            case=world.case, organisation=partner, kind="zorgmijding", purpose="veiligheid", legal_task="wmo", necessity="Nodig.",
            categories=[DataCategory.CONTACT], valid_from=TODAY, by=world.pro,
        )
    assert "reason" in exc.value.message_dict


def test_consent_by_someone_outside_the_household_is_refused(world, partner):
    from eenplan.testing.factories import PersonFactory

    with pytest.raises(ValidationError) as exc:
        consent(world, partner, consent_by=PersonFactory())
    assert "consent_by" in exc.value.message_dict


def test_sharing_writes_are_logged(world, partner):
    basis = consent(world, partner)
    services.sharing_basis_end(basis=basis, ended_on=TODAY, by=world.pro)
    entries = AccessLogEntry.objects.filter(case_id=world.case.pk, record_type="socialmap.SharingBasis")
    assert list(entries.order_by("pk").values_list("action", flat=True)) == [Action.CREATE, Action.UPDATE]
    assert entries.order_by("pk").last().detail == "consent withdrawn"
