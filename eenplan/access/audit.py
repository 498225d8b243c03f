"""The one function that writes the access log. Called directly by services and the policy."""

import contextvars
import datetime
import decimal
import re
import uuid

from django.db import models
from django.utils import timezone

from eenplan.core.net import client_ip

from .models import AccessLogEntry, Action, Outcome

WRITE_ACTIONS = frozenset({Action.CREATE, Action.UPDATE, Action.DELETE})

# The request being served (set by DeclaredAccessMiddleware): services log without a request
# argument, and still get the page, the IP and the ground the policy allowed the write on.
_current_request = contextvars.ContextVar("eenplan_current_request", default=None)


def current_request():
    return _current_request.get()


def bind_request(request):
    return _current_request.set(request)


def unbind_request(token):
    _current_request.reset(token)


def expect_write(request, *, basis: str, action: str, fields: dict):
    """The policy allowed a write: the service that performs it writes the one log line.

    If no service logs a write during this request, `finish_request` writes the line itself
    (so every allowed write is in the log exactly once)."""
    request._eenplan_basis = basis
    request._eenplan_expected = {"action": action, "fields": fields, "writes_before": getattr(request, "_eenplan_writes", 0)}


def finish_request(request, response):
    expected = getattr(request, "_eenplan_expected", None)
    if not expected or getattr(request, "_eenplan_writes", 0) > expected["writes_before"]:
        return
    fields = dict(expected["fields"])
    saved = 300 <= getattr(response, "status_code", 200) < 400
    # A redirect after a POST is a saved change; anything else re-showed the page (a read).
    action = expected["action"] if saved else Action.READ
    if not saved:
        fields["detail"] = (fields.get("detail", "") + " (not saved)").strip()
    log_access(user=request.user, action=action, request=request, acting_role=request._eenplan_basis, **fields)


def _json_value(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return value


def snapshot(instance, fields=None) -> dict:
    """The current values of a model instance's concrete fields (foreign keys as ids), JSON-ready."""
    values = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields and field.attname not in fields:
            continue
        if field.primary_key:
            continue
        values[field.attname if field.is_relation else field.name] = _json_value(getattr(instance, field.attname))
    return values


def changes(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Only what changed: ({field: old}, {field: new}). A created record has before=None, a deleted one after=None."""
    if before is None or after is None:
        return (None if before is None else _json_value(before)), (None if after is None else _json_value(after))
    before, after = _json_value(before), _json_value(after)
    keys = [k for k in dict.fromkeys(list(before) + list(after)) if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


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
    before: dict | None = None,
    after: dict | None = None,
    shown_ids=None,
) -> AccessLogEntry:
    """Write one log line.

    `before`/`after`: the old and new values of an overwritten record (pass whole snapshots or
    only the changed fields; they are reduced to what changed). `shown_ids`: the ids of the
    records a list page or search showed.
    """
    if before is not None or after is not None:
        before, after = changes(before, after)
    request = request if request is not None else current_request()
    if request is not None:
        if not acting_role and getattr(user, "pk", None) == getattr(getattr(request, "user", None), "pk", None):
            acting_role = getattr(request, "_eenplan_basis", "")
        if action in WRITE_ACTIONS and outcome == Outcome.ALLOWED:
            request._eenplan_writes = getattr(request, "_eenplan_writes", 0) + 1
    if record is not None:
        record_type = record_type or record._meta.label
        record_id = record_id or record.pk
        person_id, household_id, case_id = _client_of(record, person_id, household_id, case_id)
    return AccessLogEntry.objects.create(
        at=timezone.now(),
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or "anonymous",
        acting_role=(acting_role or _roles_of(user))[:40],  # the columns' lengths: a page's view name, many roles
        action=action,
        outcome=outcome,
        record_type=record_type,
        record_id=str(record_id or "")[:40],
        person_id=person_id,
        household_id=household_id,
        case_id=case_id,
        reason=reason,
        detail=detail[:300],
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=client_ip(request),
        before=before,
        after=after,
        shown_ids=_ids(shown_ids),
    )


_CLIENT_PATHS = [
    (re.compile(r"^/(?:api/v1/cases|casussen)/(\d+)(?:/|$)"), "cases.Case"),
    (re.compile(r"^/huishoudens/(\d+)/"), "people.Household"),
    (re.compile(r"^/personen/(\d+)/"), "people.Person"),
    (re.compile(r"^/intake/signalen/(\d+)/"), "intake.Signal"),
]


def client_of_request(request) -> dict:
    """The record and client a page is about, read from its address — so a refusal by role (before
    any record is loaded) still says whose record was asked for."""
    from django.apps import apps

    path = getattr(request, "path", "") or ""
    for pattern, label in _CLIENT_PATHS:
        if m := pattern.match(path):
            model = apps.get_model(label)
            record = model.objects.filter(pk=int(m.group(1))).first()
            if record is None:
                return {"record_type": label, "record_id": m.group(1)}
            fields = {"record": record}
            kwargs = getattr(getattr(request, "resolver_match", None), "kwargs", {}) or {}
            if kwargs.get("person_pk"):
                fields["person_id"] = int(kwargs["person_pk"])
            return fields
    return {}


def _roles_of(user) -> str:
    codes = getattr(user, "role_codes", None)
    return ",".join(sorted(codes())) if callable(codes) and getattr(user, "pk", None) else ""


def _ids(values):
    if values is None:
        return None
    values = {str(v) for v in values}
    if all(v.isdigit() for v in values):
        return sorted(int(v) for v in values)
    return sorted(values)


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


__all__ = ["log_access", "snapshot", "changes", "Action", "Outcome"]
