"""Right of access (AVG art. 15): everything eenplan holds about one person, as PDF and as JSON.

What is gathered: the person, their households and fellow members (name and role only), every case of
those households with every record that belongs to the case (found the way a delete would find them, so
a new kind of case record is included without changing this file), the signals about the person or
household, and the access log lines about them. Left out, and said so in the export:

- records about another household member (a record whose `person` or `child` is someone else);
- who reported a signal (AVG art. 15(4): the rights of others);
- the content of a meldcode trajectory while it runs (`policy.export_safety_records_decision`);
- internal keys (tokens, hashes) that say nothing about the person.
"""

import json
from datetime import date, datetime
from decimal import Decimal

from django.contrib.admin.utils import NestedObjects
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.access import policy
from eenplan.access.models import AccessLogEntry
from eenplan.cases.models import Case
from eenplan.intake.models import Signal
from eenplan.people.models import Household, HouseholdMember, Person

from .selectors import client_filter

# Apps whose rows are not the person's data: staff notifications, the access grants (the log shows them).
_SKIP_LABELS = {"core.Notification", "access.AccessGrant"}
_SAFETY_APP = "safety"
# Fields that are internal machinery, never personal data.
_SKIP_FIELDS = {"submission_token", "content_key", "address_key", "source", "meldcode_version", "password", "goal_key",
                "problem_key", "solution_key", "key", "order", "new_plan_version_id", "current_number", "planned_item"}
_REPORTER_FIELDS = {"reporter_name", "reporter_organisation", "reporter_phone", "reporter_email"}
# Labels for fields that have no verbose name of their own.
FIELD_LABELS = {
    "at": gettext_lazy("when"),
    "by": gettext_lazy("by"),
    "note": gettext_lazy("note"),
    "since": gettext_lazy("since"),
    "until": gettext_lazy("until"),
    "from_phase": gettext_lazy("from phase"),
    "to_phase": gettext_lazy("to phase"),
    "status": gettext_lazy("status"),
    "reason": gettext_lazy("reason"),
    "created_by": gettext_lazy("made by"),
    "recorded_by": gettext_lazy("recorded by"),
    "recorded_at": gettext_lazy("recorded on"),
    "created_at": gettext_lazy("made on"),
    "updated_by": gettext_lazy("changed by"),
    "updated_at": gettext_lazy("changed on"),
    "started_by": gettext_lazy("started by"),
    "ended_by": gettext_lazy("ended by"),
    "decided_by": gettext_lazy("decided by"),
    "user": gettext_lazy("staff member"),
    "done_at": gettext_lazy("done on"),
    "text": gettext_lazy("text"),
    "number": gettext_lazy("number"),
    "added_at": gettext_lazy("added on"),
    "added_by": gettext_lazy("added by"),
    "cancelled_at": gettext_lazy("cancelled on"),
    "cancelled_by": gettext_lazy("cancelled by"),
    "copied_at": gettext_lazy("copied on"),
    "copied_to": gettext_lazy("copied to"),
    "ended_at": gettext_lazy("ended on"),
    "expires_at": gettext_lazy("ends on"),
    "granted_at": gettext_lazy("given on"),
    "started_at": gettext_lazy("started on"),
    "planned_at": gettext_lazy("planned on"),
    "planned_by": gettext_lazy("planned by"),
    "requested_by": gettext_lazy("requested by"),
    "owner": gettext_lazy("who"),
    "owner_user": gettext_lazy("staff member"),
    "score": gettext_lazy("score"),
    "kindcheck": gettext_lazy("child check"),
    "last_checked_on": gettext_lazy("last checked on"),
    "question_text": gettext_lazy("question"),
    "written_by": gettext_lazy("written by"),
    "withdrawn_at": gettext_lazy("withdrawn on"),
    "read_at": gettext_lazy("read on"),
    "case": gettext_lazy("case"),
    "plan": gettext_lazy("plan"),
    "version": gettext_lazy("plan version"),
    "goal": gettext_lazy("goal"),
    "measurement": gettext_lazy("measurement"),
    "trajectory": gettext_lazy("meldcode"),
    "condition": gettext_lazy("condition"),
    "entry": gettext_lazy("part"),
    "evaluation": gettext_lazy("evaluation"),
    "moment": gettext_lazy("evaluation moment"),
    "period": gettext_lazy("monitoring period"),
    "watch": gettext_lazy("stut en steun"),
    "takeover": gettext_lazy("regie taken over"),
    "request": gettext_lazy("request"),
    "basis": gettext_lazy("basis for sharing"),
    "partner": gettext_lazy("partner"),
    "discussion": gettext_lazy("case discussion"),
    "closing": gettext_lazy("closing"),
    "domain": gettext_lazy("life domain"),
    "instrument": gettext_lazy("instrument"),
    "contact": gettext_lazy("contact"),
}


def _label(field) -> str:
    if field.name in FIELD_LABELS:
        return str(FIELD_LABELS[field.name])
    return str(field.verbose_name)


