"""Forms only parse input; the rules (and their Dutch messages) are in `services.py`."""

import copy

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.cases.models import SafetyStatus
from eenplan.core.forms import DateInput, Form, apply_errors  # noqa: F401 (re-exported)

from .models import SKIPPABLE_STEPS, Answer, CheckResult, Decision, Kindcheck, MeldcodeStepCode, RegieGround


def _date(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def _text(label, required=True, rows=3, help_text=""):
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}))


class SafetyStatusForm(Form):
    prefix = "st"
    status = forms.ChoiceField(label=_("Safety status"), choices=SafetyStatus.choices)
    reason = _text(_("Reason"), rows=2, help_text=_("What you saw or heard, and from whom."))


class MeldcodeStartForm(Form):
    prefix = "start"
    concern = _text(_("What made you start the meldcode?"), rows=2, help_text=_("Facts, in a few words. Details follow in step 1."))


class MeldcodeStepForm(Form):
    """Steps 1–4. Which fields show, and their labels, depend on the step."""

    prefix = "step"
    performed_on = _date(_("Date of this step"))
    skipped = forms.BooleanField(label=_("Skip this step"), required=False)
    skip_reason = _text(_("Why is this step skipped?"), required=False, rows=2,
                        help_text=_("Required when you skip the step."))
    kindcheck = forms.ChoiceField(label=_("Kindcheck: are there children who depend on this adult?"),
                                  choices=Kindcheck.choices, required=False, widget=forms.RadioSelect)
    considered = _text(_("What was considered"), required=False, rows=5,
                       help_text=_("Facts (seen, heard), sources, hypotheses labelled as such. Required unless you skip the step."))
    with_whom = forms.CharField(label=_("With whom"), required=False, max_length=300)
    advice = _text(_("Advice or outcome"), required=False, rows=3)

    def __init__(self, *args, step: int, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("performed_on", timezone.localdate())
        self.step = step
        # Shape the fields before the base form binds: bound fields copy labels when first built.
        fields = copy.deepcopy(self.base_fields)
        if step not in SKIPPABLE_STEPS:
            del fields["skipped"], fields["skip_reason"]
        if step != MeldcodeStepCode.SIGNALS:
            del fields["kindcheck"]
        if step == MeldcodeStepCode.SIGNALS:
            del fields["with_whom"], fields["advice"]
        elif step == MeldcodeStepCode.CONSULTATION:
            fields["with_whom"].label = _("Who was consulted")
            fields["with_whom"].help_text = _("A colleague, the safety specialist, Veilig Thuis (anonymous advice is possible).")
            fields["advice"].label = _("What advice was given")
        elif step == MeldcodeStepCode.CONVERSATION:
            fields["with_whom"].label = _("With whom was the conversation held")
            fields["advice"].label = _("How did they respond")
            fields["skip_reason"].help_text = _("Only when the conversation would endanger someone's safety. Required when you skip.")
        elif step == MeldcodeStepCode.WEIGHING:
            del fields["with_whom"]
            fields["advice"].label = _("Conclusion of the weighing")
        self.base_fields = fields
        super().__init__(*args, **kwargs)
        # Required by the step's rules (services.meldcode_step_record), not by the form: never "(optional)".
        for name in ("kindcheck", "considered", "with_whom", "skip_reason"):
            if name in self.fields and (name != "with_whom" or step in (MeldcodeStepCode.CONSULTATION, MeldcodeStepCode.CONVERSATION)):
                self.fields[name].not_optional = True


class DecisionForm(Form):
    """Step 5: the framework's questions, then the decision."""

    prefix = "decide"
    performed_on = _date(_("Date of the decision"))
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, required=False, widget=forms.RadioSelect)
    reported_on = _date(_("Date of the report to Veilig Thuis"), required=False, help_text=_("Required when you report."))
    agreements = _text(_("Agreements"), required=False, rows=3, help_text=_("E.g. how the safety will be followed after closing."))
    considered = _text(_("What was considered"), required=False, rows=3)

    def __init__(self, *args, questions: dict, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("performed_on", timezone.localdate())
        # The question fields go between the date and the decision, in the order the framework asks them.
        fields = {"performed_on": self.base_fields["performed_on"]}
        self.question_names = []
        for n, text in questions.items():
            fields[f"q{n}"] = forms.ChoiceField(
                label=f"{n}. {text.title}", choices=Answer.choices, required=False, widget=forms.RadioSelect, help_text=text.guidance
            )
            fields[f"e{n}"] = forms.CharField(label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
            self.question_names.append((f"q{n}", f"e{n}"))
        fields.update({k: v for k, v in self.base_fields.items() if k != "performed_on"})
        self.base_fields = fields
        super().__init__(*args, **kwargs)
        for name in ["decision", "reported_on", *(q for q, _e in self.question_names)]:
            self.fields[name].not_optional = True  # required by services.meldcode_decide

    def answers(self) -> dict:
        d = self.cleaned_data
        return {int(q[1:]): (d.get(q) or "", d.get(e) or "") for q, e in self.question_names}

    def question_fields(self):
        return [(self[q], self[e]) for q, e in self.question_names]


class SafetyPlanForm(Form):
    prefix = "plan"
    agreed_with = forms.CharField(label=_("Agreed with"), max_length=300, help_text=_("Who in the household (and network) agreed to this plan?"))
    agreed_on = _date(_("Agreed on"))


class SafetyConditionForm(Form):
    prefix = "cond"
    description = _text(_("Safety condition"), rows=2, help_text=_("What the household agreed, concrete and checkable."))
    checker = forms.CharField(label=_("Who checks"), max_length=200, help_text=_("A person or organisation, e.g. the school or the regisseur."))
    every_days = forms.IntegerField(label=_("Check every (days)"), min_value=1, max_value=366, initial=14)
    first_check_on = _date(_("First check on"))


class SafetyCheckForm(Form):
    checked_on = _date(_("Checked on"))
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices, widget=forms.RadioSelect)
    note = _text(_("Note"), required=False, rows=2, help_text=_("Required when the condition was violated or could not be checked."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("checked_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class StutEnSteunStartForm(Form):
    prefix = "ss"
    reason = _text(_("Lasting risk"), rows=2, help_text=_("What risk remains, and why the team stays in the background."))
    every_days = forms.IntegerField(label=_("Check every (days)"), min_value=1, max_value=366, initial=42)
    first_check_on = _date(_("First check on"))


class StutEnSteunCheckForm(Form):
    prefix = "ssc"
    checked_on = _date(_("Checked on"))
    how = forms.CharField(label=_("How"), max_length=100, help_text=_("E.g. home visit, phone call, via the school."))
    note = _text(_("How it is going"), rows=2)
    concerns = forms.BooleanField(label=_("New concerns"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("checked_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class StutEnSteunEndForm(Form):
    prefix = "sse"
    end_reason = _text(_("Why the lasting risk is gone"), rows=2)


class RegieTakeoverForm(Form):
    prefix = "rt"
    ground = forms.ChoiceField(label=_("Why regie is taken over"), choices=RegieGround.choices, widget=forms.RadioSelect)
    reason = _text(_("Reason"), rows=2, help_text=_("Why the household cannot hold regie now, and what they still decide themselves."))
    starts_on = _date(_("From"))
    ends_on = _date(_("Until"))
    review_on = _date(_("Review on"), help_text=_("Within the period: is giving regie back possible?"))


class RegieReviewForm(Form):
    prefix = "rr"
    reviewed_on = _date(_("Reviewed on"))
    note = _text(_("What was reviewed"), rows=2)
    give_back = forms.BooleanField(label=_("Give regie back to the household"), required=False)
    next_review_on = _date(_("Next review"), required=False, help_text=_("Required when regie stays with the team."))
    ends_on = _date(_("New end of the period"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("reviewed_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class VeiligThuisOutcomeForm(Form):
    prefix = "vt"
    received_on = _date(_("Outcome received on"))
    outcome = _text(_("What did Veilig Thuis conclude?"), rows=3, help_text=_("The outcome of the safety assessment and what was agreed."))


class ClosingConsentForm(Form):
    prefix = "consent"
    reason = _text(_("Why may the case close despite this risk?"), rows=3,
                   help_text=_("Your decision as safety specialist; it is kept with the case and in the access log."))
