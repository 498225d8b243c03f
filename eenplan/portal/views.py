"""Mijn plan pages. Access for residents is decided in eenplan/access/policy.py (resident rules)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access.decorators import public, resident_required
from eenplan.access.models import Action
from eenplan.access.policy import PortalPaused, require_resident_case, resident_case

from . import selectors, services
from .forms import ActionAnswerForm, AgreementForm, InvitationCodeForm
from .session import current_resident, end_resident_session


def pause_aware(view):
    """Mijn plan paused for the resident's case (access/policy.py): a kind page saying whom to call (403, logged)."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PortalPaused as paused:
            return render(request, "portal/paused.html", {"resident": current_resident(request), "page": "paused",
                                                          "regisseur": selectors.contact(paused.case)}, status=403)

    return wrapped


@public
def login(request):
    if current_resident(request) is not None:
        return redirect("portal:home")
    return render(request, "portal/login.html", {})


@resident_required
@require_POST
def logout(request):
    end_resident_session(request)
    messages.info(request, _("You are logged out of Mijn plan."))
    return redirect("portal:login")


def _case(request, *, action=Action.READ, detail=""):
    resident = current_resident(request)
    case = resident_case(resident.person)
    if case is None:
        return resident, None
    require_resident_case(request, case, action=action, detail=detail)
    return resident, case


@resident_required
@pause_aware
def home(request):
    resident, case = _case(request, detail="Mijn plan: plan")
    context = {"resident": resident, "case": case, "page": "home"}
    if case is not None:
        context.update(selectors.plan_for_resident(case))
    return render(request, "portal/home.html", context)


