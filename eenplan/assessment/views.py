"""The assessment (vraagverheldering) page: the whole household on one screen.

Every view passes `policy.require_case` (allowed or refused, always logged); writes go
through `services`. Each section saves on its own with htmx (a partial is swapped in, so what
is typed elsewhere on the page stays), and works as a plain form post without JavaScript.
On bad input the section comes back with the errors and everything typed (422 for htmx,
400 for a plain post).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from eenplan.access import policy
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action
from eenplan.cases.selectors import case_for_page
from eenplan.core.forms import submit_form as _submit
from eenplan.people.ages import age_on
from eenplan.people.models import Person

from . import charts, selectors, services
from .forms import (
    Big5ActionForm,
    Big5Form,
    NetworkMemberForm,
    ParticipationForm,
    QuestionForm,
    StrengthForm,
    WatTeltForm,
    ZrmForm,
)
from .models import Big5Action, Big5Domain, Domain, NetworkMember

CASE_ROLES = policy.CASE_WORKER_ROLES
ERROR_HTMX, ERROR_PLAIN = 422, 400


def _case(pk):
    return case_for_page(pk)




def _member_person(case, person_pk) -> Person:
    person = get_object_or_404(Person, pk=person_pk)
    if not selectors.is_member(case, person):
        raise Http404
    return person


def _person_or_none(case, person_pk):
    if not person_pk:
        return None
    return Person.objects.filter(pk=person_pk, household_memberships__household_id=case.household_id).first()


def _domains_for_choice():
    return Domain.objects.filter(instrument__is_current=True).order_by("order")


# --- charts on the page --------------------------------------------------------------------


def _decorate(person_data):
    """Add the radar chart and the sparklines to a person's instrument blocks."""
    person = person_data["person"]
    for block in person_data["blocks"]:
        labels = [row["domain"].name for row in block.rows]
        series = []
        for m in reversed(block.measurements[-3:]):
            scores = {s.domain_id: s.score for s in m.scores.all() if not s.not_applicable}
            series.append((m.measured_on.strftime("%d-%m-%Y"), [scores.get(row["domain"].pk) for row in block.rows]))
        scored = [f"{row['domain'].name} {row['latest']}" for row in block.rows if isinstance(row["latest"], int)]
        block.radar = charts.radar(
            labels, series,
            label=_("%(instrument)s of %(name)s on %(date)s: %(scores)s. The table gives all numbers and the change.")
            % {"instrument": block.instrument.name, "name": person.full_name,
               "date": block.latest.measured_on.strftime("%d-%m-%Y"), "scores": ", ".join(scored) or _("nothing scored")},
        )
        if len(block.measurements) > 1:
            dates = [m.measured_on.strftime("%d-%m-%Y") for m in block.measurements]
            lines = [
                (row["domain"].name, [v if isinstance(v, int) else None for _on, v in row["history"]])
                for row in block.rows
                if sum(isinstance(v, int) for _on, v in row["history"]) > 1
            ]
            block.history_dates = dates
            if lines:
                block.timeline = charts.timeline(
                    dates, lines,
                    label=_("Scores per life domain of %(name)s over %(n)s measurements, from %(first)s to %(last)s. The table 'All scores per date' gives the numbers.")
                    % {"name": person.full_name, "n": len(dates), "first": dates[0], "last": dates[-1]},
                )
            for row in block.rows:
                values = [v if isinstance(v, int) else None for _on, v in row["history"]]
                if sum(v is not None for v in values) > 1:
                    row["sparkline"] = charts.sparkline(
                        values, label=_("%(domain)s over time") % {"domain": row["domain"].name}
                    )
    return person_data


def _default_instrument(person, instruments):
    age = age_on(person, selectors.timezone.localdate())
    wanted = "zrm-jongeren" if age is not None and 12 <= age < 18 else None
    for i in instruments:
        if i.code == wanted:
            return i
    return next((i for i in instruments if i.is_current), instruments[0])


# --- the page ------------------------------------------------------------------------------


