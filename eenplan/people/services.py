"""Every change to a person or household, one function each.

Each runs in a transaction, validates (a `ValidationError` with a translated message on the
field it concerns; nothing half-written) and writes the access log. An overwrite logs the old
and the new value of each changed field; the address and the membership are history, so they
are never overwritten: a move adds an address row, a member who leaves keeps their row with
its end date.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action

from .models import AddressChange, Household, HouseholdAddress, HouseholdMember, MemberRole, Person
from .validators import normalise_bsn, normalise_postcode

ADDRESS_FIELDS = ("street", "house_number", "house_number_addition", "postcode", "city")
PERSON_FIELDS = ("given_names", "preferred_name", "surname_prefix", "surname", "birth_date", "bsn", "phone", "email")


class BsnTaken(ValidationError):
    """The BSN belongs to someone already registered. `existing` is that person; what the
    user is told about them (name and link, or only that the BSN is taken) is decided by the
    view with `access.policy` — see `people.views.bsn_taken_message`."""

    def __init__(self, existing: Person):
        super().__init__({"bsn": [_("This BSN is already registered.")]}, code="bsn_taken")
        self.existing = existing


def _normalise(fields: dict) -> dict:
    fields = dict(fields)
    if "bsn" in fields:
        fields["bsn"] = normalise_bsn(fields["bsn"] or "")
    if "postcode" in fields:
        fields["postcode"] = normalise_postcode(fields["postcode"] or "")
    for name in ("given_names", "preferred_name", "surname_prefix", "surname", "phone", "email", "street", "city",
                 "house_number_addition", "name"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    return fields


def _check_bsn_free(person: Person) -> None:
    if not person.bsn:
        return
    existing = Person.objects.filter(bsn=person.bsn).exclude(pk=person.pk).first()
    if existing is not None:
        raise BsnTaken(existing)


def change_detail(before: dict, after: dict) -> str:
    """'changed: surname, phone' — the log line's short text; the values are in its before/after."""
    return "changed: " + ", ".join(before)


