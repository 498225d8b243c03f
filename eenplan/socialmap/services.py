"""Every state change of a case's partners, agreements, tailored provisions, sharing bases and
case discussions, one function each.

Each opens a transaction, locks the case, appends history, writes the access log and raises
`ValidationError` with a Dutch-translated message on bad input (nothing half-written).
The sociale kaart itself (organisations, provisions) is configuration, kept in the admin.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.cases import services as case_services
from eenplan.cases.models import Case, Phase, PlannedItem
from eenplan.people.models import Person

from .models import (
    REASON_BASES,
    REQUEST_TRANSITIONS,
    Agreement,
    CaseDiscussion,
    CasePartner,
    DataCategory,
    DiscussionAction,
    DiscussionKind,
    DiscussionParticipant,
    Law,
    LegalTask,
    Organisation,
    Provision,
    RequestStatus,
    RequestStatusChange,
    SharingBasis,
    SharingBasisKind,
    SharingEnd,
    SharingPurpose,
    TailoredProvisionRequest,
)

PLANNED_AGREEMENT = "afspraak_partner"


def _text(value) -> str:
    return (value or "").strip()


def _locked_open(case: Case) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.phase == Phase.AFGESLOTEN:
        raise ValidationError(_("This case is closed. Reopen it to record partners and arrangements."))
    return case


def _member_of(case: Case, person) -> bool:
    return case.household.members.filter(person=person).exists()


def _source(obj) -> str:
    return f"{obj._meta.label}:{obj.pk}"


# --- partners ------------------------------------------------------------------------------


@transaction.atomic
def case_partner_add(
    *, case: Case, organisation: Organisation | None, role: str, contact_name: str, by, contact_details: str = "", since: date | None = None
) -> CasePartner:
    case = _locked_open(case)
    role, contact_name, contact_details = _text(role), _text(contact_name), _text(contact_details)
    errors = {}
    if organisation is None:
        errors["organisation"] = _("Choose the partner organisation.")
    if not role:
        errors["role"] = _("Describe the partner's role in this case.")
    if not contact_name:
        errors["contact_name"] = _("Give the partner's contact person.")
    if errors:
        raise ValidationError(errors)
    if case.partners.filter(organisation=organisation, until__isnull=True).exists():
        raise ValidationError({"organisation": _("This organisation is already a partner in this case.")})
    partner = CasePartner.objects.create(
        case=case, organisation=organisation, role=role, contact_name=contact_name, contact_details=contact_details,
        since=since or timezone.localdate(), added_by=by, added_at=timezone.now(),
    )
    log_access(user=by, action=Action.CREATE, record=partner, detail=f"partner {organisation.name}")
    return partner


@transaction.atomic
def case_partner_end(*, partner: CasePartner, by, until: date | None = None) -> CasePartner:
    _locked_open(partner.case)
    partner = CasePartner.objects.select_for_update().get(pk=partner.pk)
    if partner.until is not None:
        raise ValidationError(_("This partner is no longer involved."))
    until = until or timezone.localdate()
    if until < partner.since:
        raise ValidationError({"until": _("This date is before the partner became involved.")})
    partner.until = until
    partner.save(update_fields=["until"])
    log_access(user=by, action=Action.UPDATE, record=partner, detail="partner no longer involved")
    return partner


def _notify(record, actie: str):
    """Partner systems subscribed to this change hear of it after the commit (partners/notifications.py, ADR 0116)."""
    from eenplan.partners.notifications import notify_change

    notify_change(record=record, actie=actie)


# --- agreements ----------------------------------------------------------------------------


@transaction.atomic
def agreement_add(*, case: Case, partner: CasePartner | None, description: str, owner: str, due_on: date | None, by) -> Agreement:
    case = _locked_open(case)
    description, owner = _text(description), _text(owner)
    errors = {}
    if partner is None or partner.case_id != case.pk:
        errors["partner"] = _("Choose a partner of this case.")
    if not description:
        errors["description"] = _("Describe what was agreed.")
    if not owner:
        errors["owner"] = _("Say who owns this agreement.")
    if due_on is None:
        errors["due_on"] = _("Give the date by which it is done.")
    if errors:
        raise ValidationError(errors)
    agreement = Agreement.objects.create(
        case=case, partner=partner, description=description, owner=owner, due_on=due_on, created_by=by, created_at=timezone.now()
    )
    # Every dated to-do is a planned item, so the caseload and reminders see it.
    case_services.planned_item_add(
        case=case, kind=PLANNED_AGREEMENT, label=_("Agreement with %(org)s: %(what)s") % {"org": partner.organisation.name, "what": description[:120]},
        due_on=due_on, by=by, source=_source(agreement),
    )
    log_access(user=by, action=Action.CREATE, record=agreement, detail="agreement with partner")
    _notify(agreement, "create")
    return agreement


@transaction.atomic
def agreement_done(*, agreement: Agreement, by, done_on: date | None = None) -> Agreement:
    _locked_open(agreement.case)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.done_on is not None:
        raise ValidationError(_("This agreement is already done."))
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("This date is in the future.")})
    agreement.done_on = done_on
    agreement.save(update_fields=["done_on"])
    for item in PlannedItem.objects.filter(case_id=agreement.case_id, source=_source(agreement), done_at__isnull=True):
        case_services.planned_item_done(item=item, by=by)
    log_access(user=by, action=Action.UPDATE, record=agreement, detail="agreement done")
    _notify(agreement, "update")
    return agreement


# --- tailored provisions -------------------------------------------------------------------


@transaction.atomic
def tailored_request_add(
    *, case: Case, provision: Provision | None, law: str, motivation: str, by, person: Person | None = None, requested_on: date | None = None
) -> TailoredProvisionRequest:
    case = _locked_open(case)
    motivation = _text(motivation)
    requested_on = requested_on or timezone.localdate()
    errors = {}
    if provision is None:
        errors["provision"] = _("Choose the provision from the sociale kaart.")
    if law not in Law.values:
        errors["law"] = _("Choose the law: Wmo 2015 or Jeugdwet.")
    if not motivation:
        errors["motivation"] = _("Say why this tailored provision is needed.")
    if requested_on > timezone.localdate():
        errors["requested_on"] = _("This date is in the future.")
    if person is not None and not _member_of(case, person):
        errors["person"] = _("Choose a member of this household.")
    if errors:
        raise ValidationError(errors)
    request = TailoredProvisionRequest.objects.create(
        case=case, provision=provision, law=law, person=person, motivation=motivation, status=RequestStatus.REQUESTED,
        status_on=requested_on, requested_on=requested_on, requested_by=by,
    )
    RequestStatusChange.objects.create(request=request, status=RequestStatus.REQUESTED, on=requested_on, by=by, recorded_at=timezone.now())
    log_access(user=by, action=Action.CREATE, record=request, detail=f"tailored provision requested: {provision.name}")
    _notify(request, "create")
    return request


@transaction.atomic
def tailored_request_set_status(*, request: TailoredProvisionRequest, status: str, on: date | None, by, note: str = "") -> RequestStatusChange:
    """Append the next status. Allowed steps are in `REQUEST_TRANSITIONS`."""
    _locked_open(request.case)
    request = TailoredProvisionRequest.objects.select_for_update().get(pk=request.pk)
    note = _text(note)
    allowed = REQUEST_TRANSITIONS[RequestStatus(request.status)]
    if status not in allowed:
        if not allowed:
            raise ValidationError({"status": _("This request is %(status)s; its status cannot change any more.") % {"status": request.get_status_display()}})
        names = ", ".join(str(RequestStatus(s).label) for s in sorted(allowed))
        raise ValidationError({"status": _("From '%(status)s' the next status can be: %(next)s.") % {"status": request.get_status_display(), "next": names}})
    if on is None:
        raise ValidationError({"on": _("Give the date of this status.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date is in the future.")})
    if on < request.status_on:
        raise ValidationError({"on": _("This date is before the previous status (%(date)s).") % {"date": request.status_on.strftime("%d-%m-%Y")}})
    if status == RequestStatus.REFUSED and not note:
        raise ValidationError({"note": _("Record why the request was refused (and whether objection is made).")})
    change = RequestStatusChange.objects.create(request=request, status=status, on=on, note=note, by=by, recorded_at=timezone.now())
    request.status, request.status_on = status, on
    request.save(update_fields=["status", "status_on"])
    log_access(user=by, action=Action.UPDATE, record=request, case_id=request.case_id, detail=f"tailored provision status {status}")
    _notify(request, "update")
    return change


# --- sharing -------------------------------------------------------------------------------


@transaction.atomic
def sharing_basis_record(
    *, case: Case, organisation: Organisation | None, kind: str, purpose: str, necessity: str, categories, legal_task: str,
    valid_from: date | None, by, valid_until: date | None = None, consent_by: Person | None = None, consent_form: str = "", reason: str = "",
) -> SharingBasis:
    """Record the basis and necessity of sharing with one named partner.

    The legal task is always required: for a municipality consent cannot replace a missing
    legal basis (ADR 0070). Consent is recorded on top of it: it lifts professional secrecy
    and shows the person agreed.
    """
    case = _locked_open(case)
    necessity, reason = _text(necessity), _text(reason)
    categories = [c for c in DataCategory.values if c in set(categories or [])]
    errors = {}
    if organisation is None:
        errors["organisation"] = _("Choose the partner you share information with.")
    if purpose not in SharingPurpose.values:
        errors["purpose"] = _("Choose the purpose of sharing.")
    if kind not in SharingBasisKind.values:
        errors["kind"] = _("Choose the basis for sharing: consent, a legal task, danger or care avoidance.")
    if legal_task not in LegalTask.values:
        errors["legal_task"] = _(
            "Name the legal task this sharing serves. Consent alone is not enough: a municipality needs a legal basis."
        )
    if not necessity:
        errors["necessity"] = _("Explain why sharing is necessary for this purpose.")
    if not categories:
        errors["categories"] = _("Choose what may be shared (at least one kind of information).")
    if valid_from is None:
        errors["valid_from"] = _("Give the date from which sharing is allowed.")
    elif valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = _("The end date is before the start date.")
    if kind == SharingBasisKind.CONSENT:
        if consent_by is None:
            errors["consent_by"] = _("Record who gave consent.")
        elif not _member_of(case, consent_by):
            errors["consent_by"] = _("Choose a member of this household.")
        if not consent_form:
            errors["consent_form"] = _("Record how consent was given.")
        if valid_until is None and "valid_until" not in errors:
            errors["valid_until"] = _("Consent is given for a period: give the end date.")
        reason = ""
    else:
        consent_by, consent_form = None, ""
        if kind in REASON_BASES and not reason:
            errors["reason"] = _("Record why information is shared without consent.")
    if errors:
        raise ValidationError(errors)
    basis = SharingBasis.objects.create(
        case=case, organisation=organisation, kind=kind, legal_task=legal_task, purpose=purpose, necessity=necessity,
        categories=categories, valid_from=valid_from, valid_until=valid_until, consent_by=consent_by, consent_form=consent_form,
        reason=reason, recorded_by=by, recorded_at=timezone.now(),
    )
    log_access(user=by, action=Action.CREATE, record=basis, person_id=getattr(consent_by, "pk", None),
               detail=f"sharing basis {kind} with {organisation.name} for {purpose}")
    return basis


@transaction.atomic
def sharing_basis_end(*, basis: SharingBasis, ended_on: date | None, by, note: str = "") -> SharingEnd:
    """Consent withdrawn (or another basis ended) from `ended_on`. A new row; the basis is never edited."""
    Case.objects.select_for_update().get(pk=basis.case_id)
    basis = SharingBasis.objects.select_for_update().get(pk=basis.pk)
    if SharingEnd.objects.filter(basis=basis).exists():
        raise ValidationError(_("This basis has already been ended or withdrawn."))
    if ended_on is None:
        raise ValidationError({"ended_on": _("Give the date from which sharing stops.")})
    if ended_on < basis.valid_from:
        raise ValidationError({"ended_on": _("This date is before the basis started.")})
    end = SharingEnd.objects.create(basis=basis, ended_on=ended_on, note=_text(note), by=by, recorded_at=timezone.now())
    log_access(user=by, action=Action.UPDATE, record=basis, case_id=basis.case_id,
               detail="consent withdrawn" if basis.kind == SharingBasisKind.CONSENT else "sharing basis ended")
    return end


# --- case discussions ----------------------------------------------------------------------

_IDENTIFIERS = [
    (re.compile(r"\b\d{9}\b"), gettext_lazy("a number that looks like a BSN")),
    (re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b"), gettext_lazy("a postcode")),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), gettext_lazy("an e-mail address")),
    (re.compile(r"(\+31|\b0)[1-9][\d\s-]{7,}\d"), gettext_lazy("a phone number")),
    (re.compile(r"\b\d{1,2}[-/]\d{1,2}[-/](19|20)\d{2}\b"), gettext_lazy("a date that may be a birth date")),
]


def _personal_data_in(text: str, names: set[str]) -> list[str]:
    found = [str(label) for pattern, label in _IDENTIFIERS if pattern.search(text)]
    for name in names:
        if re.search(rf"\b{re.escape(name)}\b", text):
            found.append(_("the name '%(name)s'") % {"name": name})
    return found


def _resident_names_known_to(user) -> set[str]:
    """Surnames of residents in the cases this user works on: they must not appear in an anonymous discussion."""
    from eenplan.access.policy import cases_visible_to

    names = Person.objects.filter(household_memberships__household__cases__in=cases_visible_to(user)).values_list("surname", flat=True)
    return {n for n in names if len(n) >= 3}


@transaction.atomic
def discussion_record(
    *, team, kind: str, held_on: date | None, question: str, by, anonymous: bool = False, case: Case | None = None,
    advice: str = "", decisions: str = "", household_present: bool = False, colleagues=(), partners=(), actions=(),
) -> CaseDiscussion:
    """Record a case discussion.

    `partners`: (organisation, role, name) triples; `actions`: (description, owner, due_on) triples.
    An anonymous discussion stores no personal data: no case, no names of partners, the
    household not present, and no identifiers or residents' names in its texts.
    """
    question, advice, decisions = _text(question), _text(advice), _text(decisions)
    partners = [(org, _text(role), _text(name)) for org, role, name in partners]
    actions = [(_text(d), _text(o), due) for d, o, due in actions if _text(d) or _text(o)]
    errors = {}
    if kind not in DiscussionKind.values:
        errors["kind"] = _("Choose the kind of discussion.")
    if held_on is None:
        errors["held_on"] = _("Give the date of the discussion.")
    elif held_on > timezone.localdate():
        errors["held_on"] = _("This date is in the future. Record a discussion after it was held.")
    if not question:
        errors["question"] = _("Write down the question that was discussed.")
    if any(not d or not o for d, o, _due in actions):
        errors["actions"] = _("Every follow-up action needs a description and who does it.")
    if any(org is None for org, _r, _n in partners):
        errors["partners"] = _("Choose the organisation of every partner at the table.")
    if anonymous:
        if case is not None:
            errors["anonymous"] = _("An anonymous discussion is not linked to a case. Record it from the team's discussions page.")
        if household_present:
            errors["household_present"] = _("When the household takes part, the discussion is not anonymous.")
        if any(name for _o, _r, name in partners):
            errors["partners"] = _("In an anonymous discussion, record partners by organisation and role only, without names.")
        found = []
        names = _resident_names_known_to(by)
        for text in [question, advice, decisions] + [d for d, _o, _due in actions] + [o for _d, o, _due in actions]:
            found += [f for f in _personal_data_in(text, names) if f not in found]
        if found:
            errors["question"] = _("An anonymous discussion holds no personal data. Remove: %(what)s.") % {"what": ", ".join(found)}
    else:
        if case is None:
            errors["case"] = _("A discussion that is not anonymous belongs to a case.")
        elif case.team_id != getattr(team, "pk", team):
            team = case.team
    if errors:
        raise ValidationError(errors)
    if case is not None:
        case = _locked_open(case)
    discussion = CaseDiscussion.objects.create(
        team=team, case=case, anonymous=anonymous, kind=kind, held_on=held_on, household_present=household_present,
        question=question, advice=advice, decisions=decisions, recorded_by=by, recorded_at=timezone.now(),
    )
    discussion.internal_participants.set(list(colleagues))
    DiscussionParticipant.objects.bulk_create(
        [DiscussionParticipant(discussion=discussion, organisation=org, role=role, name="" if anonymous else name) for org, role, name in partners]
    )
    DiscussionAction.objects.bulk_create(
        [DiscussionAction(discussion=discussion, description=d, owner=o, due_on=due) for d, o, due in actions]
    )
    if case is not None:
        log_access(user=by, action=Action.CREATE, record=discussion, case_id=case.pk, detail=f"case discussion ({kind})")
    else:
        log_access(user=by, action=Action.CREATE, record=discussion, detail=f"anonymous case discussion ({kind})")
    return discussion


def plan_action_service():
    """The plans app's way to add an action to a case's plan: a new plan version with an
    `AddAction` (plans.services.plan_version_create). None while the plans app lacks it."""
    try:
        from eenplan.plans import selectors as plan_selectors
        from eenplan.plans import services as plan_services
    except ImportError:
        return None
    needed = [getattr(plan_services, n, None) for n in ("plan_version_create", "AddAction", "ActionData")]
    if not all(needed) or not hasattr(plan_selectors, "plan_of"):
        return None
    plan_version_create, AddAction, ActionData = needed

    def add(*, case, goal_key, description, owner_kind, owner, due_on, by, source):
        plan = plan_selectors.plan_of(case)
        if plan is None:
            raise ValidationError(_("This case has no plan yet. Make the plan first, then copy the action."))
        return plan_version_create(
            plan=plan, by=by, reason=_("Follow-up action from a case discussion"), source=source,
            changes=[AddAction(goal_key=goal_key, data=ActionData(what=description, owner_kind=owner_kind, owner_name=owner, due_on=due_on))],
        )

    return add


def plan_goals(case) -> list:
    """The goals of the case's current plan version (key, title), for choosing where an action goes."""
    try:
        from eenplan.plans.selectors import current_goals
    except ImportError:
        return []
    return [(g.key, g.title) for g in current_goals(case).only("key", "title").prefetch_related(None)]


