"""Every change to a plan, one function each.

A change never edits a fixed version: `plan_version_create` copies the newest version into memory
(a `PlanState`), applies the requested changes, validates the result and writes it as the
next version — or, while the newest version is a draft (not yet answered by or given to the
household), back into that draft (ADR 0030). Goals, solutions, actions and problem statements keep
their `key` across versions. An edit made on an older version than the newest is refused (`PlanConflict`).
"""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.assessment.models import SolutionFrame
from eenplan.cases import services as case_services
from eenplan.cases.models import Case, ItemOutcome, Phase, PlannedItem

from .models import (
    ActionOutcome,
    ActionResult,
    AgreementHow,
    Goal,
    GoalStatus,
    OwnerKind,
    Plan,
    PlanAction,
    PlanAgreement,
    PlanVersion,
    ProblemStatement,
    RegieHolder,
    RegieReason,
    Solution,
    Term,
)
from .state import PlanState, state_of

PLANNED_ACTION = "plan_actie"


class PlanConflict(ValidationError):
    """The plan moved on since the version the edit was based on (by a colleague, or by the same
    person in another tab). `current` is the newest version; the form offers to apply the edit to it."""

    def __init__(self, *, based_on: int, current: PlanVersion | None, by=None):
        self.based_on, self.current = based_on, current
        author = current.created_by if current else None
        self.by_self = author is not None and by is not None and author.pk == by.pk
        params = {"based_on": based_on, "current": current.number if current else 0,
                  "who": (author.get_full_name() or author.username) if author else ""}
        if self.by_self:
            message = _(
                "You made a newer version of this plan yourself (version %(current)s, for example in another tab) after "
                "this form was opened on version %(based_on)s. Nothing was saved. What you typed is kept below, beside "
                "the current text: apply it to version %(current)s if it is still needed."
            )
        else:
            message = _(
                "%(who)s changed this plan in the meantime: you were working on version %(based_on)s, the plan is now "
                "at version %(current)s. Nothing was saved. What you typed is kept below, beside the current text: "
                "apply it to version %(current)s if it is still needed."
            )
        super().__init__(message % params, code="plan_conflict")


# --- the changes a version can carry ---------------------------------------------------------


@dataclass
class GoalData:
    title: str
    term: str
    target_date: date | None
    domain_ids: list[int]
    result: str = ""
    member_ids: list[int] = field(default_factory=list)
    problem_key: uuid.UUID | None = None
    status: str = GoalStatus.OPEN


@dataclass
class SolutionData:
    frame: str
    description: str
    provision_id: int | None = None


@dataclass
class ActionData:
    what: str
    owner_kind: str
    owner_name: str = ""
    due_on: date | None = None
    owner_user_id: int | None = None
    solution_key: uuid.UUID | None = None


@dataclass
class AddProblem:
    text: str
    domain_id: int | None = None
    key: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class RemoveProblem:
    key: uuid.UUID


@dataclass
class AddGoal:
    data: GoalData
    solutions: list[SolutionData] = field(default_factory=list)
    actions: list[ActionData] = field(default_factory=list)
    key: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class ChangeGoal:
    key: uuid.UUID
    data: GoalData


@dataclass
class RemoveGoal:
    key: uuid.UUID


@dataclass
class AddSolution:
    goal_key: uuid.UUID
    data: SolutionData
    key: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class RemoveSolution:
    key: uuid.UUID


@dataclass
class AddAction:
    goal_key: uuid.UUID
    data: ActionData
    key: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class ChangeAction:
    key: uuid.UUID
    data: ActionData


@dataclass
class RemoveAction:
    key: uuid.UUID


@dataclass
class SetPriorities:
    """The household's order of the goals, most important first."""

    goal_keys: list[uuid.UUID]


# --- validation ------------------------------------------------------------------------------


def _text(value) -> str:
    return (value or "").strip()


