"""Intake pages: the team's intake board, registering a signal, the signal page with outreach,
triage, the on-call rota, the case's intake tab, and the public web form.

Signal pages pass `access.policy.require_signal` (allowed or refused, always logged);
the case tab passes `access.policy.require_case`; state changes go through `services`.
"""


from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.decorators import public, roles_required
from eenplan.access.models import Action, Outcome
from eenplan.cases.selectors import case_for_page
from eenplan.core.forms import submit_form as _submit
from eenplan.core.idempotency import TOKEN_RE
from eenplan.core.net import client_ip
from eenplan.core.paging import page_query, paged
from eenplan.organisation.models import Team, Wijk
from eenplan.people.models import Household

from . import selectors, services
from .forms import (
    AssignForm,
    AttemptForm,
    PublicSignalForm,
    RotaCycleForm,
    RotaDayForm,
    SignalForm,
    SubjectForm,
    TriageChildFormSet,
    TriageForm,
    WithdrawForm,
    new_public_token,
)
from .models import LifeDomain, Signal, SourceType

ROLES = policy.SIGNAL_ROLES
PUBLIC_LIMIT = 5  # submissions per address per window
PUBLIC_WINDOW_SECONDS = 600


def _signal(pk):
    return get_object_or_404(
        Signal.objects.select_related("source", "signal_type", "team", "wijk", "assigned_to", "on_duty", "household", "person", "case"),
        pk=pk,
    )


# --- board ---------------------------------------------------------------------------------


BOARD_PAGE_SIZE = 50


@roles_required(*ROLES)
def board(request):
    team_ids = policy.board_team_ids(request.user)
    wijken = list(Wijk.objects.filter(teams__in=team_ids).distinct())
    sources = list(SourceType.objects.all())
    wijk_id = request.GET.get("wijk") if request.GET.get("wijk", "").isdigit() else None
    source_id = request.GET.get("bron") if request.GET.get("bron", "").isdigit() else None
    open_signals = selectors.board(team_ids, wijk_id=wijk_id, source_id=source_id)
    counts = selectors.board_counts(open_signals)
    # The page reads one page of rows, in the database's order, however many are open (ADR 0133).
    page = paged(request, open_signals.values_list("pk", flat=True), BOARD_PAGE_SIZE, count=counts["open"])
    signals = selectors.board_rows(page.object_list)
    duty = selectors.duty_today(team_ids)
    teams = list(Team.objects.filter(pk__in=team_ids))
    for team in teams:
        team.on_duty_today = duty.get(team.pk)
    log_access(user=request.user, action=Action.READ, record_type="intake board",
               acting_role=",".join(sorted(request.user.role_codes())), detail=f"{len(signals)} of {counts['open']} open signals", request=request,
               shown_ids=[s.pk for s in signals])
    return render(request, "intake/board.html", {
        "signals": signals, "open_count": counts["open"], "overdue_count": counts["overdue"],
        "page": page, "page_query": page_query(request), "teams": teams, "wijken": wijken,
        "sources": sources, "wijk_id": int(wijk_id) if wijk_id else None, "source_id": int(source_id) if source_id else None,
        "triaged": selectors.recently_triaged(team_ids),
    })


# --- registering ---------------------------------------------------------------------------


@roles_required(*ROLES)
def signal_new(request):
    team_ids = policy.board_team_ids(request.user)
    form = SignalForm(request.POST or None, team_ids=team_ids)
    if request.method == "POST":
        created = {}

        def apply(d):
            created["signal"] = services.signal_register(
                by=request.user, channel=d["channel"], source=d["source"], signal_type=d["signal_type"], reported_on=d["reported_on"],
                description=d["description"], urgency=d["urgency"], safety_concern=d["safety_concern"], arrears_months=d["arrears_months"],
                deadline=d["deadline"], reporter_name=d["reporter_name"], reporter_organisation=d["reporter_organisation"],
                reporter_phone=d["reporter_phone"], reporter_email=d["reporter_email"], subject_name=d["subject_name"],
                subject_phone=d["subject_phone"], street=d["street"], house_number=d["house_number"],
                house_number_addition=d["house_number_addition"], postcode=d["postcode"], city=d["city"], team=d["team"],
            )

        if _submit(form, apply):
            signal = created["signal"]
            if not policy.signal_decision(request.user, signal):  # placed with another team by its address
                messages.success(request, _("Signal registered and placed with %(team)s, the team of its wijk.") % {"team": signal.team})
                return redirect("intake:board")
            messages.success(request, _("Signal registered."))
            return redirect("intake:signal", pk=signal.pk)
        return render(request, "intake/signal_new.html", {"form": form}, status=400)
    return render(request, "intake/signal_new.html", {"form": form})


