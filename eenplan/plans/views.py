"""Plan pages. Every page passes `policy.require_case` (allowed or refused, always logged);
changes go through `services`, which log the write."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action
from eenplan.cases.selectors import case_colleagues, case_for_page
from eenplan.core.forms import colleague_rows, post_case_form, submit_form

from . import selectors, services
from .assessment_panel import assessment_panel
from .forms import (
    ACTION_ROWS,
    SOLUTION_ROWS,
    ActionAddForm,
    ActionForm,
    ActionOutcomeForm,
    AgreementForm,
    GoalForm,
    ProblemForm,
    ProvisionPickForm,
    ProvisionSearchForm,
    RegieForm,
    RemoveForm,
    SolutionAddForm,
    SolutionForm,
    apply_errors,
)
from .services import (
    ActionData,
    AddAction,
    AddGoal,
    AddProblem,
    AddSolution,
    ChangeAction,
    ChangeGoal,
    GoalData,
    RemoveAction,
    RemoveGoal,
    RemoveProblem,
    RemoveSolution,
    SetPriorities,
    SolutionData,
)

CASE_ROLES = policy.CASE_WORKER_ROLES
PROVISION_RESULTS = 12


def _case(pk):
    return case_for_page(pk)


def _new_version(case, form, changes_of):
    """The service call of a plan form: build the changes and write the next version."""

    def apply(d):
        changes = changes_of(d)
        plan = services.plan_ensure(case=case, by=form.user)
        try:
            return services.plan_version_create(plan=plan, by=form.user, reason=d["reason"], changes=changes, based_on=d["based_on"])
        except services.PlanConflict as conflict:
            form.conflict = conflict
            raise

    return apply


# Fields whose current text is shown beside what was typed when an edit came too late.
CONFLICT_FIELDS = ("title", "result", "term", "target_date", "status", "what", "owner_kind", "owner_name", "due_on", "text", "description")


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)


def offer_current_version(form, current=None):
    """After a refused stale edit: the form now carries the newest version number (so sending it again
    applies what was typed on top of that version), and `form.conflict_rows` sets the current text
    beside what was typed, for the fields that differ."""
    conflict = getattr(form, "conflict", None)
    if conflict is None or conflict.current is None:
        return form
    data = form.data.copy()
    data[form.add_prefix("based_on")] = str(conflict.current.number)
    form.data = data
    rows = []
    for name in CONFLICT_FIELDS:
        if name not in form.fields or current is None or not hasattr(current, name):
            continue
        field, now = form.fields[name], getattr(current, name)
        if hasattr(current, f"get_{name}_display"):
            now = getattr(current, f"get_{name}_display")()
        typed = form[name].value()
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            typed = dict(field.choices).get(typed, typed)
        typed, now = _display(typed), _display(now)
        if typed != now:
            rows.append({"label": field.label, "current": now, "typed": typed})
    form.conflict_info = {"number": conflict.current.number, "by_self": conflict.by_self, "rows": rows}
    return form


def _versioned(case, form, changes_of):
    """Validate `form` and write the next version; on refusal the errors go on the form (None)."""
    result = {}
    if submit_form(form, lambda d: result.setdefault("version", _new_version(case, form, changes_of)(d))):
        return result["version"]
    return None


def _version_post(request, case, form, changes_of, *, done, then, page, current=None):
    """A plan form posted: through the one case-form helper, writing a new version (or changing the draft).
    Refused because the plan moved on, the page offers to apply the input to the newest version
    (`current()`: the record being edited, as it is now, to show beside what was typed)."""
    form.user = request.user
    return post_case_form(
        request, form, _new_version(case, form, changes_of), success=lambda version: _saved_message(version, done), then=then,
        page=lambda form: page(offer_current_version(form, current() if current and getattr(form, "conflict", None) else None)),
    )


def _based_on(case) -> int:
    plan = selectors.plan_of(case)
    return plan.current_number if plan else 0


def _saved_message(version, done: str) -> str:
    """`done` ("Goal added.") and what happened to the plan: the draft changed, or a new version."""
    if getattr(version, "is_draft", False):
        then = _("The draft of version %(n)s is updated; it becomes fixed once the household agrees or gets the plan.")
    else:
        then = _("Version %(n)s of the plan was saved.")
    return f"{done} {then % {'n': version.number}}"


def _saved(request, version, done: str):
    messages.success(request, _saved_message(version, done))


# --- the plan page ---------------------------------------------------------------------------


def _plan_page(request, case, status=200, **bound):
    versions = selectors.recent_versions(case)  # the page lists five; the newest is the current one
    version = versions[0] if versions else None
    outcomes = selectors.action_outcomes(case, version)
    goals = selectors.with_outcomes(list(selectors.goals_of(version)), outcomes) if version else []
    problems = list(version.problems.select_related("domain")) if version else []
    based_on = version.number if version else 0
    agreement = selectors.latest_agreement(version)
    context = {
        "case": case, "version": version, "goals": goals, "problems": problems, "versions": versions,
        "agreement": agreement, "regie": selectors.regie_current(case),
        "problem_form": ProblemForm(prefix="problem", initial={"based_on": based_on}),
        "agreement_form": AgreementForm(prefix="agree", case=case, initial={"version": based_on}),
        "regie_form": RegieForm(prefix="regie"),
        "priority_reason_form": RemoveForm(prefix="prio", initial={"based_on": based_on}),
        "remove_form": RemoveForm(prefix="rm", initial={"based_on": based_on}),
        "today": timezone.localdate(),
        "needs_reason": selectors.needs_reason(version),
        "outcome_form": ActionOutcomeForm(prefix="uitkomst"),
    }
    context.update(bound)
    return render(request, "plans/case.html", context, status=status)


@roles_required(*CASE_ROLES)
def case(request, pk):
    case = _case(pk)
    policy.require_case(request, case, detail="plan")
    return _plan_page(request, case)


def _post(request, pk, detail):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail=detail)
    return case


@roles_required(*CASE_ROLES)
@require_POST
def problem_add(request, pk):
    case = _post(request, pk, "plan: problem statement")
    return _version_post(
        request, case, ProblemForm(request.POST, prefix="problem"),
        lambda d: [AddProblem(text=d["text"], domain_id=d["domain"].pk if d["domain"] else None)],
        done=_("Problem statement added."), then=plan_url(case),
        page=lambda form: _plan_page(request, case, status=400, problem_form=form),
    )


@roles_required(*CASE_ROLES)
@require_POST
def problem_remove(request, pk, key):
    case = _post(request, pk, "plan: remove problem statement")
    return _version_post(
        request, case, RemoveForm(request.POST, prefix="rm"), lambda d: [RemoveProblem(key=key)],
        done=_("Problem statement removed."), then=plan_url(case),
        page=lambda form: _plan_page(request, case, status=400, remove_form=form),
    )


@roles_required(*CASE_ROLES)
@require_POST
def priorities(request, pk):
    """The household's order of the goals: one number per goal."""
    case = _post(request, pk, "plan: priorities")
    version = selectors.current_version(case)
    keys = [g.key for g in version.goals.all()] if version else []

    def changes(d):
        try:
            order = {k: int(request.POST.get(f"prio-{k}", "")) for k in keys}
        except ValueError:
            raise ValidationError({"reason": _("Give every goal a number for its priority.")})
        return [SetPriorities(goal_keys=sorted(keys, key=lambda k: (order[k], str(k))))]

    return _version_post(
        request, case, RemoveForm(request.POST, prefix="prio"), changes, done=_("Priorities saved."), then=plan_url(case),
        page=lambda form: _plan_page(request, case, status=400, priority_reason_form=form),
    )