def clean_goal(data: GoalData, *, today: date, new: bool) -> dict:
    errors = {}
    if not _text(data.title):
        errors["title"] = _("Describe the goal: what does the household want to reach?")
    if data.term not in Term.values:
        errors["term"] = _("Choose short or long term.")
    if data.target_date is None:
        errors["target_date"] = _("Give a target date: when should this goal be reached?")
    elif new and data.target_date < today:
        errors["target_date"] = _("The target date is in the past.")
    if not data.domain_ids:
        errors["domains"] = _("Choose at least one life domain this goal is about.")
    if data.status not in GoalStatus.values:
        errors["status"] = _("Choose a status.")
    if errors:
        raise ValidationError(errors)
    return {
        "title": _text(data.title), "result": _text(data.result), "term": data.term, "target_date": data.target_date,
        "status": data.status, "domain_ids": sorted(set(data.domain_ids)), "member_ids": sorted(set(data.member_ids)),
        "problem_key": data.problem_key,
    }


def clean_solution(data: SolutionData) -> dict:
    errors = {}
    if data.frame not in SolutionFrame.values:
        errors["frame"] = _("Choose where the solution comes from (own strength, network, provision, tailored provision).")
    if not _text(data.description) and not data.provision_id:
        errors["description"] = _("Describe the solution or choose a provision from the sociale kaart.")
    if errors:
        raise ValidationError(errors)
    return {"frame": data.frame, "description": _text(data.description), "provision_id": data.provision_id}


def clean_action(data: ActionData, *, today: date, new: bool, colleagues: dict | None = None) -> dict:
    """`colleagues` (pk → name): whom a professional's action may be given to (the case's team and
    involved people); None skips that check (a row checked before the case is known)."""
    errors = {}
    owner_user_id = data.owner_user_id if data.owner_kind == OwnerKind.PROFESSIONAL else None
    owner_name = _text(data.owner_name)
    if not _text(data.what):
        errors["what"] = _("Describe what will be done.")
    if data.owner_kind not in OwnerKind.values:
        errors["owner_kind"] = _("Choose who does this: the resident, someone from the network, a professional or a partner.")
        if not owner_name and not data.owner_user_id:
            errors["owner_name"] = _("Write who does this (a name or an organisation).")
    elif data.owner_kind == OwnerKind.PROFESSIONAL:
        if not owner_user_id:
            errors["owner_user"] = _("Choose the colleague who does this; the action then shows on their caseload.")
        elif colleagues is not None and owner_user_id not in colleagues:
            errors["owner_user"] = _("Choose a colleague from the case's team or someone involved in the case.")
        elif colleagues is not None:
            owner_name = colleagues[owner_user_id]
    elif not owner_name:
        errors["owner_name"] = _("Write who does this (a name or an organisation).")
    if data.due_on is None:
        errors["due_on"] = _("Give a date: by when will this be done?")
    elif new and data.due_on < today:
        errors["due_on"] = _("This date is in the past.")
    if errors:
        raise ValidationError(errors)
    return {
        "what": _text(data.what), "owner_kind": data.owner_kind, "owner_name": owner_name,
        "owner_user_id": owner_user_id, "due_on": data.due_on, "solution_key": data.solution_key,
    }


def _need(mapping: dict, key, message: str):
    if key not in mapping:
        raise ValidationError(message)
    return mapping[key]