@resident_required
@pause_aware
def action(request, action_key):
    resident = current_resident(request)
    case = resident_case(resident.person)
    planned = services.resident_action(case, action_key) if case is not None else None
    if planned is None:
        # Another household's action (or none): refused and logged, with the case it belongs to when known.
        from eenplan.plans.models import PlanAction

        other = PlanAction.objects.filter(key=action_key).select_related("version__plan__case").first()
        require_resident_case(request, other.version.plan.case if other else None,
                              action=Action.UPDATE if request.method == "POST" else Action.READ,
                              detail="Mijn plan: action of another household")
        raise Http404  # own household, but not an action the resident answers for
    require_resident_case(request, case, action=Action.UPDATE if request.method == "POST" else Action.READ,
                          record=planned, detail="Mijn plan: action")
    form = ActionAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_action_answer(resident=resident, case=case, action_key=planned.key,
                                            answer=form.cleaned_data["answer"], note=form.cleaned_data["note"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your regisseur can see your answer now."))
            return redirect("portal:home")
    if form.errors:
        _log_not_saved(request, case, "Mijn plan: action")
    outcome = selectors.outcome_of(case, planned)
    return render(request, "portal/action.html", {"resident": resident, "case": case, "planned": planned,
                                                   "outcome": outcome, "form": form},
                  status=422 if form.errors else 200)


@resident_required
@pause_aware
def agreement(request):
    resident, case = _case(request, action=Action.CREATE if request.method == "POST" else Action.READ,
                           detail="Mijn plan: agreement")
    if case is None:
        return redirect("portal:home")
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_agreement(resident=resident, case=case, agrees=form.cleaned_data["agrees"],
                                        words=form.cleaned_data["words"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your answer about the plan is saved. Your regisseur can see it."))
            return redirect("portal:home")
    if form.errors:
        _log_not_saved(request, case, "Mijn plan: agreement")
    context = {"resident": resident, "case": case, "form": form, "page": "agreement"}
    context.update(selectors.plan_for_resident(case))
    return render(request, "portal/agreement.html", context, status=422 if form.errors else 200)


@resident_required
@pause_aware
def who_looked(request):
    resident = current_resident(request)
    case = resident_case(resident.person)
    if case is not None:
        require_resident_case(request, case, detail="Mijn plan: who looked at my file")  # paused: the kind page
    rows = selectors.who_looked(resident.person)
    from eenplan.access.policy import resident_log

    resident_log(request, action=Action.READ, record_type="access log", detail="Mijn plan: who looked at my file",
                 shown_ids=[row["pk"] for row in rows])
    from django.conf import settings

    return render(request, "portal/who_looked.html", {"resident": resident, "rows": rows, "page": "who_looked",
                                                       "staff_names": settings.EENPLAN_PORTAL_STAFF_NAMES})


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _log_not_saved(request, case, detail):
    from eenplan.access.policy import resident_log

    resident_log(request, action=Action.READ, record=case, detail=f"{detail} (not saved)")


INVITATION_TOKEN = "_eenplan_invitation_key"


@public
def invitation(request):
    """The link from the invitation e-mail: the key goes into the session and out of the address (so it is
    in no log or Referer), then the invited person types the code and gets a resident session."""
    if request.method == "GET" and request.GET.get("sleutel"):
        request.session[INVITATION_TOKEN] = request.GET["sleutel"][:100]
        return redirect("portal:invitation")
    token = request.session.get(INVITATION_TOKEN, "")
    form = InvitationCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not token:
            form.add_error(None, _("Open the link in the e-mail with your invitation first."))
        else:
            try:
                services.invitation_redeem(request, token=token, code=form.cleaned_data["code"])
            except services.InvitationRefused as error:
                form.add_error("code", error)
            else:
                request.session.pop(INVITATION_TOKEN, None)
                messages.success(request, _("Welcome to Mijn plan."))
                return redirect("portal:home")
    return render(request, "portal/invitation.html", {"form": form, "has_key": bool(token)},
                  status=422 if form.errors else 200)


@resident_required
@pause_aware
def my_zrm(request):
    """Mijn ZRM / Wat Telt: the resident's own view of their life domains, before the next conversation."""
    from eenplan.assessment.models import Domain
    from eenplan.assessment.selectors import current_instrument

    from .forms import SelfAssessmentForm

    resident, case = _case(request, action=Action.CREATE if request.method == "POST" else Action.READ, detail="Mijn plan: own ZRM")
    if case is None:
        return redirect("portal:home")
    instrument = current_instrument()
    domains = list(Domain.objects.filter(instrument=instrument).order_by("order")) if instrument else []
    last = selectors.latest_self_assessment(case, resident.person)
    initial = {}
    if last is not None:
        initial["what_matters"] = last.what_matters
        for s in last.scores.all():
            initial[f"score_{s.domain.code}"] = str(s.score) if s.score else ""
            initial[f"important_{s.domain.code}"] = s.important
    form = SelfAssessmentForm(request.POST if request.method == "POST" else None, domains=domains, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_self_assessment(resident=resident, case=case, instrument=instrument, scores=form.scores(),
                                              what_matters=form.cleaned_data["what_matters"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your regisseur can see this before your next conversation."))
            return redirect("portal:home")
    if form.errors:
        _log_not_saved(request, case, "Mijn plan: own ZRM")
    return render(request, "portal/my_zrm.html", {"resident": resident, "case": case, "form": form, "last": last, "page": "zrm",
                                                   "own_sharing": selectors.own_sharing_state(case, resident.person),
                                                   "children": _children_shown(request, case, resident.person)},
                  status=422 if form.errors else 200)


def _children_shown(request, case, person) -> list[dict]:
    """A parent's view of the children's own Mijn ZRM that is shared with them (age rules: access/policy.py);
    each child shown is a read of that child's record, logged with the child as the person."""
    from eenplan.access.policy import children_shown_to, resident_log

    from .forms import SELF_LEVELS

    words = dict(SELF_LEVELS)
    shown = []
    for child in children_shown_to(person, case):
        last = selectors.latest_self_assessment(case, child)
        resident_log(request, action=Action.READ, record=last or child, person_id=child.pk, case_id=case.pk,
                     household_id=case.household_id, detail="Mijn plan: a child's own ZRM, shown to the parent")
        scores = [{"domain": s.domain.resident_name or s.domain.name, "answer": words.get(str(s.score), ""),
                   "important": s.important} for s in sorted(last.scores.all(), key=lambda s: s.domain.order)] if last else []
        shown.append({"child": child, "last": last, "scores": scores})
    return shown


@resident_required
@pause_aware
@require_POST
def my_zrm_sharing(request):
    """A young person (16+: start or stop; 12 to 16: stop) decides whether their parents see their own Mijn ZRM."""
    resident, case = _case(request, action=Action.UPDATE, detail="Mijn plan: own ZRM shared with the parents")
    if case is None:
        return redirect("portal:home")
    start = request.POST.get("share") == "ja"
    try:
        if start:
            services.youth_sharing_start(resident=resident, case=case)
        else:
            services.youth_sharing_stop(resident=resident, case=case)
    except ValidationError as error:
        _log_not_saved(request, case, "Mijn plan: own ZRM shared with the parents")
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your parents can now see what you fill in here.") if start
                         else _("Your parents can no longer see what you fill in here."))
    return redirect("portal:my_zrm")


@resident_required
@pause_aware
def documents(request):
    """Their documents: the plan PDF of each version the household agreed to or was given."""
    resident, case = _case(request, detail="Mijn plan: documents")
    versions = selectors.documents_of(case) if case is not None else []
    return render(request, "portal/documents.html", {"resident": resident, "case": case, "versions": versions, "page": "documents"})


@resident_required
@pause_aware
def document(request, number):
    """The plan PDF of one version, for the resident's own household only (logged as a print)."""
    from django.http import HttpResponse

    from eenplan.plans.printing import plan_pdf

    resident = current_resident(request)
    case = resident_case(resident.person)
    version = selectors.document_of(case, number) if case is not None else None
    require_resident_case(request, case, action=Action.PRINT, record=version, detail=f"Mijn plan: plan PDF, version {number}")
    if version is None:
        raise Http404(_("This document does not exist."))
    response = HttpResponse(plan_pdf(case=case, version=version, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mijn-plan-versie-{version.number}.pdf"'
    return response