@roles_required(*CASE_ROLES)
@require_POST
def agreement(request, pk):
    case = _post(request, pk, "plan: agreement")

    def apply(d):
        version = selectors.version_of(case, d["version"])
        if version is None:
            raise ValidationError(_("There is no plan version to agree with yet."))
        services.plan_agreement_record(version=version, by=request.user, agrees=d["agrees"], on=d["on"], how=d["how"],
                                       person=d["person"], words=d["words"])

    return post_case_form(
        request, AgreementForm(request.POST, prefix="agree", case=case), apply,
        success=_("The household's answer to the plan was recorded."), then=plan_url(case),
        page=lambda form: _plan_page(request, case, status=400, agreement_form=form),
    )


@roles_required(*CASE_ROLES)
@require_POST
def regie(request, pk):
    case = _post(request, pk, "plan: regie")
    return post_case_form(
        request, RegieForm(request.POST, prefix="regie"),
        lambda d: services.regie_reason_record(case=case, by=request.user, holder=d["holder"], reason=d["reason"]),
        success=_("Regie recorded."), then=plan_url(case),
        page=lambda form: _plan_page(request, case, status=400, regie_form=form),
    )


# --- goals -----------------------------------------------------------------------------------


def _goal_data(d) -> GoalData:
    problem = d.get("problem")
    return GoalData(
        title=d["title"], term=d["term"], target_date=d["target_date"], result=d["result"],
        domain_ids=[x.pk for x in d["domains"]], member_ids=[p.pk for p in d["members"]],
        problem_key=uuid.UUID(problem) if problem else None, status=d.get("status") or "open",
    )


