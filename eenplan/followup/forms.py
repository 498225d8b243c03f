"""Forms only parse input; the rules (and their Dutch messages) are in `services.py`."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.cases.models import ItemOutcome, Phase
from eenplan.core.forms import DateInput, Form, apply_errors  # noqa: F401 (re-exported)
from eenplan.plans.models import OwnerKind

from .models import Adjustment, Answered, CheckInHow, CheckInResult, ClosingOutcome, Direction, GoalStatus, NextStep
from .services import REOPEN_PHASES

BLANK = [("", "—")]


def _date(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def _text(label, required=False, rows=3, help_text=""):
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}))


def _radio(label, choices, required=False, help_text=""):
    return forms.ChoiceField(label=label, choices=choices, required=required, widget=forms.RadioSelect, help_text=help_text)


def _reopen_choices():
    return [(p.value, p.label) for p in REOPEN_PHASES]


def _checkin_reopen_choices():
    return [("", _("No, keep monitoring"))] + _reopen_choices()


class MomentForm(Form):
    prefix = "em"
    due_on = _date(_("Evaluation date"), help_text=_("The plan proposes a date; you set it with the household."))
    note = forms.CharField(label=_("What to look at"), required=False, max_length=300)
    proposed_on = forms.DateField(required=False, widget=forms.HiddenInput)


class MomentCancelForm(Form):
    prefix = "mc"
    reason = forms.CharField(label=_("Why is this evaluation cancelled?"), max_length=300)


class GoalProgressForm(Form):
    """One goal in the evaluation; prefix `goal<n>`."""

    status = forms.ChoiceField(label=_("Status"), choices=BLANK + list(GoalStatus.choices), required=False,
                               help_text=_("Leave empty if this goal was not discussed."))
    resident_status = forms.ChoiceField(label=_("Status in the resident's eyes"), choices=BLANK + list(GoalStatus.choices), required=False)
    resident_view = _text(_("How the resident sees it"), rows=2, help_text=_("In the resident's own words."))
    professional_view = _text(_("How you see it"), rows=2)

    def __init__(self, *args, goal, **kwargs):
        self.goal = goal
        super().__init__(*args, **kwargs)


class EvaluationForm(Form):
    prefix = "ev"
    held_on = _date(_("Date of the evaluation"))
    with_resident = forms.BooleanField(label=_("The resident took part"), required=False, initial=True)
    present = forms.CharField(label=_("Who else took part"), required=False, max_length=300)
    summary = _text(_("Summary of the conversation"), rows=3)
    next_step = _radio(_("What happens next?"), NextStep.choices)
    adjustment = _radio(_("How is the plan adjusted?"), Adjustment.choices)
    adjustment_reason = _text(_("Why is the plan adjusted?"), rows=2, help_text=_("Becomes the reason of the new plan version."))
    adjust_goal = forms.ChoiceField(label=_("For which goal"), required=False)
    solution_frame = forms.ChoiceField(label=_("Where the new solution comes from"), required=False)
    solution = _text(_("New solution"), rows=2)
    action = _text(_("New action: what"), rows=2)
    action_owner_kind = forms.ChoiceField(label=_("Who does it (kind)"), choices=BLANK + list(OwnerKind.choices), required=False)
    action_owner = forms.CharField(label=_("Who does it"), required=False, max_length=200)
    action_due_on = _date(_("By when"), required=False)
    next_due_on = _date(_("Next evaluation"), required=False, help_text=_("Optional: plan the next evaluation now."))

    def __init__(self, *args, goals=(), **kwargs):
        from eenplan.assessment.models import SolutionFrame

        kwargs.setdefault("initial", {}).setdefault("held_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["adjust_goal"].choices = BLANK + [(str(g.key), g.title) for g in goals]
        self.fields["solution_frame"].choices = BLANK + list(SolutionFrame.choices)


# Service error keys → evaluation form fields.
EVALUATION_ERRORS = {
    "adjust_goal": "adjust_goal", "adjust_frame": "solution_frame", "adjust_description": "solution",
    "adjust_what": "action", "adjust_owner_kind": "action_owner_kind", "adjust_owner_name": "action_owner",
    "adjust_due_on": "action_due_on", "goals": None, "moment": None,
}


# Required by the closing rules (services._closing_errors), some only in one case (a score or why it is
# missing; the monitoring dates only for monitoring): the service says what is missing, and the form does
# not call them optional.
CLOSING_REQUIRED_BY_RULE = ("process", "lessons", "resident_satisfaction", "resident_not_asked_reason", "monitoring_until",
                            "first_checkin_on", "first_checkin_how")


class ClosingForm(Form):
    prefix = "cl"
    decided_on = _date(_("Date the support ended"))
    question_answered = _radio(_("Was the question answered, the problem solved?"), Answered.choices)
    question_note = _text(_("About the question"), rows=2)
    process = _text(_("How did the process go? Were the solutions and actions workable, and why (not)?"), rows=3)
    lessons = _text(_("What do we learn from it?"), rows=3)
    self_reliance = _radio(_("Self-reliance went …"), Direction.choices, help_text=_("Pre-filled from the ZRM measurements; change it if you see it differently."))
    self_reliance_note = _text(_("About self-reliance"), rows=2)
    participation = _radio(_("Participation went …"), Direction.choices, help_text=_("Pre-filled from the participatieladder; change it if you see it differently."))
    participation_note = _text(_("About participation"), rows=2)
    resident_satisfaction = forms.TypedChoiceField(
        label=_("The resident's score for the support (1 = very bad, 10 = excellent)"), coerce=int, empty_value=None,
        choices=BLANK + [(n, str(n)) for n in range(1, 11)], required=False,
    )
    resident_words = _text(_("The resident's judgement in their own words"), rows=2)
    resident_not_asked_reason = _text(_("No score? Write why"), rows=2)
    outcome = _radio(_("After this"), ClosingOutcome.choices)
    monitoring_until = _date(_("Monitoring until"), required=False)
    watch_for = _text(_("What to watch for"), rows=2, help_text=_("For example: new payment arrears, the daily routine slipping."))
    first_checkin_on = _date(_("First check-in"), required=False)
    first_checkin_how = forms.ChoiceField(label=_("How"), choices=CheckInHow.choices, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("decided_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        for name in CLOSING_REQUIRED_BY_RULE:
            self.fields[name].not_optional = True


class CheckInForm(Form):
    prefix = "ci"
    held_on = _date(_("Date of the check-in"))
    how = forms.ChoiceField(label=_("How"), choices=CheckInHow.choices)
    result = _radio(_("How is it going?"), CheckInResult.choices, required=True)
    note = _text(_("Note"), rows=2)
    reopen_to = forms.ChoiceField(label=_("Reopen the support?"), required=False, choices=_checkin_reopen_choices,
                                  help_text=_("The case goes back to this phase; the whole history stays with it."))
    next_on = _date(_("Next check-in"), required=False)
    next_how = forms.ChoiceField(label=_("Next check-in: how"), choices=CheckInHow.choices, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("held_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class ItemDecisionForm(Form):
    """What happens with one open planned item when the case closes (the service says what is missing)."""

    outcome = forms.ChoiceField(label=_("What happens with it?"), choices=ItemOutcome.choices, required=False, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Why not done or cancelled, or to whom it is handed over"), required=False, max_length=500)

    def __init__(self, *args, item, **kwargs):
        self.item = item
        super().__init__(*args, prefix=f"item{item.pk}", **kwargs)
        for name in ("outcome", "note"):  # the note is needed unless done
            self.fields[name].not_optional = True


class MonitoringCloseForm(Form):
    prefix = "mcl"
    note = forms.CharField(label=_("Note at closing"), required=False, max_length=300)


class ReopenForm(Form):
    prefix = "ro"
    reason = _text(_("Why does the household need support again?"), required=True, rows=3)
    to_phase = forms.ChoiceField(label=_("Start again in"), initial=Phase.VRAAGVERHELDERING, choices=_reopen_choices)
