"""Two records that turn out to be one person (or one household) made one, and undone within a period (ADR 0113).

Every reference to the merged record — every foreign key to Person or Household in any app, found from the
models' meta (`references_to`) — is moved to the kept record, unless `KEPT_ON_MERGED` says why it stays.
A reference nobody decided about makes every merge fail (`UnhandledReference`; a test checks the list is
complete), so a new app cannot be forgotten. Nothing is deleted: the merged record keeps its own details, gets
`merged_into`, and is hidden from search and matching. The `Merge` row lists the ids of the rows moved, so undo
moves exactly those back.

Refused (a clear message, logged with both records): two different BSNs (two people); two households that both
have an open case (one household, at most one open case: close one of the cases first — there is no case merge);
a record already merged; undo after `EENPLAN_MERGE_UNDO_DAYS` or when the kept record changed in a way that blocks
it (a moved row no longer there or no longer the kept record's, the BSN taken over changed, the kept record merged
on into a third). Rows added to the kept record after the merge stay with it.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action, Outcome
from eenplan.cases.models import Case, Phase

from .models import Household, Merge, MergeKind, Person

REASON_MIN_LENGTH = 10

# References moved to the kept record: what the team recorded about this person or household.
MOVED_TO_KEPT = {
    "people.HouseholdMember.person", "people.HouseholdMember.household",
    "cases.Case.household",
    "intake.Signal.person", "intake.Signal.household",
    "assessment.ZrmMeasurement.person", "assessment.ParticipationMeasurement.person", "assessment.WatTeltEntry.person",
    "assessment.Strength.person", "assessment.AssessmentQuestion.person",
    "socialmap.TailoredProvisionRequest.person", "socialmap.SharingBasis.consent_by",
    "plans.Goal_members.person", "plans.PlanAgreement.person",
    "portal.Invitation.person", "portal.SelfAssessment.person", "portal.ChildSharing.child",
}

# References that stay on the merged record, and why.
KEPT_ON_MERGED = {
    "people.Person.merged_into": "the pointer of a merged record itself",
    "people.Household.merged_into": "the pointer of a merged record itself",
    "people.Merge.kept_person": "the merge's own record",
    "people.Merge.merged_person": "the merge's own record",
    "people.Merge.kept_household": "the merge's own record",
    "people.Merge.merged_household": "the merge's own record",
    "people.HouseholdAddress.household": "the merged household's own address history: shown with it on the kept page",
}


class UnhandledReference(ImproperlyConfigured):
    pass


class MergeRefused(ValidationError):
    """A merge or undo that may not happen; the message says why, in Dutch."""


def undo_days() -> int:
    return int(getattr(settings, "EENPLAN_MERGE_UNDO_DAYS", 30))


def references_to(model) -> list[tuple[type[models.Model], models.Field]]:
    """Every concrete foreign key (also an M2M's through table) to `model`, in every installed app."""
    found = []
    for other in apps.get_models(include_auto_created=True):
        for field in other._meta.concrete_fields:
            if field.is_relation and field.related_model is model:
                found.append((other, field))
    return found


def label(model, field) -> str:
    return f"{model._meta.label}.{field.name}"


def unhandled_references() -> list[str]:
    """References to Person/Household in neither `MOVED_TO_KEPT` nor `KEPT_ON_MERGED`: there must be none, or every
    merge fails — a new foreign key to a person or household needs a decision here."""
    return [label(m, f) for target in (Person, Household) for m, f in references_to(target)
            if label(m, f) not in KEPT_ON_MERGED and label(m, f) not in MOVED_TO_KEPT]


def _moving(target):
    problems = unhandled_references()
    if problems:
        raise UnhandledReference(f"people.merging: decide what a merge does with {problems} (MOVED_TO_KEPT or KEPT_ON_MERGED)")
    return [(m, f) for m, f in references_to(target) if label(m, f) in MOVED_TO_KEPT]


def _guards_unique(model, field) -> bool:
    if field.unique:
        return True
    for fields in model._meta.unique_together:
        if field.name in fields:
            return True
    return any(isinstance(c, models.UniqueConstraint) and field.name in (c.fields or ()) for c in model._meta.constraints)


def _clashes(model, row, field) -> bool:
    """Would `row` (its `field` already set to the new id) break a unique rule that involves `field`?"""
    try:
        row.validate_unique()
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and field.name in (constraint.fields or ()):
                constraint.validate(model, row)
    except ValidationError:
        return True
    return False


def _move(model, field, ids_from, to_pk) -> tuple[list, list]:
    """Move the rows of `model` whose `field` is `ids_from` to `to_pk`; a row that would then clash with a unique
    rule (the kept record is already a member of that household) stays. Returns (moved ids, stayed ids)."""
    manager = model._base_manager
    rows = manager.filter(**{field.attname: ids_from}).order_by("pk")
    if not _guards_unique(model, field):
        ids = list(rows.values_list("pk", flat=True))
        if ids:
            manager.filter(pk__in=ids).update(**{field.attname: to_pk})
        return ids, []
    moved, stayed = [], []
    for row in rows:
        setattr(row, field.attname, to_pk)
        if _clashes(model, row, field):
            stayed.append(row.pk)
            continue
        manager.filter(pk=row.pk).update(**{field.attname: to_pk})
        moved.append(row.pk)
    return moved, stayed


def _log_both(*, by, action, kind, kept_pk, merged_pk, outcome=Outcome.ALLOWED, reason="", detail="", request=None, **extra):
    """One log line per record, so each person's (household's) review shows it; each names the other."""
    record_type = "people.Person" if kind == MergeKind.PERSON else "people.Household"
    key = "person_id" if kind == MergeKind.PERSON else "household_id"
    for this, other, role in ((kept_pk, merged_pk, "kept"), (merged_pk, kept_pk, "merged")):
        log_access(user=by, action=action, outcome=outcome, record_type=record_type, record_id=this or "",
                   reason=reason, request=request, detail=f"{detail} ({role}; other record {other})"[:300],
                   **{key: this}, **extra)


def open_cases(*households) -> list[Case]:
    return list(Case.objects.filter(household__in=households).exclude(phase=Phase.AFGESLOTEN).order_by("pk"))


def merge_refusal(*, kind: str, kept, merged, reason: str | None = None) -> str | None:
    """Why these two may not be merged (Dutch, for the page and the log), or None."""
    if kept.pk == merged.pk:
        return _("A record cannot be merged with itself.")
    if kept.merged_into_id or merged.merged_into_id:
        return _("One of these records has already been merged into another record.")
    if kind == MergeKind.PERSON and kept.bsn and merged.bsn and kept.bsn != merged.bsn:
        return _("These two records have different BSNs: they are two people. They cannot be merged.")
    if kind == MergeKind.HOUSEHOLD:
        cases = open_cases(kept, merged)
        if len(cases) > 1:
            return _("Both households have an open case (#%(a)s and #%(b)s). One household has at most one open case: close one "
                     "of the two cases first, then merge the households.") % {"a": cases[0].pk, "b": cases[1].pk}
    return None


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError({"reason": _("Write down why these are one and the same (at least 10 characters).")})
    return reason


def _refuse(message, **log):
    detail = log.pop("detail", "")
    _log_both(outcome=Outcome.REFUSED, detail=f"{detail} refused: {message}", **log)
    raise MergeRefused(message, code="merge_refused")


def records_merge(*, kind: str, kept, merged, by, reason: str, evidence=(), request=None) -> Merge:
    """Merge `merged` into `kept` (two Person or two Household records). Logged for both; a refusal too."""
    reason = _check_reason(reason)
    model = Person if kind == MergeKind.PERSON else Household
    log = dict(by=by, kind=kind, kept_pk=kept.pk, merged_pk=merged.pk, reason=reason, request=request)
    try:
        with transaction.atomic():
            first, second = sorted([kept.pk, merged.pk])
            locked = {o.pk: o for o in model.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")}
            kept, merged = locked[kept.pk], locked[merged.pk]
            refusal = merge_refusal(kind=kind, kept=kept, merged=merged)
            if refusal:
                raise MergeRefused(refusal, code="merge_refused")
            moved, stayed = {}, {}
            fields = {}
            if kind == MergeKind.PERSON and merged.bsn and not kept.bsn:  # the BSN is not lost: the kept record takes it
                fields["bsn"] = merged.bsn
                Person.objects.filter(pk=merged.pk).update(bsn="")
                Person.objects.filter(pk=kept.pk).update(bsn=fields["bsn"])
            for ref_model, field in _moving(model):
                ids, kept_ids = _move(ref_model, field, merged.pk, kept.pk)
                if ids:
                    moved[label(ref_model, field)] = ids
                if kept_ids:
                    stayed[label(ref_model, field)] = kept_ids
            model.objects.filter(pk=merged.pk).update(merged_into=kept)
            merge = Merge.objects.create(
                kind=kind, reason=reason, evidence=[str(e) for e in evidence], moved=moved, stayed=stayed, taken_over=fields,
                at=timezone.now(), by=by,
                **({"kept_person": kept, "merged_person": merged} if kind == MergeKind.PERSON
                   else {"kept_household": kept, "merged_household": merged}),
            )
            summary = ", ".join(f"{k} {len(v)}" for k, v in sorted(moved.items())) or "nothing"
            _log_both(action=Action.UPDATE, detail=f"merge {merge.pk}: moved {summary}", **log,
                      before={"merged_into": None}, after={"merged_into": kept.pk})
    except MergeRefused as exc:
        _refuse(exc.messages[0], action=Action.UPDATE, detail="merge", **log)
    return merge


def person_merge(*, kept: Person, merged: Person, by, reason: str, evidence=(), request=None) -> Merge:
    return records_merge(kind=MergeKind.PERSON, kept=kept, merged=merged, by=by, reason=reason, evidence=evidence, request=request)


def household_merge(*, kept: Household, merged: Household, by, reason: str, evidence=(), request=None) -> Merge:
    return records_merge(kind=MergeKind.HOUSEHOLD, kept=kept, merged=merged, by=by, reason=reason, evidence=evidence,
                         request=request)


def undo_until(merge: Merge):
    return merge.at + timedelta(days=undo_days())


def undo_refusal(merge: Merge, *, now=None) -> str | None:
    """Why this merge can no longer be undone (Dutch), or None."""
    now = now or timezone.now()
    if merge.undone_at is not None:
        return _("This merge has already been undone.")
    if now > undo_until(merge):
        return _("A merge can be undone for %(days)s days; this one was on %(date)s. Correct the records by hand.") % {
            "days": undo_days(), "date": timezone.localtime(merge.at).strftime("%d-%m-%Y")}
    kept, merged = merge.kept, merge.merged
    if kept is None or merged is None:
        return _("One of the two records no longer exists.")
    if kept.merged_into_id:
        return _("The kept record has since been merged into another record: undo that merge first.")
    if merged.merged_into_id != kept.pk:
        return _("The merged record no longer points to the kept record.")
    if merge.taken_over.get("bsn") and kept.bsn != merge.taken_over["bsn"]:
        return _("The BSN the kept record took over has been changed since: undo is not possible. Correct the records by hand.")
    for ref, ids in merge.moved.items():
        ref_model, field = _resolve(ref)
        still = ref_model._base_manager.filter(pk__in=ids, **{field.attname: kept.pk}).count()
        if still != len(ids):
            return _("Some of what was moved has been removed or changed since (%(what)s): undo is not possible. Correct the "
                     "records by hand.") % {"what": ref_model._meta.verbose_name}
    return None


def _resolve(ref: str):
    app_model, field_name = ref.rsplit(".", 1)
    model = apps.get_model(app_model)
    return model, model._meta.get_field(field_name)


def merge_undo(*, merge: Merge, by, reason: str, request=None, now=None) -> Merge:
    """Move exactly the recorded rows back to the merged record and make it visible again. Logged for both."""
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError({"reason": _("Write down why the merge is undone (at least 10 characters).")})
    log = dict(by=by, kind=merge.kind, kept_pk=merge.kept_id, merged_pk=merge.merged_id, reason=reason, request=request)
    try:
        with transaction.atomic():
            merge = Merge.objects.select_for_update().get(pk=merge.pk)
            refusal = undo_refusal(merge, now=now)
            if refusal:
                raise MergeRefused(refusal, code="undo_refused")
            kept, merged = merge.kept, merge.merged
            for ref, ids in merge.moved.items():
                ref_model, field = _resolve(ref)
                for row in ref_model._base_manager.filter(pk__in=ids).order_by("pk"):
                    setattr(row, field.attname, merged.pk)
                    if _guards_unique(ref_model, field) and _clashes(ref_model, row, field):
                        raise MergeRefused(_("Something added to the merged record since clashes with what would move "
                                             "back: undo is not possible. Correct the records by hand."), code="undo_refused")
                ref_model._base_manager.filter(pk__in=ids).update(**{field.attname: merged.pk})
            type(merged).objects.filter(pk=merged.pk).update(merged_into=None)
            if merge.taken_over.get("bsn"):
                Person.objects.filter(pk=kept.pk).update(bsn="")
                Person.objects.filter(pk=merged.pk).update(bsn=merge.taken_over["bsn"])
            merge.undone_at, merge.undone_by, merge.undo_reason = now or timezone.now(), by, reason
            merge.save(update_fields=["undone_at", "undone_by", "undo_reason"])
            _log_both(action=Action.UPDATE, detail=f"merge {merge.pk} undone", **log,
                      before={"merged_into": kept.pk}, after={"merged_into": None})
    except MergeRefused as exc:
        _refuse(exc.messages[0], action=Action.UPDATE, detail=f"undo merge {merge.pk}", **log)
    return merge


def merges_to_undo(*, persons=(), households=(), now=None):
    """The merges into these records that may still be undone (for the kept record's page)."""
    now = now or timezone.now()
    since = now - timedelta(days=undo_days())
    q = models.Q(kept_person__in=list(persons)) | models.Q(kept_household__in=list(households))
    return [m for m in Merge.objects.filter(q, undone_at__isnull=True, at__gte=since)
            .select_related("kept_person", "merged_person", "kept_household", "merged_household", "by")
            .order_by("-at", "-pk")]


def record_ids(model, pk) -> list[int]:
    """`pk` and the ids of every record merged into it (also in turn): the access log keeps each record's own id
    (append-only), so "who looked at this person's file" reads all of them."""
    ids, frontier = [pk], [pk]
    while frontier:
        frontier = list(model._base_manager.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
        ids += [i for i in frontier if i not in ids]
    return ids