def _action_data(d) -> ActionData:
    owner_user = d.get("owner_user")
    return ActionData(what=d["what"], owner_kind=d["owner_kind"], owner_name=d["owner_name"], due_on=d["due_on"],
                      owner_user_id=owner_user.pk if owner_user else None)


def _provision_solution(d) -> SolutionData | None:
    provision = d.get("provision")
    if provision is None:
        return None
    frame = "maatwerk" if provision.type == "maatwerk" else "voorliggend"
    return SolutionData(frame=frame, description=d.get("provision_note", ""), provision_id=provision.pk)


def _checked(form, check) -> bool:
    """Run a service check; put its errors on `form`. True when the input is fine."""
    try:
        check()
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    return True


def _goal_page(request, case, status=200, **forms):
    version = selectors.current_version(case)
    search = ProvisionSearchForm(prefix="ps", initial={"wijk": case.household.wijk_id})
    provisions = _provisions(wijk=case.household.wijk_id)
    pick = forms.get("pick_form")
    picked = pick.cleaned_data.get("provision") if pick is not None and pick.is_bound and pick.is_valid() else None
    if picked is not None and picked not in provisions:
        provisions.insert(0, picked)  # keep what was chosen in a search, so nothing is lost on a re-render
    context = {
        "case": case, "version": version,
        "panel": assessment_panel(case),
        "search_form": search,
        "provisions": provisions,
        "needs_reason": selectors.needs_reason(version),
        **forms,
    }
    return render(request, "plans/goal_form.html", context, status=status)


def _problems(case):
    version = selectors.current_version(case)
    return list(version.problems.all()) if version else []