# --- the signal page -----------------------------------------------------------------------


def known_at_address(signal) -> list:
    """The households registered at the signal's address, as `people.matching` finds them (level and evidence, merged
    records left out): the signal can be linked to one instead of triage registering the household again."""
    from eenplan.people.matching import find_matches

    if not signal.address_key or signal.household_id is not None:
        return []
    matches = find_matches(postcode=signal.postcode, house_number=signal.house_number,
                           house_number_addition=signal.house_number_addition)
    return [m for m in matches if m.household is not None][:10]


def _team_ids_for(signal, user):
    return [signal.team_id] if signal.team_id else list(policy.board_team_ids(user))


def _signal_page(request, signal, status=200, **bound):
    team_ids = _team_ids_for(signal, request.user)
    context = {
        "signal": signal, **selectors.signal_detail(signal),
        "attempt_form": AttemptForm(),
        "assign_form": AssignForm(team_ids=team_ids, initial={"user": signal.assigned_to_id}),
        "withdraw_form": WithdrawForm(),
        "subject_form": SubjectForm(initial={"subject_name": signal.subject_name, "subject_phone": signal.subject_phone}),
        "attempts_open": services.outreach_continues(signal),
        "candidates": [],
    }
    if signal.household_id is None and signal.address_key:
        context["matches"] = known_at_address(signal)
        context["candidates"] = [m.household for m in context["matches"]]
        if context["candidates"]:
            log_access(user=request.user, action=Action.SEARCH, record_type="people.Household", record_id="",
                       detail=f"households at the address of signal {signal.pk}", request=request,
                       shown_ids=[h.pk for h in context["candidates"]])
    context.update(bound)
    return render(request, "intake/signal.html", context, status=status)


@roles_required(*ROLES)
def signal(request, pk):
    signal = _signal(pk)
    policy.require_signal(request, signal)
    return _signal_page(request, signal)


@roles_required(*ROLES)
@require_POST
def attempt(request, pk):
    signal = _signal(pk)
    policy.require_signal(request, signal, action=Action.UPDATE, detail="contact attempt")
    form = AttemptForm(request.POST)
    ok = _submit(form, lambda d: services.contact_attempt_log(
        signal=signal, kind=d["kind"], reached=d["reached"], at=d["at"], note=d["note"],
        next_attempt_on=d["next_attempt_on"], next_attempt_kind=d["next_attempt_kind"], by=request.user,
    ))
    if ok:
        messages.success(request, _("Contact attempt recorded."))
        return redirect("intake:signal", pk=signal.pk)
    return _signal_page(request, _signal(pk), status=400, attempt_form=form)


@roles_required(*ROLES)
@require_POST
def subject(request, pk):
    """The resident's name and phone as learned since the signal came in."""
    signal = _signal(pk)
    policy.require_signal(request, signal, action=Action.UPDATE, detail="resident's name and phone")
    form = SubjectForm(request.POST)
    if _submit(form, lambda d: services.signal_set_subject(signal=signal, by=request.user, subject_name=d["subject_name"],
                                                           subject_phone=d["subject_phone"])):
        messages.success(request, _("Saved."))
        return redirect("intake:signal", pk=signal.pk)
    return _signal_page(request, _signal(pk), status=400, subject_form=form)


