"""Forms only parse input; the rules (and their Dutch messages) are in `services.py`."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.assessment.models import Domain, SolutionFrame
from eenplan.cases.selectors import case_colleagues
from eenplan.core.forms import ColleagueChoice, DateInput, Form, apply_errors  # noqa: F401 (re-exported)
from eenplan.organisation.models import Wijk
from eenplan.people.models import Person
from eenplan.socialmap.models import Provision

from .models import ActionResult, AgreementHow, GoalStatus, OwnerKind, RegieHolder, Term

ACTION_ROWS = 4
SOLUTION_ROWS = 2


def plan_domains():
    """The life domains a goal can be linked to: the current ZRM (2017)."""
    return Domain.objects.filter(instrument__is_current=True).order_by("order")


def household_people(case):
    return Person.objects.filter(household_memberships__household_id=case.household_id).distinct().order_by("birth_date", "pk")


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class VersionedForm(Form):
    """Every change carries the version it was made on and why."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label=_("Why does the plan change?"), required=False, max_length=1000,
        help_text=_("For example: agreed with the family at the kitchen table on Tuesday."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _required(message):
    return {"required": message}


class GoalForm(VersionedForm):
    use_required_attribute = False  # the server says what is missing, in words
    title = forms.CharField(label=_("Goal"), max_length=300, error_messages=_required(_("Describe the goal: what does the household want to reach?")),
                            help_text=_("Concrete, in the household's words: what will be different?"))
    result = forms.CharField(label=_("Result: how do we know it is reached?"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Measurable: what can you see or count?"))
    term = forms.ChoiceField(label=_("Term"), choices=Term.choices, initial=Term.SHORT, widget=forms.RadioSelect)
    target_date = forms.DateField(label=_("Target date"), widget=DateInput(),
                                  error_messages=_required(_("Give a target date: when should this goal be reached?")))
    domains = forms.ModelMultipleChoiceField(label=_("Life domains"), queryset=Domain.objects.none(), widget=forms.CheckboxSelectMultiple,
                                             error_messages=_required(_("Choose at least one life domain this goal is about.")))
    members = PersonChoice(label=_("Who is it about?"), queryset=Person.objects.none(), required=False,
                           widget=forms.CheckboxSelectMultiple)
    problem = forms.ChoiceField(label=_("Problem statement"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, initial=GoalStatus.OPEN)

    def __init__(self, *args, case, problems=(), with_status=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = plan_domains()
        self.fields["members"].queryset = household_people(case)
        self.fields["problem"].choices = [("", _("(none)"))] + [(str(p.key), p.text[:90]) for p in problems]
        if not with_status:
            del self.fields["status"]


class RowForm(Form):
    """A row of the goal form: an empty row is skipped, a started row must be complete."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_permitted", True)
        super().__init__(*args, **kwargs)

    def has_input(self) -> bool:
        return self.is_bound and self.has_changed()


class SolutionForm(RowForm):
    frame = forms.ChoiceField(label=_("Where does the solution come from?"), choices=[("", "—")] + SolutionFrame.choices,
                              error_messages=_required(_("Choose where the solution comes from (own strength, network, provision, tailored provision).")))
    description = forms.CharField(label=_("Solution"), widget=forms.Textarea(attrs={"rows": 2}),
                                  error_messages=_required(_("Describe the solution or choose a provision from the sociale kaart.")))


class ProvisionPickForm(Form):
    """A solution that uses a provision from the sociale kaart (picked in the search beside it)."""

    provision = forms.ModelChoiceField(label=_("Provision from the sociale kaart"), queryset=Provision.objects.filter(active=True),
                                       required=False, widget=forms.HiddenInput)
    provision_note = forms.CharField(label=_("What the provision does for this goal"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(RowForm):
    """Who does what by when. A professional's action names a colleague (it goes on their caseload);
    anyone else is named in words. Which of the two is needed is the service's rule."""

    what = forms.CharField(label=_("What"), max_length=1000, error_messages=_required(_("Describe what will be done.")))
    owner_kind = forms.ChoiceField(label=_("Who (kind)"), choices=[("", "—")] + OwnerKind.choices, error_messages=_required(
        _("Choose who does this: the resident, someone from the network, a professional or a partner.")))
    owner_user = ColleagueChoice(label=_("Which colleague"), queryset=get_user_model().objects.none(), required=False,
                                 empty_label="—", help_text=_("When a professional does it: the action goes on this colleague's caseload."))
    owner_name = forms.CharField(label=_("Who (name)"), max_length=200, required=False,
                                 help_text=_("When the resident, the network or a partner does it: a name or an organisation."))
    due_on = forms.DateField(label=_("By when"), widget=DateInput(), error_messages=_required(_("Give a date: by when will this be done?")))

    def __init__(self, *args, case, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = case_colleagues(case)
        if colleagues is not None:  # `colleague_rows(case_colleagues(case))`, read once for every action row of the page
            self.fields["owner_user"].offer(colleagues)
        for name in ("owner_user", "owner_name"):
            self.fields[name].not_optional = True  # one of the two is needed: no "(optional)" on either


class SolutionAddForm(VersionedForm, ProvisionPickForm):
    """One solution on the goal page: a frame and words, or a provision (its type gives the frame)."""

    frame = forms.ChoiceField(label=_("Where does the solution come from?"), choices=[("", "—")] + SolutionFrame.choices, required=False)
    description = forms.CharField(label=_("Solution"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ActionAddForm(VersionedForm, ActionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, empty_permitted=False, **kwargs)


class ActionOutcomeForm(Form):
    """Mark an action done or not done; for the household's own actions, with their view."""

    result = forms.ChoiceField(label=_("Was it done?"), choices=ActionResult.choices, widget=forms.RadioSelect,
                               error_messages=_required(_("Choose done or not done.")))
    note = forms.CharField(label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Required when it was not done: why not?"))
    household_view = forms.CharField(label=_("How does the household see it?"), required=False, max_length=1000,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class RemoveForm(VersionedForm):
    pass


class ProblemForm(VersionedForm):
    text = forms.CharField(label=_("Problem statement"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("What the household wants to change, in their own words."))
    domain = forms.ModelChoiceField(label=_("Life domain"), queryset=Domain.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = plan_domains()


class AgreementForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agrees = forms.TypedChoiceField(
        label=_("Does the household agree with this plan?"), widget=forms.RadioSelect,
        choices=[("ja", _("Yes, agrees")), ("nee", _("No, does not agree"))], coerce=lambda v: v == "ja",
    )
    person = forms.ModelChoiceField(label=_("Who"), queryset=Person.objects.none(), required=False)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    how = forms.ChoiceField(label=_("How"), choices=AgreementHow.choices, widget=forms.RadioSelect)
    words = forms.CharField(label=_("In their own words"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Required when the household does not agree: write down what they say."))

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = household_people(case)


class RegieForm(Form):
    holder = forms.ChoiceField(label=_("Who holds regie?"), choices=RegieHolder.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Why does the household not hold regie itself?"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Required when the regisseur holds regie. For example: too much stress to keep an overview now."))


class ProvisionSearchForm(Form):
    q = forms.CharField(label=_("Search words"), required=False)
    domain = forms.ModelChoiceField(label=_("Life domain"), queryset=plan_domains(), required=False)
    wijk = forms.ModelChoiceField(label=_("Wijk"), queryset=Wijk.objects.order_by("name"), required=False)
