"""Merging two records of one person or household, and undoing it, on hand-made data (ADR 0113)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.access import policy
from eenplan.access.models import AccessGrant, AccessLogEntry, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.assessment.models import View, WatTeltEntry, ZrmMeasurement
from eenplan.assessment.tests.factories import domains, zrm2017
from eenplan.cases.models import Case, Phase
from eenplan.intake.tests.factories import make_signal
from eenplan.people import merging
from eenplan.people.matching import find_matches
from eenplan.people.models import Household, HouseholdMember, MemberRole, Merge, Person
from eenplan.people.selectors import PersonQuery, search_people
from eenplan.people.services import current_members
from eenplan.portal.models import ChildSharing
from eenplan.testing.factories import (
    CaseFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

KERK = {"street": "Kerkstraat", "house_number": 8, "postcode": "7413 AB", "city": "Eendijk"}
REASON = "Zelfde naam en geboortedatum, bevestigd aan de telefoon."


@pytest.fixture
def town():
    """One family registered twice at one address: two households, Jan in each (once with a BSN), a child in the first."""
    team = TeamFactory()
    wijk = team.wijken.first()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    h1 = HouseholdFactory(name="Gezin Bakker", wijk=wijk, **KERK)
    h2 = HouseholdFactory(name="Huishouden Bakker", wijk=wijk, **KERK)
    jan1 = HouseholdMemberFactory(household=h1, person=PersonFactory(given_names="Jan", surname="Bakker", bsn="",
                                                                      birth_date=date(1980, 2, 3), **KERK)).person
    lotte = HouseholdMemberFactory(household=h1, role=MemberRole.CHILD, person=PersonFactory(
        given_names="Lotte", surname="Bakker", bsn="", birth_date=date(2015, 5, 9), **KERK)).person
    jan2 = HouseholdMemberFactory(household=h2, person=PersonFactory(given_names="Jan", surname="Bakker", bsn="999991000",
                                                                      birth_date=date(1980, 2, 3), **KERK)).person
    c1 = CaseFactory(household=h1, team=team, regisseur=pro)
    c2 = CaseFactory(household=h2, team=team, regisseur=pro, phase=Phase.AFGESLOTEN, closed_at=timezone.now())
    # Histories that refer to each record: signals, a ZRM measurement, Wat Telt, a child's sharing.
    make_signal(by=pro, team=team, person=jan1, household=h1)
    make_signal(by=pro, team=team, person=jan2, household=h2)
    ZrmMeasurement.objects.create(case=c1, person=jan1, instrument=zrm2017(), measured_on=date(2026, 1, 5), by=pro)
    domain = next(iter(domains().values()))
    WatTeltEntry.objects.create(case=c2, person=jan2, domain=domain, view=View.RESIDENT, by=pro)
    ChildSharing.objects.create(case=c1, child=lotte, started_by=pro)
    return dict(team=team, pro=pro, lead=lead, h1=h1, h2=h2, jan1=jan1, jan2=jan2, lotte=lotte, c1=c1, c2=c2)


def refs(target) -> dict[str, list[int]]:
    """Every row referring to `target`, per reference, found from the models' meta like the service does."""
    model = type(target)
    return {merging.label(m, f): sorted(m._base_manager.filter(**{f.attname: target.pk}).values_list("pk", flat=True))
            for m, f in merging.references_to(model) if merging.label(m, f) in merging.MOVED_TO_KEPT}


def nonempty(d):
    return {k: v for k, v in d.items() if v}


def test_every_reference_to_a_person_or_household_is_decided():
    """A new foreign key to Person or Household fails here until it is put in MOVED_TO_KEPT or KEPT_ON_MERGED."""
    assert merging.unhandled_references() == []
    found = {merging.label(m, f) for target in (Person, Household) for m, f in merging.references_to(target)}
    assert merging.MOVED_TO_KEPT | set(merging.KEPT_ON_MERGED) == found  # and no stale names in the lists


def test_an_undecided_reference_makes_every_merge_fail(town, monkeypatch):
    monkeypatch.setattr(merging, "MOVED_TO_KEPT", merging.MOVED_TO_KEPT - {"intake.Signal.person"})
    with pytest.raises(merging.UnhandledReference, match="intake.Signal.person"):
        merging.person_merge(kept=town["jan2"], merged=town["jan1"], by=town["pro"], reason=REASON)
    assert Person.objects.get(pk=town["jan1"].pk).merged_into is None