@roles_required(*ROLES)
@require_POST
def assign(request, pk):
    signal = _signal(pk)
    policy.require_signal(request, signal, action=Action.UPDATE, detail="assign")
    form = AssignForm(request.POST, team_ids=_team_ids_for(signal, request.user))
    if _submit(form, lambda d: services.signal_assign(signal=signal, user=d["user"], by=request.user)):
        messages.success(request, _("Assignment saved."))
        return redirect("intake:signal", pk=signal.pk)
    return _signal_page(request, _signal(pk), status=400, assign_form=form)


@roles_required(*ROLES)
@require_POST
def link(request, pk):
    signal = _signal(pk)
    policy.require_signal(request, signal, action=Action.UPDATE, detail="link household")
    household = Household.objects.filter(pk=request.POST.get("household") or 0, postcode=signal.postcode,
                                         house_number=signal.house_number, merged_into__isnull=True).first()
    if household is None:
        messages.error(request, _("Choose one of the households at this address."))
        return redirect("intake:signal", pk=signal.pk)
    services.signal_link(signal=signal, household=household, by=request.user)
    messages.success(request, _("Signal linked to the household."))
    return redirect("intake:signal", pk=signal.pk)


@roles_required(*ROLES)
@require_POST
def withdraw(request, pk):
    signal = _signal(pk)
    policy.require_signal(request, signal, action=Action.UPDATE, detail="withdraw")
    form = WithdrawForm(request.POST)
    if _submit(form, lambda d: services.signal_withdraw(signal=signal, reason=d["reason"], by=request.user)):
        messages.success(request, _("Signal withdrawn."))
        return redirect("intake:board")
    return _signal_page(request, _signal(pk), status=400, withdraw_form=form)


# --- triage --------------------------------------------------------------------------------


def _resident_initial(signal) -> dict:
    if signal.person is not None:
        return {}
    given, prefix, surname = services._split_name(signal.subject_name) if len(signal.subject_name.split()) > 1 else ("", "", "")
    return {"resident_given_names": given, "resident_surname_prefix": prefix, "resident_surname": surname}


def _triage_page(request, signal, form=None, children=None, status=200):
    expertise_ids = []
    if form is not None and form.is_bound and form.is_valid():
        expertise_ids = [e.pk for e in form.cleaned_data["expertise"]]
    elif signal.signal_type_id:
        expertise_ids = list(signal.signal_type.expertise.values_list("pk", flat=True))
    suggestions = selectors.routing_suggestions(team=signal.team, wijk=signal.wijk, expertise_ids=expertise_ids)
    if form is None:
        top = suggestions[0].user.pk if suggestions else None
        form = TriageForm(team_ids=_team_ids_for(signal, request.user), initial={
            "urgency": signal.urgency, "unsafe": "ja" if signal.safety_concern else None, "expertise": expertise_ids,
            "routed_to": top, "suggested": top, **_resident_initial(signal),
        })
    return render(request, "intake/triage.html", {
        "signal": signal, "form": form, "children_formset": children or TriageChildFormSet(prefix="kind"),
        "known_households": len(known_at_address(signal)),
        "suggestions": suggestions, "domains": LifeDomain.choices,
        **selectors.signal_detail(signal),
    }, status=status)


