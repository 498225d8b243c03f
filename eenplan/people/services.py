from django.db import transaction

from eenplan.access.audit import log_access
from eenplan.access.models import Action

from .models import Household, HouseholdMember, Person
from .validators import normalise_bsn, normalise_postcode


def _normalise(fields: dict) -> dict:
    fields = dict(fields)
    if "bsn" in fields:
        fields["bsn"] = normalise_bsn(fields["bsn"] or "")
    if "postcode" in fields:
        fields["postcode"] = normalise_postcode(fields["postcode"] or "")
    return fields


@transaction.atomic
def person_create(*, by, **fields) -> Person:
    person = Person(**_normalise(fields))
    person.full_clean()
    person.save()
    log_access(user=by, action=Action.CREATE, record=person)
    return person


@transaction.atomic
def person_update(*, person: Person, by, **fields) -> Person:
    for name, value in _normalise(fields).items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    log_access(user=by, action=Action.UPDATE, record=person, detail=",".join(sorted(fields)))
    return person


@transaction.atomic
def household_create(*, by, name: str, wijk, members: list[tuple[Person, str]] = (), **address) -> Household:
    household = Household(name=name, wijk=wijk, **_normalise(address))
    household.full_clean()
    household.save()
    for person, role in members:
        HouseholdMember.objects.create(household=household, person=person, role=role)
    log_access(user=by, action=Action.CREATE, record=household)
    return household


@transaction.atomic
def household_add_member(*, household: Household, person: Person, role: str, by, since=None) -> HouseholdMember:
    member = HouseholdMember(household=household, person=person, role=role, since=since)
    member.full_clean()
    member.save()
    log_access(user=by, action=Action.UPDATE, record=household, person_id=person.pk, detail="member added")
    return member