def _changed(obj, fields: dict) -> tuple[dict, dict]:
    before, after = {}, {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            before[name], after[name] = old, value
    return before, after


@transaction.atomic
def person_create(*, by, **fields) -> Person:
    person = Person(**_normalise(fields))
    person.full_clean(validate_constraints=False)
    _check_bsn_free(person)
    person.validate_constraints()
    person.save()
    log_access(user=by, action=Action.CREATE, record=person)
    return person


@transaction.atomic
def person_update(*, person: Person, by, household: Household | None = None, **fields) -> Person:
    """Correct a person's details (a typo, a new phone number). Logs each changed field's old and new value."""
    unknown = set(fields) - set(PERSON_FIELDS) - set(ADDRESS_FIELDS)
    if unknown:
        raise TypeError(f"person_update: unknown fields {sorted(unknown)}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    before, after = _changed(person, _normalise(fields))
    if not before:
        return person
    for name, value in after.items():
        setattr(person, name, value)
    person.full_clean(validate_constraints=False)
    _check_bsn_free(person)
    person.validate_constraints()
    person.save(update_fields=list(after))
    log_access(user=by, action=Action.UPDATE, record=person, household_id=getattr(household, "pk", None),
               detail=change_detail(before, after), before=before, after=after)
    return person


@transaction.atomic
def household_create(*, by, name: str, wijk, members: list[tuple[Person, str]] = (), at=None, **address) -> Household:
    household = Household(name=(name or "").strip(), wijk=wijk, **_normalise(address))
    household.full_clean()
    household.save()
    at = at or timezone.now()
    # `since` unknown: registering is not moving in.
    HouseholdAddress.objects.create(household=household, since=None, recorded_at=at,
                                    recorded_by=by if getattr(by, "pk", None) else None,
                                    **{f: getattr(household, f) for f in ADDRESS_FIELDS})
    for person, role in members:
        HouseholdMember.objects.create(household=household, person=person, role=role, since=timezone.localdate(at))
    log_access(user=by, action=Action.CREATE, record=household)
    return household


@transaction.atomic
def household_update(*, household: Household, by, **fields) -> Household:
    """The household's name and wijk. The address changes only through `household_move`."""
    unknown = set(fields) - {"name", "wijk"}
    if unknown:
        raise TypeError(f"household_update: unknown fields {sorted(unknown)}")
    household = Household.objects.select_for_update().get(pk=household.pk)
    before, after = _changed(household, _normalise(fields))
    if not before:
        return household
    for name, value in after.items():
        setattr(household, name, value)
    household.full_clean()
    household.save(update_fields=list(after))
    log_access(user=by, action=Action.UPDATE, record=household, detail=change_detail(before, after), before=before, after=after)
    return household


def address_history(household: Household) -> list[HouseholdAddress]:
    return list(household.addresses.select_related("recorded_by").order_by("-recorded_at", "-pk"))


@transaction.atomic
def household_move(*, household: Household, by, moved_on: date | None = None, change: str = AddressChange.MOVED,
                   wijk=None, **address) -> Household:
    """A new address for the household: the earlier one is kept, with its dates.

    `change` is 'verhuizing' (moved on `moved_on`) or 'correctie' (the address was registered
    wrongly; the earlier row is kept too, marked as corrected). Current members who lived at
    the old address move along (each a logged person update)."""
    household = Household.objects.select_for_update().get(pk=household.pk)
    today = timezone.localdate()
    moved_on = moved_on or today
    address = _normalise({f: address.get(f, "" if f != "house_number" else None) for f in ADDRESS_FIELDS})
    errors = {}
    if change not in AddressChange.values:
        errors["change"] = _("Choose whether the household moved or the address is corrected.")
    if moved_on > today:
        errors["moved_on"] = _("A move cannot be in the future.")
    if not address["house_number"] or not (address["postcode"] or address["street"]):
        errors["house_number"] = _("Give the new address: postcode or street, and house number.")
    current = household.addresses.filter(until__isnull=True).order_by("-recorded_at", "-pk").first()
    if current is None:  # registered before the history existed: keep the old address as its first row
        current = HouseholdAddress.objects.create(
            household=household, since=None, recorded_at=household.created_at,
            **{f: getattr(household, f) for f in ADDRESS_FIELDS},
        )
    if current.since and moved_on < current.since and change == AddressChange.MOVED:
        errors["moved_on"] = _("The household lived at the earlier address from %(since)s: the move cannot be before that.") % {
            "since": current.since.strftime("%d-%m-%Y")
        }
    old = {f: getattr(household, f) for f in ADDRESS_FIELDS}
    if old == address and (wijk is None or wijk == household.wijk):
        errors["house_number"] = _("This is the address the household already has.")
    if errors:
        raise ValidationError(errors)
    for name, value in address.items():
        setattr(household, name, value)
    if wijk is not None:
        household.wijk = wijk
    household.full_clean()
    household.save()
    now = timezone.now()
    current.until = moved_on if change == AddressChange.MOVED else today
    current.save(update_fields=["until"])
    HouseholdAddress.objects.create(household=household, since=moved_on if change == AddressChange.MOVED else current.since,
                                    change=change, recorded_at=now, recorded_by=by, **address)
    before, after = _changed_dicts(old, address)
    log_access(user=by, action=Action.UPDATE, record=household, detail=f"address {AddressChange(change).value}; " + change_detail(before, after),
               before=before, after=after)
    for member in current_members(household):
        person = member.person
        if {f: getattr(person, f) for f in ADDRESS_FIELDS} == old:
            person_update(person=person, by=by, household=household, **address)
    return household


def _changed_dicts(old: dict, new: dict) -> tuple[dict, dict]:
    keys = [k for k in old if old[k] != new[k]]
    return {k: old[k] for k in keys}, {k: new[k] for k in keys}


def current_members(household: Household):
    from django.db.models import Q

    today = timezone.localdate()
    # A membership left with a merged record (people.merging: the kept record was already a member) is not listed.
    return (household.members.filter(Q(until__isnull=True) | Q(until__gte=today), person__merged_into__isnull=True)
            .select_related("person").order_by("role", "person__birth_date", "pk"))


def former_members(household: Household):
    return (household.members.filter(until__lt=timezone.localdate(), person__merged_into__isnull=True)
            .select_related("person").order_by("-until", "pk"))


@transaction.atomic
def household_add_member(*, household: Household, person: Person, role: str, by, since=None) -> HouseholdMember:
    member = HouseholdMember(household=household, person=person, role=role, since=since or timezone.localdate())
    member.full_clean()
    member.save()
    log_access(user=by, action=Action.UPDATE, record=household, person_id=person.pk,
               detail=f"member added: role {role}")
    return member


@transaction.atomic
def member_set_role(*, member: HouseholdMember, role: str, by) -> HouseholdMember:
    """Correct a member's role (ouder, kind, partner, overig)."""
    member = HouseholdMember.objects.select_for_update().get(pk=member.pk)
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Choose a role in the household.")})
    if member.role == role:
        return member
    old = member.role
    member.role = role
    member.save(update_fields=["role"])
    log_access(user=by, action=Action.UPDATE, record=member.household, person_id=member.person_id,
               detail="member role changed", before={"role": old}, after={"role": role})
    return member


@transaction.atomic
def member_leave(*, member: HouseholdMember, until: date, by, reason: str = "") -> HouseholdMember:
    """A member leaves the household. The membership is kept with its end date (history)."""
    member = HouseholdMember.objects.select_for_update().select_related("household").get(pk=member.pk)
    errors = {}
    if member.until is not None:
        raise ValidationError(_("%(name)s has already left this household.") % {"name": member.person.full_name})
    if until is None:
        errors["until"] = _("Give the date on which the member left.")
    elif member.since and until < member.since:
        errors["until"] = _("The member joined on %(since)s: leaving cannot be before that.") % {
            "since": member.since.strftime("%d-%m-%Y")
        }
    elif until > timezone.localdate():
        errors["until"] = _("The date of leaving cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    member.until = until
    member.save(update_fields=["until"])
    log_access(user=by, action=Action.UPDATE, record=member.household, person_id=member.person_id,
               detail="member left the household", reason=(reason or "").strip(), before={"until": None}, after={"until": until})
    return member