def test_person_merge_moves_every_reference_keeps_both_records_and_undo_moves_them_back(town):
    jan1, jan2 = town["jan1"], town["jan2"]
    before1, before2 = refs(jan1), refs(jan2)
    assert nonempty(before1).keys() >= {"people.HouseholdMember.person", "intake.Signal.person", "assessment.ZrmMeasurement.person"}

    merge = merging.person_merge(kept=jan2, merged=jan1, by=town["pro"], reason=REASON, evidence=["achternaam", "geboortedatum"])

    assert nonempty(refs(jan1)) == {}
    assert refs(jan2) == {k: sorted(before1[k] + before2[k]) for k in before1}
    assert merge.moved == nonempty(before1) and merge.stayed == {}
    jan1.refresh_from_db()
    assert jan1.merged_into == jan2 and jan1.given_names == "Jan" and jan1.birth_date == date(1980, 2, 3)  # history kept
    assert set(HouseholdMember.objects.filter(person=jan2).values_list("household_id", flat=True)) == {town["h1"].pk, town["h2"].pk}

    merging.merge_undo(merge=merge, by=town["pro"], reason="Toch twee verschillende mensen.")
    assert refs(jan1) == before1 and refs(jan2) == before2
    jan1.refresh_from_db()
    assert jan1.merged_into is None
    merge.refresh_from_db()
    assert merge.undone_at is not None and merge.undone_by == town["pro"]


def test_the_bsn_goes_to_the_kept_record_and_back_on_undo(town):
    jan1, jan2 = town["jan1"], town["jan2"]
    merge = merging.person_merge(kept=jan1, merged=jan2, by=town["pro"], reason=REASON)
    jan1.refresh_from_db()
    jan2.refresh_from_db()
    assert (jan1.bsn, jan2.bsn, merge.taken_over) == ("999991000", "", {"bsn": "999991000"})
    merging.merge_undo(merge=merge, by=town["pro"], reason="Verkeerd samengevoegd, terugdraaien.")
    jan1.refresh_from_db()
    jan2.refresh_from_db()
    assert (jan1.bsn, jan2.bsn) == ("", "999991000")


def test_two_different_bsns_are_two_people_refused_and_logged_for_both(town):
    jan1 = town["jan1"]
    Person.objects.filter(pk=jan1.pk).update(bsn="999991243")
    jan1.refresh_from_db()
    with pytest.raises(merging.MergeRefused, match="different BSNs|verschillend BSN"):
        merging.person_merge(kept=town["jan2"], merged=jan1, by=town["pro"], reason=REASON)
    refused = AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, record_type="people.Person")
    assert set(refused.values_list("person_id", flat=True)) == {jan1.pk, town["jan2"].pk}
    assert not Merge.objects.exists() and Person.objects.get(pk=jan1.pk).merged_into is None
    assert refs(jan1)["intake.Signal.person"]  # nothing moved


def test_a_merge_is_logged_for_both_records_with_the_reason(town):
    merge = merging.person_merge(kept=town["jan2"], merged=town["jan1"], by=town["pro"], reason=REASON)
    lines = AccessLogEntry.objects.filter(record_type="people.Person", outcome=Outcome.ALLOWED, detail__startswith=f"merge {merge.pk}")
    assert sorted(lines.values_list("person_id", flat=True)) == sorted([town["jan1"].pk, town["jan2"].pk])
    assert {line.reason for line in lines} == {REASON}
    merging.merge_undo(merge=merge, by=town["pro"], reason="Terugdraaien na controle BRP.")
    undo = AccessLogEntry.objects.filter(detail__startswith=f"merge {merge.pk} undone")
    assert sorted(undo.values_list("person_id", flat=True)) == sorted([town["jan1"].pk, town["jan2"].pk])


def test_a_merge_needs_a_reason(town):
    with pytest.raises(ValidationError) as exc:
        merging.person_merge(kept=town["jan2"], merged=town["jan1"], by=town["pro"], reason="zelfde")
    assert "reason" in exc.value.message_dict