@roles_required(*ROLES)
def triage(request, pk):
    signal = _signal(pk)
    if request.method != "POST":
        policy.require_signal(request, signal, detail="triage")
        if not signal.is_open:
            messages.info(request, _("This signal has already been triaged."))
            return redirect("intake:signal", pk=signal.pk)
        return _triage_page(request, signal)
    policy.require_signal(request, signal, action=Action.CREATE, detail="triage")
    form = TriageForm(request.POST, team_ids=_team_ids_for(signal, request.user))
    # Without the children's rows (a client that sends only the triage) there are no children to add.
    children = TriageChildFormSet(request.POST if "kind-TOTAL_FORMS" in request.POST else None, prefix="kind")
    result = {}

    def apply(d):
        from eenplan.accounts.models import User

        suggested = User.objects.filter(pk=d["suggested"]).first() if d.get("suggested") else None
        rows = children.forms if children.is_bound else []
        kids = [(f.cleaned_data["name"], f.cleaned_data["birth_date"]) for f in rows if f.is_valid() and f.cleaned_data.get("name")]
        result["triage"] = services.triage_decide(
            signal=signal, by=request.user, urgency=d["urgency"], unsafe=d["unsafe"], children=d["children"],
            safety_note=d["safety_note"], domains=d["domains"], household_note=d["household_note"], decision=d["decision"],
            referred_to=d["referred_to"], note=d["note"], expertise=d["expertise"], suggested=suggested,
            routed_to=d["routed_to"], household_name=d["household_name"],
            resident=(d["resident_given_names"], d["resident_surname_prefix"], d["resident_surname"]), kids=kids,
        )

    # With a child's row invalid the triage is still checked by the service — and rolled back —
    # so the triage's own errors and the children's show in one round.
    children_ok = not children.is_bound or children.is_valid()

    def apply_checked(d):
        with transaction.atomic():
            apply(d)
            if not children_ok:
                transaction.set_rollback(True)

    if _submit(form, apply_checked) and children_ok:
        triage = result["triage"]
        messages.success(request, _("Triage recorded: %(decision)s.") % {"decision": triage.get_decision_display()})
        if triage.case_id and policy.case_decision(request.user, triage.case):
            return redirect("intake:case_triage", pk=triage.case_id)
        return redirect("intake:signal", pk=signal.pk)
    return _triage_page(request, _signal(pk), form=form, children=children, status=400)


# --- rota ----------------------------------------------------------------------------------


@roles_required(*ROLES)
def rota(request):
    teams = list(Team.objects.filter(pk__in=policy.board_team_ids(request.user)))
    if not teams:
        log_access(user=request.user, action=Action.READ, outcome=Outcome.REFUSED, record_type="page", record_id="intake:rota",
                   acting_role=",".join(sorted(request.user.role_codes())), detail="not a member of a team", request=request)
        raise PermissionDenied(_("You are not a member of a team."))
    team = next((t for t in teams if str(t.pk) == request.GET.get("team", request.POST.get("team"))), teams[0])
    may_plan = policy.can_plan_rota(request.user, team)
    cycle_form = RotaCycleForm(team=team, initial={"start": timezone.localdate(), "days": 14})
    status = 200
    if request.method == "POST":
        if not may_plan:
            log_access(user=request.user, action=Action.UPDATE, outcome=Outcome.REFUSED, record_type="intake.DutyDay",
                       record_id=str(team.pk), acting_role=",".join(sorted(request.user.role_codes())), request=request)
            raise PermissionDenied(_("Only the team lead plans the rota."))
        if "cyc-start" in request.POST:
            cycle_form = RotaCycleForm(request.POST, team=team)
            if _submit(cycle_form, lambda d: services.rota_fill_cycle(team=team, start=d["start"], users=list(d["users"]),
                                                                       days=d["days"], by=request.user)):
                messages.success(request, _("Rota planned."))
                return redirect(f"{request.path}?team={team.pk}")
            status = 400
        else:
            form = RotaDayForm(request.POST, team=team)
            if _submit(form, lambda d: services.rota_set_day(team=team, day=d["day"], user=d["user"], by=request.user)):
                messages.success(request, _("Rota saved."))
                return redirect(f"{request.path}?team={team.pk}")
            messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
            status = 400
    start = timezone.localdate()
    members = list(RotaDayForm(team=team).fields["user"].queryset)
    days = [{"day": d, "user": u} for d, u in selectors.rota(team, start, 14)]
    return render(request, "intake/rota.html", {
        "team": team, "teams": teams, "days": days, "members": members, "may_plan": may_plan, "cycle_form": cycle_form,
    }, status=status)


# --- the case tab --------------------------------------------------------------------------


@roles_required(*policy.CASE_WORKER_ROLES)
def case_triage(request, pk):
    case = case_for_page(pk)
    policy.require_case(request, case, detail="intake and triage")
    signals = selectors.triage_for_case(case)
    return render(request, "intake/case_triage.html", {"case": case, "signals": signals, "domains": dict(LifeDomain.choices)})


