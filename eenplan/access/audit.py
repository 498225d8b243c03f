"""The one function that writes the access log. Called directly by services and the policy."""

from django.utils import timezone

from .models import AccessLogEntry, Action, Outcome


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_access(
    *,
    user,
    action: str,
    record=None,
    record_type: str = "",
    record_id: str | int = "",
    person_id: int | None = None,
    household_id: int | None = None,
    case_id: int | None = None,
    outcome: str = Outcome.ALLOWED,
    acting_role: str = "",
    reason: str = "",
    detail: str = "",
    request=None,
) -> AccessLogEntry:
    if record is not None:
        record_type = record_type or record._meta.label
        record_id = record_id or record.pk
        person_id, household_id, case_id = _client_of(record, person_id, household_id, case_id)
    return AccessLogEntry.objects.create(
        at=timezone.now(),
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or "anonymous",
        acting_role=acting_role,
        action=action,
        outcome=outcome,
        record_type=record_type,
        record_id=str(record_id or ""),
        person_id=person_id,
        household_id=household_id,
        case_id=case_id,
        reason=reason,
        detail=detail[:300],
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=_client_ip(request),
    )


def _client_of(record, person_id, household_id, case_id):
    """Work out which client a record concerns from its common attributes."""
    from eenplan.cases.models import Case
    from eenplan.people.models import Household, Person

    if isinstance(record, Person):
        person_id = person_id or record.pk
    elif isinstance(record, Household):
        household_id = household_id or record.pk
    elif isinstance(record, Case):
        case_id = case_id or record.pk
        household_id = household_id or record.household_id
    else:
        case_id = case_id or getattr(record, "case_id", None)
        person_id = person_id or getattr(record, "person_id", None)
        household_id = household_id or getattr(record, "household_id", None)
        if case_id and not household_id:
            household_id = Case.objects.filter(pk=case_id).values_list("household_id", flat=True).first()
    return person_id, household_id, case_id


__all__ = ["log_access", "Action", "Outcome"]