def test_a_membership_the_kept_record_already_has_stays_with_the_merged_record(town):
    h1, jan1 = town["h1"], town["jan1"]
    twin = HouseholdMemberFactory(household=h1, person=PersonFactory(given_names="Jan", surname="Bakker", bsn="",
                                                                      birth_date=date(1980, 2, 3))).person
    merge = merging.person_merge(kept=jan1, merged=twin, by=town["pro"], reason=REASON)
    stayed = HouseholdMember.objects.get(household=h1, person=twin)
    assert merge.stayed == {"people.HouseholdMember.person": [stayed.pk]}
    assert [m.person for m in current_members(h1)].count(jan1) == 1
    assert twin not in [m.person for m in current_members(h1)]  # the merged record is not listed again
    merging.merge_undo(merge=merge, by=town["pro"], reason="Toch een ander persoon, terug.")
    assert twin in [m.person for m in current_members(h1)]


def test_merged_people_and_households_are_hidden_from_search_and_matching(town):
    merging.person_merge(kept=town["jan2"], merged=town["jan1"], by=town["pro"], reason=REASON)
    assert list(search_people(PersonQuery(name="Jan Bakker"))) == [town["jan2"]]
    found = find_matches(given_names="Jan", surname="Bakker", birth_date=date(1980, 2, 3))
    assert {m.person for m in found} == {town["jan2"]}


def test_two_households_with_an_open_case_each_are_not_merged(town):
    h1, h2 = town["h1"], town["h2"]
    Case.objects.filter(pk=town["c2"].pk).update(phase=Phase.ONDERSTEUNING, closed_at=None)
    with pytest.raises(merging.MergeRefused) as exc:
        merging.household_merge(kept=h1, merged=h2, by=town["pro"], reason=REASON)
    assert f"#{town['c1'].pk}" in exc.value.messages[0] and f"#{town['c2'].pk}" in exc.value.messages[0]
    refused = AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, record_type="people.Household")
    assert set(refused.values_list("household_id", flat=True)) == {h1.pk, h2.pk}
    assert Case.objects.filter(household=h2).count() == 1


def test_household_merge_moves_cases_members_and_signals_keeps_one_open_case_and_undoes(town):
    h1, h2 = town["h1"], town["h2"]
    before1, before2 = refs(h1), refs(h2)
    merge = merging.household_merge(kept=h1, merged=h2, by=town["pro"], reason=REASON)
    assert nonempty(refs(h2)) == {}
    assert sorted(refs(h1)["cases.Case.household"]) == sorted([town["c1"].pk, town["c2"].pk])
    assert Case.objects.filter(household=h1).exclude(phase=Phase.AFGESLOTEN).count() == 1
    assert h2.addresses.count() == Household.objects.get(pk=h2.pk).addresses.count()  # its own address history stays
    assert Household.objects.get(pk=h2.pk).merged_into == h1
    # the rule holds after the merge: no second open case on the kept household
    from eenplan.cases.services import CaseAlreadyOpen, case_open

    with pytest.raises(CaseAlreadyOpen):
        case_open(household=h1, team=town["team"], by=town["pro"])
    merging.merge_undo(merge=merge, by=town["pro"], reason="Twee huishoudens op één adres.")
    assert refs(h1) == before1 and refs(h2) == before2


def test_undo_after_the_period_is_refused_and_logged(town, settings):
    settings.EENPLAN_MERGE_UNDO_DAYS = 30
    merge = merging.person_merge(kept=town["jan2"], merged=town["jan1"], by=town["pro"], reason=REASON)
    with pytest.raises(merging.MergeRefused, match="30"):
        merging.merge_undo(merge=merge, by=town["pro"], reason="Te laat ontdekt, toch twee.", now=merge.at + timedelta(days=31))
    assert AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, detail__startswith=f"undo merge {merge.pk}").count() == 2
    assert Person.objects.get(pk=town["jan1"].pk).merged_into == town["jan2"]
    merging.merge_undo(merge=merge, by=town["pro"], reason="Binnen de termijn: terug.", now=merge.at + timedelta(days=29))