@roles_required(*CASE_ROLES)
def goal_add(request, pk):
    """A goal with its solutions and actions in one change (one new version)."""
    case = _case(pk)
    problems = _problems(case)
    if request.method != "POST":
        policy.require_case(request, case, detail="plan: new goal")
        start = selectors.goal_start(case, request.GET)
        initial = {"based_on": _based_on(case), "title": start.title, "domains": start.domain_ids, "members": start.member_ids}
        solutions = start.solutions[:SOLUTION_ROWS]
        colleagues = colleague_rows(case_colleagues(case))  # one read for the action rows' colleague lists
        return _goal_page(
            request, case,
            goal_form=GoalForm(prefix="goal", case=case, problems=problems, initial=initial),
            solution_forms=[SolutionForm(prefix=f"sol-{n}", initial=solutions[n] if n < len(solutions) else None)
                            for n in range(SOLUTION_ROWS)],
            pick_form=ProvisionPickForm(prefix="pick"),
            action_forms=[ActionForm(prefix=f"act-{n}", case=case, colleagues=colleagues) for n in range(ACTION_ROWS)],
        )
    policy.require_case(request, case, action=Action.UPDATE, detail="plan: new goal")
    goal_form = GoalForm(request.POST, prefix="goal", case=case, problems=problems)
    goal_form.user = request.user
    solution_forms = [SolutionForm(request.POST, prefix=f"sol-{n}") for n in range(SOLUTION_ROWS)]
    pick_form = ProvisionPickForm(request.POST, prefix="pick")
    action_forms = [ActionForm(request.POST, prefix=f"act-{n}", case=case) for n in range(ACTION_ROWS)]

    rows_ok = all([f.is_valid() for f in [*solution_forms, *action_forms, pick_form]])
    goal_ok = goal_form.is_valid()
    version = None
    if goal_ok and rows_ok:
        today = timezone.localdate()
        solutions = [SolutionData(frame=f.cleaned_data["frame"], description=f.cleaned_data["description"])
                     for f in solution_forms if f.has_input()]
        if sol := _provision_solution(pick_form.cleaned_data):
            solutions.append(sol)
        actions = []
        for form in action_forms:
            if form.has_input():
                data = _action_data(form.cleaned_data)
                rows_ok &= _checked(form, lambda data=data: services.clean_action(
                    data, today=today, new=True, colleagues=services.colleagues_of(case, request.user)))
                actions.append(data)
        if rows_ok:
            with transaction.atomic():
                version = _versioned(case, goal_form, lambda d: [AddGoal(data=_goal_data(d), solutions=solutions, actions=actions)])
    offer_current_version(goal_form)
    if version is None and not goal_form.non_field_errors():
        goal_form.add_error(None, _("Not saved yet: check the fields marked below. Everything you typed is kept."))
    if version:
        _saved(request, version, _("Goal added."))
        return redirect("plans:case", pk=case.pk)
    return _goal_page(request, case, status=400, goal_form=goal_form, solution_forms=solution_forms,
                      pick_form=pick_form, action_forms=action_forms)


def _goal_of(case, key):
    version = selectors.current_version(case)
    goal = selectors.goals_of(version).filter(key=key).first() if version else None
    if goal is None:
        raise Http404(_("This goal is not in the newest version of the plan."))
    return version, goal


def _edit_prefix(action_key) -> str:
    """One form per action on the goal page: the prefix keeps their field ids apart."""
    return f"act-{action_key.hex}"


def _goal_edit_page(request, case, goal, status=200, **bound):
    version = selectors.current_version(case)
    based_on = version.number
    colleagues = colleague_rows(case_colleagues(case))  # one read for the colleague list of every action on the page
    context = {
        "case": case, "version": version, "goal": goal,
        "goal_form": GoalForm(prefix="goal", case=case, problems=_problems(case), with_status=True, initial={
            "based_on": based_on, "title": goal.title, "result": goal.result, "term": goal.term, "target_date": goal.target_date,
            "domains": list(goal.domains.all()), "members": list(goal.members.all()), "status": goal.status,
            "problem": str(goal.problem_key) if goal.problem_key else "",
        }),
        "action_form": ActionAddForm(prefix="action", case=case, colleagues=colleagues, initial={"based_on": based_on}),
        "solution_form": SolutionAddForm(prefix="solution", initial={"based_on": based_on}),
        "remove_form": RemoveForm(prefix="rm", initial={"based_on": based_on}),
        "search_form": ProvisionSearchForm(prefix="ps", initial={"wijk": case.household.wijk_id}),
        "provisions": _provisions(wijk=case.household.wijk_id),
        "pick_prefix": "solution",
        "panel": assessment_panel(case),
        "needs_reason": selectors.needs_reason(version),
        "outcome_form": ActionOutcomeForm(prefix="uitkomst"),
    }
    selectors.with_outcomes([goal], selectors.action_outcomes(case, version))
    edited = bound.pop("edited_action", None)
    context["action_edits"] = [
        (a, edited[1] if edited and edited[0] == a.key else ActionAddForm(prefix=_edit_prefix(a.key), case=case, colleagues=colleagues, initial={
            "based_on": based_on, "what": a.what, "owner_kind": a.owner_kind, "owner_name": a.owner_name,
            "owner_user": a.owner_user_id, "due_on": a.due_on}))
        for a in goal.actions.all()
    ]
    context.update(bound)
    return render(request, "plans/goal_edit.html", context, status=status)