def _value(obj, field):
    """(machine value for JSON, readable text for the PDF)."""
    if field.is_relation:
        related = getattr(obj, field.name)
        if related is None:
            return None, ""
        text = related.get_full_name() if hasattr(related, "get_full_name") else str(related)
        return {"id": related.pk, "text": text or str(related)}, text or str(related)
    raw = getattr(obj, field.attname)
    if raw is None or raw == "":
        return None, ""
    if field.choices:
        return raw, str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(raw, bool):
        return raw, _("yes") if raw else _("no")
    if isinstance(raw, datetime):
        local = timezone.localtime(raw)
        return raw.isoformat(), date_format(local, "d-m-Y H:i")
    if isinstance(raw, date):
        return raw.isoformat(), date_format(raw, "d-m-Y")
    if isinstance(raw, Decimal):
        return str(raw), str(raw)
    if isinstance(raw, (list, dict)):
        return raw, ", ".join(str(v) for v in raw) if isinstance(raw, list) else json.dumps(raw, ensure_ascii=False)
    return raw, str(raw)


def record(obj, *, skip=(), unprinted=()) -> dict:
    """One row: {"type", "id", "title", "fields": {name: value}, "rows": [(label, text)]}.

    `unprinted` fields are in the JSON but not in the PDF's rows (e.g. the case a case record belongs to)."""
    fields, rows = {}, []
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in _SKIP_FIELDS or field.name in skip:
            continue
        value, text = _value(obj, field)
        fields[field.name] = value
        if text and field.name not in unprinted:
            rows.append((_label(field), text))
    return {"type": obj._meta.label, "id": obj.pk, "title": str(obj._meta.verbose_name), "fields": fields, "rows": rows}


def _concerns_other_person(obj, person) -> bool:
    for name in ("person_id", "consent_by_id", "child_id"):
        other = getattr(obj, name, None)
        if other is not None and other != person.pk:
            return True
    return False


def _case_records(case, person) -> tuple[list[dict], list[str]]:
    """Every record that belongs to `case`, grouped per kind, minus what is left out (see module doc)."""
    collector = NestedObjects(using="default")
    collector.collect([case])
    safety = policy.export_safety_records_decision(case)
    withheld = []
    if not safety:
        withheld.append(_("Case %(case)s: a meldcode trajectory is still running; its content is not in this export "
                          "(to protect others). Ask the privacy officer.") % {"case": case.pk})
    # A record about another member is left out with everything under it (e.g. the scores of their ZRM).
    left_out = {o for instances in collector.data.values() for o in instances if _concerns_other_person(o, person)}
    queue = list(left_out)
    while queue:
        for child in collector.edges.get(queue.pop(), ()):
            if child not in left_out:
                left_out.add(child)
                queue.append(child)
    groups: dict[str, dict] = {}
    for model, instances in collector.data.items():
        label = model._meta.label
        if model is Case or label in _SKIP_LABELS or model._meta.auto_created:
            continue
        if model._meta.app_label == _SAFETY_APP and not safety:
            continue
        rows = [record(o, skip=_REPORTER_FIELDS, unprinted=("case",)) for o in sorted(instances, key=lambda o: o.pk)
                if o not in left_out]
        if rows:
            groups[label] = {"type": label, "title": str(model._meta.verbose_name_plural), "records": rows}
    return sorted(groups.values(), key=lambda g: g["type"]), withheld


def person_export(person: Person) -> dict:
    memberships = list(HouseholdMember.objects.filter(person=person).select_related("household"))
    household_ids = [m.household_id for m in memberships]
    households = []
    for household in Household.objects.filter(pk__in=household_ids).select_related("wijk"):
        members = [
            {"name": m.person.full_name, "role": m.role, "role_text": str(m.get_role_display()),
             "since": m.since.isoformat() if m.since else None, "until": m.until.isoformat() if m.until else None}
            for m in household.members.select_related("person")
        ]
        households.append({**record(household), "members": members})
    cases, withheld = [], []
    for case in Case.objects.filter(household_id__in=household_ids).select_related("team", "regisseur", "household").order_by("opened_at"):
        groups, case_withheld = _case_records(case, person)
        withheld += case_withheld
        cases.append({**record(case), "groups": groups})
    signals = Signal.objects.filter(
        models.Q(person=person) | models.Q(household_id__in=household_ids) | models.Q(case__household_id__in=household_ids)
    ).distinct().order_by("received_at")
    signal_rows = [record(s, skip=_REPORTER_FIELDS) for s in signals]
    if signal_rows:
        withheld.append(_("Who reported a signal is not shown, to protect the reporter (AVG art. 15(4))."))
    log = AccessLogEntry.objects.filter(client_filter(person_id=person.pk)).order_by("at", "pk")
    log_rows = [
        {"at": e.at.isoformat(), "at_text": date_format(timezone.localtime(e.at), "d-m-Y H:i"), "username": e.username,
         "acting_role": e.acting_role, "action": e.action, "action_text": str(e.get_action_display()),
         "outcome": e.outcome, "outcome_text": str(e.get_outcome_display()), "record_type": e.record_type,
         "record_id": e.record_id, "person_id": e.person_id, "household_id": e.household_id, "case_id": e.case_id,
         "reason": e.reason, "before": e.before, "after": e.after, "shown_in_list": bool(e.shown_ids)}
        for e in log
    ]
    return {
        "format": "eenplan-inzage/1",
        "made_at": timezone.now().isoformat(),
        "person": record(person),
        "households": households,
        "cases": cases,
        "signals": signal_rows,
        "access_log": log_rows,
        "left_out": withheld,
    }


def export_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def export_pdf(data: dict, *, request=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string("privacy/export_print.html", {"data": data, "made_on": timezone.localdate()}, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()