# --- the public web form -------------------------------------------------------------------


def _client_key(request) -> str:
    return f"intake-public:{client_ip(request) or ''}"


def _over_limit(request) -> bool:
    return (cache.get(_client_key(request)) or 0) >= PUBLIC_LIMIT


def _count_submission(request) -> None:
    """Only a submission that was taken in (or a bot's honeypot hit) counts: a resident who needs
    three tries to fill in the form correctly is not throttled for it."""
    key = _client_key(request)
    cache.add(key, 0, PUBLIC_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, PUBLIC_WINDOW_SECONDS)


PUBLIC_TOKEN_COOKIE = "eenplan_aanmelding"
PUBLIC_TOKEN_SECONDS = 2 * 3600
_TOKEN_RE = TOKEN_RE  # the core one-time form token (eenplan/core/idempotency.py)


def _public_token(request) -> str:
    """The form's idempotency token survives the back button: a browser that reloads the form on
    'back' gets the same token from a cookie, so sending again returns the first signal. 'New
    message' (`?nieuw=1`, linked from the thanks page) starts a new one (ADR 0012)."""
    token = request.COOKIES.get(PUBLIC_TOKEN_COOKIE, "")
    if request.GET.get("nieuw") or not _TOKEN_RE.fullmatch(token):
        return new_public_token()
    return token


def _with_token_cookie(request, response, token):
    response.set_cookie(PUBLIC_TOKEN_COOKIE, token, max_age=PUBLIC_TOKEN_SECONDS, path="/aanmelden/", httponly=True,
                        samesite="Lax", secure=request.is_secure())
    return response


def _public_page(request, form, token, status=200, **extra):
    sent = Signal.objects.filter(submission_token=token).exists()
    context = {"form": form, "days": services.public_response_days(), "already_sent": sent, **extra}
    return _with_token_cookie(request, render(request, "intake/public_form.html", context, status=status), token)


@public
def public_form(request):
    """No login. The same answer whether or not the address or person is known: nothing is looked up here."""
    if request.method != "POST":
        token = _public_token(request)
        return _public_page(request, PublicSignalForm(initial={"token": token}), token)
    form = PublicSignalForm(request.POST)
    token = (request.POST.get("token") or "")[:64] or _public_token(request)
    if request.POST.get("website"):  # honeypot: answer as if it worked, store nothing
        _count_submission(request)
        return redirect("intake:public_thanks")
    if Signal.objects.filter(submission_token=token).exists():
        # Sent before (a double click, or back and send again): it arrived once, as the thanks page says.
        return _with_token_cookie(request, redirect("intake:public_thanks"), token)
    if _over_limit(request):
        form.is_valid()
        form.add_error(None, _("Many forms were sent from this connection. Please wait ten minutes and try again, or call us."))
        return _public_page(request, form, token, status=429)
    # Every problem in one round: the service's rules are checked with whatever parsed.
    form.is_valid()
    d = form.cleaned_data
    for field, message in services.public_signal_problems(**d).items():
        if field not in form.errors:
            form.add_error(field if field in form.fields else None, message)

    def apply(d):
        services.public_signal_submit(
            token=d["token"] or token, source=d["source"], description=d["description"], reporter_name=d["reporter_name"],
            reporter_phone=d["reporter_phone"], reporter_email=d["reporter_email"], subject_name=d["subject_name"],
            street=d["street"], postcode=d["postcode"], house_number=d["house_number"],
            house_number_addition=d["house_number_addition"], urgent=d["urgent"] == "ja", safety_concern=d["safety_concern"],
        )

    if not form.errors and _submit(form, apply):
        _count_submission(request)
        return _with_token_cookie(request, redirect("intake:public_thanks"), token)
    return _public_page(request, form, token, status=400, has_errors=True)


@public
def public_thanks(request):
    return render(request, "intake/public_thanks.html", {"days": services.public_response_days()})