def test_undo_is_refused_when_a_moved_row_is_gone_or_the_bsn_changed(town):
    jan1, jan2 = town["jan1"], town["jan2"]
    merge = merging.person_merge(kept=jan1, merged=jan2, by=town["pro"], reason=REASON)
    Person.objects.filter(pk=jan1.pk).update(bsn="999991243")
    with pytest.raises(merging.MergeRefused, match="BSN"):
        merging.merge_undo(merge=merge, by=town["pro"], reason="Terugdraaien graag, vergissing.")
    Person.objects.filter(pk=jan1.pk).update(bsn="999991000")
    WatTeltEntry.objects.filter(person=jan1).delete()
    with pytest.raises(merging.MergeRefused):
        merging.merge_undo(merge=merge, by=town["pro"], reason="Terugdraaien graag, vergissing.")
    assert Person.objects.get(pk=jan2.pk).merged_into == jan1


def test_a_merged_record_is_not_merged_again_and_undo_is_once(town):
    merge = merging.person_merge(kept=town["jan2"], merged=town["jan1"], by=town["pro"], reason=REASON)
    with pytest.raises(merging.MergeRefused):
        merging.person_merge(kept=town["lotte"], merged=Person.objects.get(pk=town["jan1"].pk), by=town["pro"], reason=REASON)
    merging.merge_undo(merge=merge, by=town["pro"], reason="Terugdraaien, eerste keer.")
    with pytest.raises(merging.MergeRefused):
        merging.merge_undo(merge=merge, by=town["pro"], reason="Terugdraaien, tweede keer.")


# --- who may merge (access.policy) ---------------------------------------------------------------


def test_policy_involved_in_both_or_the_team_lead_may_merge(town):
    jan1, jan2 = town["jan1"], town["jan2"]
    assert policy.merge_decision(town["pro"], jan1, jan2).basis == "betrokken"
    assert policy.merge_decision(town["lead"], jan1, jan2).basis == RoleCode.TEAM_LEAD
    other = UserFactory(roles=[RoleCode.PROFESSIONAL], team=town["team"])
    assert not policy.merge_decision(other, jan1, jan2)
    # involved in one of the two only: no
    CaseFactory(household=HouseholdFactory(), team=town["team"], regisseur=other)
    town["c1"].involvements.create(user=other, since=timezone.now())
    assert policy.merge_decision(other, jan1, town["h1"])
    assert not policy.merge_decision(other, jan1, jan2)
    for role in (RoleCode.FRONT_OFFICE, RoleCode.FUNCTIONAL_ADMIN, RoleCode.MUNICIPAL_OFFICER, RoleCode.POLICY):
        user = UserFactory(roles=[role], team=town["team"])
        assert not policy.merge_decision(user, jan1, jan2), role


def test_policy_a_team_lead_of_another_team_or_a_read_only_grant_does_not_merge(town):
    other_lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=TeamFactory())
    assert not policy.merge_decision(other_lead, town["jan1"], town["jan2"])
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=town["team"])
    AccessGrant.objects.create(user=pro, case=town["c1"], reason="lezen", granted_at=timezone.now(),
                               expires_at=timezone.now() + timedelta(hours=1))
    assert not policy.merge_decision(pro, town["jan1"], town["h1"])


def test_policy_undo_asks_the_same_of_the_kept_record(town):
    merge = merging.person_merge(kept=town["jan2"], merged=town["jan1"], by=town["pro"], reason=REASON)
    assert policy.merge_undo_decision(town["lead"], merge)
    assert not policy.merge_undo_decision(UserFactory(roles=[RoleCode.PROFESSIONAL], team=town["team"]), merge)


def test_the_kept_persons_log_review_includes_the_lines_about_the_merged_record(town):
    from eenplan.access.audit import log_access
    from eenplan.access.models import Action
    from eenplan.privacy.selectors import client_filter

    earlier = log_access(user=town["pro"], action=Action.READ, record=town["jan1"], detail="before the merge")
    merging.person_merge(kept=town["jan2"], merged=town["jan1"], by=town["pro"], reason=REASON)
    assert merging.record_ids(Person, town["jan2"].pk) == [town["jan2"].pk, town["jan1"].pk]
    assert AccessLogEntry.objects.filter(client_filter(person_id=town["jan2"].pk), pk=earlier.pk).exists()
    assert policy.resident_visible_log_entries(town["jan2"]).filter(pk=earlier.pk).exists()