def _apply(state: PlanState, change, *, today: date, colleagues: dict | None = None) -> str:
    """Apply one change to the in-memory plan; return a line for the version's summary."""
    if isinstance(change, AddProblem):
        if not _text(change.text):
            raise ValidationError({"text": _("Describe the problem in the household's words.")})
        state.problems[change.key] = {"text": _text(change.text), "domain_id": change.domain_id}
        return _("Problem statement added")
    if isinstance(change, RemoveProblem):
        _need(state.problems, change.key, _("This problem statement is no longer in the plan."))
        del state.problems[change.key]
        for goal in state.goals.values():
            if goal["problem_key"] == change.key:
                goal["problem_key"] = None
        return _("Problem statement removed")
    if isinstance(change, AddGoal):
        goal = clean_goal(change.data, today=today, new=True)
        goal["priority"] = len(state.goals) + 1
        state.goals[change.key] = goal
        for sol in change.solutions:
            state.solutions[uuid.uuid4()] = {"goal_key": change.key, **clean_solution(sol)}
        for act in change.actions:
            state.actions[uuid.uuid4()] = {"goal_key": change.key, **clean_action(act, today=today, new=True, colleagues=colleagues)}
        return _("Goal added: %(title)s") % {"title": goal["title"]}
    if isinstance(change, ChangeGoal):
        old = _need(state.goals, change.key, _("This goal is no longer in the plan."))
        goal = clean_goal(change.data, today=today, new=change.data.target_date != old["target_date"])
        state.goals[change.key] = {**goal, "priority": old["priority"]}
        return _("Goal changed: %(title)s") % {"title": goal["title"]}
    if isinstance(change, RemoveGoal):
        goal = _need(state.goals, change.key, _("This goal is no longer in the plan."))
        del state.goals[change.key]
        state.solutions = {k: s for k, s in state.solutions.items() if s["goal_key"] != change.key}
        state.actions = {k: a for k, a in state.actions.items() if a["goal_key"] != change.key}
        state.renumber()
        return _("Goal removed: %(title)s") % {"title": goal["title"]}
    if isinstance(change, AddSolution):
        _need(state.goals, change.goal_key, _("This goal is no longer in the plan."))
        state.solutions[change.key] = {"goal_key": change.goal_key, **clean_solution(change.data)}
        return _("Solution added")
    if isinstance(change, RemoveSolution):
        _need(state.solutions, change.key, _("This solution is no longer in the plan."))
        del state.solutions[change.key]
        for act in state.actions.values():
            if act["solution_key"] == change.key:
                act["solution_key"] = None
        return _("Solution removed")
    if isinstance(change, AddAction):
        _need(state.goals, change.goal_key, _("This goal is no longer in the plan."))
        state.actions[change.key] = {"goal_key": change.goal_key, **clean_action(change.data, today=today, new=True, colleagues=colleagues)}
        return _("Action added: %(what)s") % {"what": state.actions[change.key]["what"][:80]}
    if isinstance(change, ChangeAction):
        old = _need(state.actions, change.key, _("This action is no longer in the plan."))
        act = clean_action(change.data, today=today, new=change.data.due_on != old["due_on"], colleagues=colleagues)
        state.actions[change.key] = {"goal_key": old["goal_key"], **act}
        return _("Action changed: %(what)s") % {"what": act["what"][:80]}
    if isinstance(change, RemoveAction):
        act = _need(state.actions, change.key, _("This action is no longer in the plan."))
        del state.actions[change.key]
        return _("Action removed: %(what)s") % {"what": act["what"][:80]}
    if isinstance(change, SetPriorities):
        if set(change.goal_keys) != set(state.goals) or len(change.goal_keys) != len(state.goals):
            raise ValidationError({"priorities": _("Put every goal in the order exactly once.")})
        for n, key in enumerate(change.goal_keys, start=1):
            state.goals[key]["priority"] = n
        return _("Priorities set with the household")
    raise TypeError(f"unknown plan change {change!r}")


# --- writing ---------------------------------------------------------------------------------


def plan_of(case: Case) -> Plan | None:
    return Plan.objects.filter(case=case).first()


@transaction.atomic
def plan_ensure(*, case: Case, by, at=None) -> Plan:
    """The case's plan (created empty, without versions, the first time)."""
    plan, created = Plan.objects.get_or_create(case=case, defaults={"created_at": at or timezone.now(), "created_by": by})
    if created:
        log_access(user=by, action=Action.CREATE, record=plan, case_id=case.pk)
    return plan