@roles_required(*CASE_ROLES)
def goal_edit(request, pk, key):
    case = _case(pk)
    if request.method != "POST":
        policy.require_case(request, case, detail="plan: goal")
        goal = _goal_of(case, key)[1]
        return _goal_edit_page(request, case, goal)
    policy.require_case(request, case, action=Action.UPDATE, detail="plan: change goal")
    goal = _goal_of(case, key)[1]
    return _version_post(
        request, case, GoalForm(request.POST, prefix="goal", case=case, problems=_problems(case), with_status=True),
        lambda d: [ChangeGoal(key=key, data=_goal_data(d))],
        done=_("Goal changed."), then=reverse("plans:goal", args=[case.pk, key]),
        page=lambda form: _goal_edit_page(request, case, goal, status=400, goal_form=form), current=lambda: goal,
    )


FORM_PREFIX = {"remove_form": "rm", "action_form": "action", "solution_form": "solution"}


def _goal_post(request, pk, key, form_key, form_class, changes_of, success, detail, *, to_plan=False):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail=detail)
    goal = _goal_of(case, key)[1]
    extra = {"case": case} if issubclass(form_class, ActionForm) else {}
    return _version_post(
        request, case, form_class(request.POST, prefix=FORM_PREFIX[form_key], **extra), lambda d: changes_of(goal, d),
        done=success, then=plan_url(case) if to_plan else reverse("plans:goal", args=[case.pk, key]),
        page=lambda form: _goal_edit_page(request, case, goal, status=400, **{form_key: form}),
    )


@roles_required(*CASE_ROLES)
@require_POST
def goal_remove(request, pk, key):
    return _goal_post(request, pk, key, "remove_form", RemoveForm, lambda g, d: [RemoveGoal(key=g.key)],
                      _("Goal removed from the plan."), "plan: remove goal", to_plan=True)


@roles_required(*CASE_ROLES)
@require_POST
def action_add(request, pk, key):
    def changes(goal, d):
        return [AddAction(goal_key=goal.key, data=_action_data(d))]

    return _goal_post(request, pk, key, "action_form", ActionAddForm, changes,
                      _("Action added."), "plan: add action")


@roles_required(*CASE_ROLES)
@require_POST
def action_edit(request, pk, key, action_key):
    """Change who does what by when; the action keeps its key, so the comparison shows it as changed."""
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="plan: change action")
    goal = _goal_of(case, key)[1]
    return _version_post(
        request, case, ActionAddForm(request.POST, prefix=_edit_prefix(action_key), case=case),
        lambda d: [ChangeAction(key=action_key, data=_action_data(d))],
        done=_("Action changed."), then=reverse("plans:goal", args=[case.pk, key]),
        page=lambda form: _goal_edit_page(request, case, goal, status=400, edited_action=(action_key, form)),
        current=lambda: next((a for a in goal.actions.all() if a.key == action_key), None),
    )


@roles_required(*CASE_ROLES)
@require_POST
def action_remove(request, pk, key, action_key):
    return _goal_post(request, pk, key, "remove_form", RemoveForm, lambda g, d: [RemoveAction(key=action_key)],
                      _("Action removed."), "plan: remove action")


@roles_required(*CASE_ROLES)
@require_POST
def solution_add(request, pk, key):
    def changes(goal, d):
        sol = _provision_solution(d) or SolutionData(frame=d["frame"], description=d["description"])
        if d.get("provision") is not None and d.get("frame"):
            sol.frame = d["frame"]
        if d.get("provision") is not None and d.get("description"):
            sol.description = d["description"]
        return [AddSolution(goal_key=goal.key, data=sol)]

    return _goal_post(request, pk, key, "solution_form", SolutionAddForm, changes,
                      _("Solution added."), "plan: add solution")


@roles_required(*CASE_ROLES)
@require_POST
def solution_remove(request, pk, key, solution_key):
    return _goal_post(request, pk, key, "remove_form", RemoveForm, lambda g, d: [RemoveSolution(key=solution_key)],
                      _("Solution removed."), "plan: remove solution")


# --- the sociale kaart inside the plan ---------------------------------------------------------