def _context(request, case, bound=None, saved=None):
    bound = bound or {}
    data = selectors.case_assessment(case)
    members = [p["member"] for p in data["people"]]
    domains = _domains_for_choice()
    for p in data["people"]:
        _decorate(p)
        p["participation_form"] = bound.get(("participation", p["person"].pk)) or ParticipationForm(prefix=f"pl-{p['person'].pk}")
        p["zrm_form_html"] = bound.get(("zrm", p["person"].pk))
    for b in data["big5"]:
        entry = b["entry"]
        initial = {"current": entry.current, "ideal": entry.ideal} if entry else {}
        b["form"] = bound.get(("big5", b["domain"])) or Big5Form(initial=initial, domain=b["domain"])
        b["action_form"] = bound.get(("big5_action", b["domain"])) or Big5ActionForm(domain=b["domain"])
    return {
        "case": case,
        **data,
        "wat_telt_form": bound.get("wat_telt") or WatTeltForm(members=members, domains=domains),
        "strength_form": bound.get("strength") or StrengthForm(members=members),
        "network_form": bound.get("network") or NetworkMemberForm(),
        "question_form": bound.get("question") or QuestionForm(members=members, domains=domains),
        "network_map": charts.network_map(data["network"], household_name=case.household.name),
        "saved": saved,
    }


@roles_required(*CASE_ROLES)
def case(request, pk):
    case = _case(pk)
    policy.require_case(request, case, detail="assessment")
    return render(request, "assessment/case.html", _context(request, case))


def _section(request, case, *, ok: bool, template: str, anchor: str, success: str, bound=None):
    """Answer a section's post: the fresh section (htmx) or a redirect; on errors the bound form."""
    if ok:
        if request.htmx:
            return render(request, template, _context(request, case, saved=success))
        messages.success(request, success)
        return redirect(reverse("assessment:case", args=[case.pk]) + f"#{anchor}")
    context = _context(request, case, bound=bound)
    if request.htmx:
        return render(request, template, context, status=ERROR_HTMX)
    return render(request, "assessment/case.html", context, status=ERROR_PLAIN)


# --- ZRM -----------------------------------------------------------------------------------


def _zrm_form(request, case, person, data=None):
    instruments = list(selectors.instruments_for_new_measurements())
    code = (data or request.GET).get("instrument")
    instrument = next((i for i in instruments if i.code == code), None) or _default_instrument(person, instruments)
    domains = selectors.instrument_with_levels(instrument)
    form = ZrmForm(data, domains=domains, prefix=f"zrm-{person.pk}")
    return form, instrument, instruments


def _zrm_form_context(case, person, form, instrument, instruments):
    return {"case": case, "person": person, "form": form, "instrument": instrument, "instruments": instruments}


@roles_required(*CASE_ROLES)
def measure(request, pk, person_pk):
    """A ZRM measurement for one household member: the form (a fragment for htmx, a page
    otherwise) and its post. The followup app links here for a re-measurement."""
    case = _case(pk)
    if request.method != "POST":
        policy.require_case(request, case, detail="ZRM measurement form")
        person = _member_person(case, person_pk)
        form, instrument, instruments = _zrm_form(request, case, person)
        ctx = _zrm_form_context(case, person, form, instrument, instruments)
        template = "assessment/_zrm_form.html" if request.htmx else "assessment/measure.html"
        return render(request, template, ctx)
    policy.require_case(request, case, action=Action.CREATE, detail="ZRM measurement")
    person = _member_person(case, person_pk)
    form, instrument, instruments = _zrm_form(request, case, person, data=request.POST)
    ok = _submit(form, lambda d: services.zrm_measurement_record(
        case=case, person=person, measured_on=d["measured_on"], scores=form.scores(), by=request.user,
        instrument=instrument, note=d.get("note", ""),
    ))
    if ok:
        success = _("ZRM measurement of %(name)s saved.") % {"name": person.full_name}
        if request.htmx:
            ctx = _context(request, case, saved=success)
            ctx["p"] = next(p for p in ctx["people"] if p["person"].pk == person.pk)
            return render(request, "assessment/_person_zrm.html", ctx)
        messages.success(request, success)
        return redirect(reverse("assessment:case", args=[case.pk]) + f"#zrm-{person.pk}")
    ctx = _zrm_form_context(case, person, form, instrument, instruments)
    if request.htmx:
        response = render(request, "assessment/_zrm_form.html", ctx, status=ERROR_HTMX)
        return reswap(retarget(response, f"#zrm-form-{person.pk}"), "innerHTML")
    return render(request, "assessment/measure.html", ctx, status=ERROR_PLAIN)