def _write_rows(version: PlanVersion, state: PlanState) -> None:
    ProblemStatement.objects.bulk_create(
        ProblemStatement(version=version, key=k, text=p["text"], domain_id=p["domain_id"], order=n)
        for n, (k, p) in enumerate(state.problems.items())
    )
    goals = Goal.objects.bulk_create(
        Goal(version=version, key=k, problem_key=g["problem_key"], title=g["title"], result=g["result"], term=g["term"],
             target_date=g["target_date"], status=g["status"], priority=g["priority"])
        for k, g in state.goals.items()
    )
    by_key = {g.key: g for g in goals}
    Goal.domains.through.objects.bulk_create(
        Goal.domains.through(goal_id=by_key[k].pk, domain_id=d) for k, g in state.goals.items() for d in g["domain_ids"]
    )
    Goal.members.through.objects.bulk_create(
        Goal.members.through(goal_id=by_key[k].pk, person_id=p) for k, g in state.goals.items() for p in g["member_ids"]
    )
    Solution.objects.bulk_create(
        Solution(version=version, goal=by_key[s["goal_key"]], key=k, frame=s["frame"], description=s["description"],
                 provision_id=s["provision_id"], order=n)
        for n, (k, s) in enumerate(state.solutions.items())
    )
    PlanAction.objects.bulk_create(
        PlanAction(version=version, goal=by_key[a["goal_key"]], key=k, solution_key=a["solution_key"], what=a["what"],
                   owner_kind=a["owner_kind"], owner_name=a["owner_name"], owner_user_id=a["owner_user_id"],
                   due_on=a["due_on"], order=n)
        for n, (k, a) in enumerate(state.actions.items())
    )


def _write(plan: Plan, number: int, state: PlanState, *, by, reason, summary, source, at) -> PlanVersion:
    version = PlanVersion.objects.create(
        plan=plan, number=number, created_at=at, created_by=by, reason=reason, summary=summary, source=source
    )
    _write_rows(version, state)
    return version


def _rewrite_draft(version: PlanVersion, state: PlanState, *, reason, summary) -> PlanVersion:
    """A draft is changed in place: same number, its rows replaced (keys kept), the summary extended."""
    ProblemStatement.objects.filter(version=version).delete()
    Goal.objects.filter(version=version).delete()  # cascades to solutions, actions and the goal's links
    _write_rows(version, state)
    version.summary = "\n".join(line for line in (version.summary, summary) if line)
    version.reason = version.reason or reason
    version.save(update_fields=["summary", "reason"])
    return version


def is_draft(version: PlanVersion | None) -> bool:
    """Not yet agreed (or disagreed) with and not given to the household: edits change it in place."""
    return version is not None and version.shared_at is None and not version.agreements.exists()


def closed_action_dates(plan: Plan) -> dict:
    """Per action key: the due date its newest outcome (done / not done) was recorded for."""
    closed = {}
    for key, due_on in plan.action_outcomes.order_by("-at", "-pk").values_list("action_key", "due_on"):
        closed.setdefault(key, due_on)
    return closed


def _sync_planned_items(plan: Plan, state: PlanState, *, by):
    """Actions owned by a professional appear on that colleague's caseload as planned items (one per
    action key), until they are marked done or not done for their date. The colleague becomes involved
    in the case, so the item and the case show on their caseload."""
    case = plan.case
    closed = closed_action_dates(plan)
    wanted = {
        f"plans.PlanAction:{k}": a for k, a in state.actions.items()
        if a["owner_kind"] == OwnerKind.PROFESSIONAL and a["owner_user_id"] and state.goals[a["goal_key"]]["status"] == GoalStatus.OPEN
        and closed.get(k) != a["due_on"]
    }
    open_items = {i.source: i for i in PlannedItem.objects.filter(case=case, source__startswith="plans.PlanAction:", done_at__isnull=True)}
    for source, item in open_items.items():
        act = wanted.get(source)
        if act is None or act["due_on"] != item.due_on or act["owner_user_id"] != item.owner_id:
            case_services.planned_item_done(item=item, by=by)
            open_items[source] = None
        elif act["what"][:200] != item.label:
            item.label = act["what"][:200]
            item.save(update_fields=["label"])
    missing = {source: act for source, act in wanted.items() if open_items.get(source) is None}
    owners = {u.pk: u for u in get_user_model().objects.filter(pk__in={a["owner_user_id"] for a in missing.values()})}
    involved = set(case.involvements.filter(until__isnull=True).values_list("user_id", flat=True)) | {case.regisseur_id}
    for source, act in missing.items():
        owner = owners.get(act["owner_user_id"])
        if owner is not None and owner.pk not in involved:
            case_services.case_involve(case=case, user=owner, by=by, role_in_case=_("action in the plan"))
            involved.add(owner.pk)
        case_services.planned_item_add(
            case=case, kind=PLANNED_ACTION, label=act["what"][:200], due_on=act["due_on"], by=by, owner=owner, source=source,
        )