def _provisions(*, q="", domain=None, wijk=None):
    from eenplan.socialmap.selectors import provisions_search

    return list(provisions_search(q=q, domain=domain, wijk=wijk)[:PROVISION_RESULTS])


@roles_required(*CASE_ROLES)
def provision_search(request, pk):
    """Search the sociale kaart by domain and wijk; htmx swaps the result list into the goal form."""
    case = _case(pk)
    policy.require_case(request, case, action=Action.SEARCH, detail="plan: sociale kaart")
    form = ProvisionSearchForm(request.GET, prefix="ps")
    d = form.cleaned_data if form.is_valid() else {}
    provisions = _provisions(q=d.get("q", ""), domain=d.get("domain"), wijk=d.get("wijk"))
    pick_prefix = request.GET.get("pick", "pick") if request.GET.get("pick") in ("pick", "solution") else "pick"
    html = render_to_string("plans/_provision_results.html", {"provisions": provisions, "pick_prefix": pick_prefix}, request=request)
    return HttpResponse(html)


# --- versions, comparison, print -------------------------------------------------------------


@roles_required(*CASE_ROLES)
def versions(request, pk):
    case = _case(pk)
    policy.require_case(request, case, detail="plan: versions")
    all_versions = list(selectors.versions_of(case))
    numbers = [v.number for v in all_versions]
    comparison = None
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        a, b = (numbers[1], numbers[0]) if len(numbers) > 1 else (None, None)
    if a in numbers and b in numbers:
        old, new = selectors.version_of(case, min(a, b)), selectors.version_of(case, max(a, b))
        comparison = selectors.compare_versions(old, new)
    return render(request, "plans/versions.html", {
        "case": case, "versions": all_versions, "comparison": comparison, "a": a, "b": b,
    })


@roles_required(*CASE_ROLES)
def version_detail(request, pk, number):
    case = _case(pk)
    policy.require_case(request, case, detail=f"plan: version {number}")
    version = selectors.version_of(case, number)
    if version is None:
        raise Http404(_("This version does not exist."))
    return render(request, "plans/version.html", {
        "case": case, "version": version, "goals": selectors.goals_of(version),
        "problems": version.problems.select_related("domain"),
        "agreements": version.agreements.select_related("person", "recorded_by"),
        "is_current": number == selectors.plan_of(case).current_number,
    })


@roles_required(*CASE_ROLES)
def pdf(request, pk):
    """The household's own copy of the plan, in plain Dutch."""
    from .printing import plan_pdf

    case = _case(pk)
    version = selectors.current_version(case)
    policy.require_case(request, case, action=Action.PRINT, record=version, detail="plan PDF for the household")
    if version is None:
        messages.error(request, _("There is no plan to print yet."))
        return redirect("plans:case", pk=case.pk)
    data = plan_pdf(case=case, version=version, request=request)
    services.plan_version_share(version=version, by=request.user)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-{case.pk}-versie-{version.number}.pdf"'
    return response


@roles_required(*CASE_ROLES)
@require_POST
def action_outcome(request, pk, action_key):
    """Mark an action done or not done (from the plan or from the caseload's to-do list)."""
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="plan: action done or not done")
    form = ActionOutcomeForm(request.POST, prefix="uitkomst")
    back = form.data.get("uitkomst-next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    if form.is_valid():
        d = form.cleaned_data
        try:
            outcome = services.plan_action_outcome_record(case=case, action_key=action_key, result=d["result"], by=request.user,
                                                          note=d["note"], household_view=d["household_view"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The action is marked done.") if outcome.result == "gedaan" else _("The action is marked not done."))
            return redirect(back or reverse("plans:case", args=[case.pk]))
    # Refused: the plan page again, with the messages at that action and what was typed (status 400).
    failed = {"key": action_key, "errors": [m for errors in form.errors.values() for m in errors],
              "result": form.data.get("uitkomst-result", ""), "note": form.data.get("uitkomst-note", ""),
              "household_view": form.data.get("uitkomst-household_view", "")}
    return _plan_page(request, case, status=400, outcome_failed=failed)


def plan_url(case) -> str:
    return reverse("plans:case", args=[case.pk])