@roles_required(*CASE_ROLES)
def mijn_zrm(request, pk, person_pk):
    """The resident's view of their ZRM ('Mijn ZRM'): plain names, plain words, printable."""
    case = _case(pk)
    policy.require_case(request, case, detail="Mijn ZRM")
    person = _member_person(case, person_pk)
    measurements = [m for m in selectors.measurements_of_case(case) if m.person_id == person.pk]
    blocks = selectors.instrument_blocks(measurements, selectors.domains_with_levels({m.instrument_id for m in measurements}))
    for block in blocks:
        labels = [row["domain"].resident_name or row["domain"].name for row in block.rows]
        series = []
        for m in reversed(block.measurements[-2:]):
            scores = {s.domain_id: s.score for s in m.scores.all() if not s.not_applicable}
            series.append((m.measured_on.strftime("%d-%m-%Y"), [scores.get(row["domain"].pk) for row in block.rows]))
        block.radar = charts.radar(labels, series, label=_("How it is going for %(name)s. The table below says the same in words.") % {"name": person.first_name})
    return render(request, "assessment/mijn_zrm.html", {"case": case, "person": person, "blocks": blocks})


# --- participatieladder --------------------------------------------------------------------


@roles_required(*CASE_ROLES)
@require_POST
def participation(request, pk, person_pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.CREATE, detail="participatieladder")
    person = _member_person(case, person_pk)
    form = ParticipationForm(request.POST, prefix=f"pl-{person.pk}")
    ok = _submit(form, lambda d: services.participation_record(
        case=case, person=person, level=d["level"], measured_on=d["measured_on"], by=request.user, note=d.get("note", "")
    ))
    success = _("Participation ladder of %(name)s saved.") % {"name": person.full_name}
    bound = {} if ok else {("participation", person.pk): form}
    if request.htmx:
        ctx = _context(request, case, saved=success if ok else None, bound=bound)
        ctx["p"] = next(p for p in ctx["people"] if p["person"].pk == person.pk)
        return render(request, "assessment/_person_participation.html", ctx, status=200 if ok else ERROR_HTMX)
    return _section(request, case, ok=ok, template="", anchor=f"participation-{person.pk}", success=success, bound=bound)


# --- Wat Telt, Big 5, strengths, network, questions ----------------------------------------


@roles_required(*CASE_ROLES)
@require_POST
def wat_telt(request, pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.CREATE, detail="Wat Telt")
    members = selectors.current_members(case)
    form = WatTeltForm(request.POST, members=members, domains=_domains_for_choice())
    ok = _submit(form, lambda d: services.wat_telt_record(
        case=case, person=_person_or_none(case, d["person"]), domain=d["domain"], view=d["view"], by=request.user,
        important=d["important"], how_it_goes=d["how_it_goes"], goal=d["goal"],
    ))
    return _section(request, case, ok=ok, template="assessment/_wat_telt.html", anchor="wat-telt",
                    success=_("Wat Telt saved."), bound={"wat_telt": form})


def _big5_domain(domain):
    if domain not in Big5Domain.values:
        raise Http404
    return domain