def _default_owner(changes: list, by) -> None:
    """A process (evaluation, case discussion) that adds a professional's action without naming the
    colleague gives it to the person recording it."""
    for change in changes:
        for data in [change.data] if isinstance(change, (AddAction, ChangeAction)) else (change.actions if isinstance(change, AddGoal) else []):
            if data.owner_kind == OwnerKind.PROFESSIONAL and not data.owner_user_id:
                data.owner_user_id = by.pk


def colleagues_of(case: Case, by) -> dict:
    """Whom a professional's action may be given to, pk → name (the person recording included)."""
    from eenplan.cases.selectors import case_colleagues

    names = {u.pk: u.get_full_name() or u.username for u in case_colleagues(case)}
    names.setdefault(by.pk, by.get_full_name() or by.username)
    return names


@transaction.atomic
def plan_version_create(
    *, plan: Plan, by, reason: str, changes: list, based_on: int | None = None, source: str = "", at=None
) -> PlanVersion:
    """Write the next version of `plan` with `changes` applied — or, while the newest version is a
    draft (nobody agreed to it and nobody was given it), change that draft in place (ADR 0030).

    A new version needs a reason; a draft does not. `based_on` is the version number the user was
    looking at; when the plan has moved on since, nothing is written and `PlanConflict` is raised.
    Pass `based_on=None` from code that applies a change to whatever is newest (e.g. an evaluation
    that scales support up or down); such a change always makes a new version with its `source`.
    """
    plan = Plan.objects.select_for_update().select_related("case").get(pk=plan.pk)
    if plan.case.phase == Phase.AFGESLOTEN:
        raise ValidationError(_("This case is closed. Reopen it to change the plan."))
    if based_on is not None and based_on != plan.current_number:
        raise PlanConflict(based_on=based_on, current=plan.versions.select_related("created_by").first(), by=by)
    current = plan.versions.first()
    in_place = based_on is not None and not source and (current is None or is_draft(current))
    reason = _text(reason)
    if not reason and not in_place:
        raise ValidationError({"reason": _("Write why the plan changes (for example: agreed with the family at the kitchen table).")})
    if not changes:
        raise ValidationError(_("Nothing to change."))
    if based_on is None:
        _default_owner(changes, by)
    at = at or timezone.now()
    today = timezone.localtime(at).date()
    state = state_of(current) if current else PlanState()
    colleagues = colleagues_of(plan.case, by)
    summary = [_apply(state, change, today=today, colleagues=colleagues) for change in changes]
    if in_place and current is not None:
        version = _rewrite_draft(current, state, reason=reason, summary="\n".join(summary))
        detail = f"plan version {version.number} (draft) changed"
    else:
        version = _write(plan, plan.current_number + 1, state, by=by, reason=reason, summary="\n".join(summary), source=source, at=at)
        plan.current_number = version.number
        plan.save(update_fields=["current_number"])
        detail = f"plan version {version.number}"
    version.is_draft = in_place
    _sync_planned_items(plan, state, by=by)
    log_access(user=by, action=Action.CREATE if not (in_place and current) else Action.UPDATE, record=version,
               case_id=plan.case_id, detail=detail)
    return version


@transaction.atomic
def plan_version_share(*, version: PlanVersion, by, at=None) -> PlanVersion:
    """The household was given this version (the PDF): from now on a change makes a new version."""
    if version.shared_at is None:
        version.shared_at = at or timezone.now()
        version.save(update_fields=["shared_at"])
    return version