@transaction.atomic
def discussion_action_copy_to_plan(*, action: DiscussionAction, goal_key, owner_kind: str, by, due_on: date | None = None) -> DiscussionAction:
    """Copy a follow-up action into the case's plan (under one of its goals) through the plans app."""
    action = DiscussionAction.objects.select_for_update().select_related("discussion").get(pk=action.pk)
    discussion = action.discussion
    if discussion.case_id is None:
        raise ValidationError(_("Actions of an anonymous discussion cannot be copied into a plan."))
    if action.copied_at is not None:
        raise ValidationError(_("This action is already in the plan."))
    add = plan_action_service()
    if add is None:
        raise ValidationError(_("The plan cannot take actions yet."))
    if not goal_key:
        raise ValidationError({"goal": _("Choose the goal in the plan this action belongs to.")})
    case = _locked_open(discussion.case)
    created = add(case=case, goal_key=goal_key, description=action.description, owner_kind=owner_kind, owner=action.owner,
                  due_on=due_on or action.due_on, by=by, source=_source(discussion))
    action.copied_at = timezone.now()
    action.copied_to = _source(created) if hasattr(created, "_meta") else ""
    action.save(update_fields=["copied_at", "copied_to"])
    log_access(user=by, action=Action.UPDATE, record=discussion, case_id=case.pk, detail="discussion action copied into the plan")
    return action