@roles_required(*CASE_ROLES)
@require_POST
def big5(request, pk, domain):
    case = _case(pk)
    domain = _big5_domain(domain)
    policy.require_case(request, case, action=Action.UPDATE, detail="Big 5")
    form = Big5Form(request.POST, domain=domain)
    ok = _submit(form, lambda d: services.big5_save(case=case, domain=domain, current=d["current"], ideal=d["ideal"], by=request.user))
    return _big5_response(request, case, domain, ok, _("Big 5: %(domain)s saved.") % {"domain": Big5Domain(domain).label},
                          bound={("big5", domain): form})


@roles_required(*CASE_ROLES)
@require_POST
def big5_action(request, pk, domain):
    case = _case(pk)
    domain = _big5_domain(domain)
    policy.require_case(request, case, action=Action.CREATE, detail="Big 5 action")
    form = Big5ActionForm(request.POST, domain=domain)
    ok = _submit(form, lambda d: services.big5_action_add(case=case, domain=domain, text=d["text"], term=d["term"], who=d["who"], by=request.user))
    return _big5_response(request, case, domain, ok, _("Action added."), bound={("big5_action", domain): form})


@roles_required(*CASE_ROLES)
@require_POST
def big5_action_done(request, pk, action_pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="Big 5 action done")
    action = get_object_or_404(Big5Action.objects.select_related("entry"), pk=action_pk, entry__case=case)
    ok = _submit_simple(request, lambda: services.big5_action_done(action=action, by=request.user))
    return _big5_response(request, case, action.entry.domain, ok, _("Action marked as done."))


def _submit_simple(request, apply) -> bool:
    try:
        apply()
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return False
    return True


def _big5_response(request, case, domain, ok, success, bound=None):
    bound = None if ok else bound
    if request.htmx:
        ctx = _context(request, case, saved=success if ok else None, bound=bound)
        ctx["b"] = next(b for b in ctx["big5"] if b["domain"] == domain)
        return render(request, "assessment/_big5_domain.html", ctx, status=200 if ok else ERROR_HTMX)
    return _section(request, case, ok=ok, template="", anchor=f"big5-{domain}", success=success, bound=bound)


@roles_required(*CASE_ROLES)
@require_POST
def strength(request, pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.CREATE, detail="strength")
    form = StrengthForm(request.POST, members=selectors.current_members(case))
    ok = _submit(form, lambda d: services.strength_add(case=case, text=d["text"], person=_person_or_none(case, d["person"]), by=request.user))
    return _section(request, case, ok=ok, template="assessment/_strengths.html", anchor="strengths",
                    success=_("Strength saved."), bound={"strength": form})


@roles_required(*CASE_ROLES)
@require_POST
def network(request, pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.CREATE, detail="network member")
    form = NetworkMemberForm(request.POST)
    ok = _submit(form, lambda d: services.network_member_add(
        case=case, name=d["name"], kind=d["kind"], contact=d["contact"], relation=d["relation"], does=d["does"],
        could_do=d["could_do"], by=request.user,
    ))
    return _section(request, case, ok=ok, template="assessment/_network.html", anchor="network",
                    success=_("Network member added."), bound={"network": form})


@roles_required(*CASE_ROLES)
@require_POST
def network_end(request, pk, member_pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="network member ended")
    member = get_object_or_404(NetworkMember, pk=member_pk, case=case)
    ok = _submit_simple(request, lambda: services.network_member_end(member=member, by=request.user))
    return _section(request, case, ok=ok, template="assessment/_network.html", anchor="network",
                    success=_("%(name)s is no longer shown in the network.") % {"name": member.name})


@roles_required(*CASE_ROLES)
@require_POST
def question(request, pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.CREATE, detail="question and frames")
    form = QuestionForm(request.POST, members=selectors.current_members(case), domains=_domains_for_choice())
    ok = _submit(form, lambda d: services.question_record(
        case=case, text=d["text"], frames=form.frames(), person=_person_or_none(case, d["person"]), domain=d["domain"], by=request.user,
    ))
    return _section(request, case, ok=ok, template="assessment/_questions.html", anchor="questions",
                    success=_("Question saved."), bound={"question": form})