@transaction.atomic
def plan_action_outcome_record(*, case: Case, action_key, result: str, by, note: str = "", household_view: str = "", at=None,
                               audit: dict | None = None) -> ActionOutcome:
    """An action of the newest version marked done or not done; its planned item leaves the caseload.

    `audit`: who the access-log line names when that is not `by` (a resident in Mijn plan: user, acting_role,
    person_id)."""
    plan = Plan.objects.select_for_update().get(case=case)
    if case.phase == Phase.AFGESLOTEN:
        raise ValidationError(_("This case is closed. Reopen it to change the plan."))
    action = PlanAction.objects.filter(version__plan=plan, version__number=plan.current_number, key=action_key).first()
    if action is None:
        raise ValidationError(_("This action is no longer in the plan."))
    note, household_view = _text(note), _text(household_view)
    if result not in ActionResult.values:
        raise ValidationError({"result": _("Choose done or not done.")})
    if result == ActionResult.NOT_DONE and not (note or household_view):
        raise ValidationError({"note": _("Write why it was not done.")})
    at = at or timezone.now()
    outcome = ActionOutcome.objects.create(plan=plan, action_key=action.key, due_on=action.due_on, result=result, note=note,
                                           household_view=household_view, at=at, by=by)
    item_outcome = ItemOutcome.DONE if result == ActionResult.DONE else ItemOutcome.NOT_DONE
    for item in PlannedItem.objects.filter(case=case, source=f"plans.PlanAction:{action.key}", done_at__isnull=True):
        case_services.planned_item_close(item=item, outcome=item_outcome, by=by, note=note or household_view, at=at)
    log_access(**{"user": by, **(audit or {})}, action=Action.CREATE, record=outcome, case_id=case.pk, detail=f"plan action {result}")
    return outcome


@transaction.atomic
def plan_agreement_record(
    *, version: PlanVersion, by, agrees: bool, on: date, how: str, person=None, words: str = "", audit: dict | None = None
) -> PlanAgreement:
    """The resident's agreement with a version, or their disagreement in their own words."""
    plan = Plan.objects.select_for_update().get(pk=version.plan_id)
    errors = {}
    if version.number != plan.current_number:
        raise ValidationError(_("This is not the newest version of the plan. Record the agreement with the newest version."))
    if on is None:
        errors["on"] = _("Give the date.")
    elif on > timezone.localdate():
        errors["on"] = _("This date is in the future.")
    elif on < timezone.localtime(version.created_at).date():
        errors["on"] = _("This date is before this version of the plan was made.")
    if how not in AgreementHow.values:
        errors["how"] = _("Choose how the household agreed or disagreed: on paper, in person or digitally.")
    words = _text(words)
    if not agrees and not words:
        errors["words"] = _("Write down in the resident's own words what they do not agree with.")
    if person is not None and not plan.case.household.members.filter(person=person).exists():
        errors["person"] = _("This person is not a member of the household.")
    if errors:
        raise ValidationError(errors)
    agreement = PlanAgreement.objects.create(
        version=version, agrees=agrees, person=person, on=on, how=how, words=words, recorded_at=timezone.now(), recorded_by=by
    )
    log_access(**{"user": by, **(audit or {})}, action=Action.CREATE, record=agreement, case_id=plan.case_id,
               detail="agreement" if agrees else "disagreement")
    return agreement


@transaction.atomic
def regie_reason_record(*, case: Case, by, holder: str, reason: str = "", at=None) -> RegieReason:
    """Who holds regie; when it is not the household itself, why (seed 003 step 7)."""
    if holder not in RegieHolder.values:
        raise ValidationError({"holder": _("Choose who holds regie.")})
    reason = _text(reason)
    if holder != RegieHolder.RESIDENT and not reason:
        raise ValidationError({"reason": _("Write why the household does not hold regie itself.")})
    case = Case.objects.select_for_update().get(pk=case.pk)
    row = RegieReason.objects.create(case=case, holder=holder, reason=reason if holder != RegieHolder.RESIDENT else "",
                                     at=at or timezone.now(), by=by)
    log_access(user=by, action=Action.UPDATE, record=row, case_id=case.pk, detail=f"regie held by {holder}")
    return row
