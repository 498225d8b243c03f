from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import ColleagueChoice, Form

from .models import PHASE_ORDER, Phase, RegieKind, SafetyStatus
from .selectors import case_colleagues


class TransitionForm(Form):
    # Monitoring and closing start from the closing questions (followup) or stut en steun (safety),
    # so the manual phase change cannot skip them.
    to_phase = forms.ChoiceField(
        label=_("New phase"), choices=[(p.value, p.label) for p in Phase if p not in (Phase.MONITORING, Phase.AFGESLOTEN)]
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is None or case.phase not in PHASE_ORDER:
            return
        here = PHASE_ORDER.index(case.phase)
        choices, forward = [("", _("— choose the new phase —"))], []
        for value, label in self.fields["to_phase"].choices:
            if value == case.phase:
                continue
            if PHASE_ORDER.index(value) < here:
                label = _("Back to: %(phase)s") % {"phase": label}
            else:
                forward.append(value)
            choices.append((value, label))
        self.fields["to_phase"].choices = choices
        # The form proposes the next step of the route, never a step back.
        self.fields["to_phase"].initial = forward[0] if forward else ""


class RegisseurForm(Form):
    regisseur = ColleagueChoice(label=_("Regisseur"), queryset=None,
                                error_messages={"required": _("Choose the colleague who takes over regie.")})
    regie_kind = forms.ChoiceField(label=_("Kind of regie"), choices=RegieKind.choices)
    note = forms.CharField(label=_("Handover note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Needed when regie goes to someone else: what the new regisseur should know."))

    def __init__(self, *args, case, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = case_colleagues(case)
        if colleagues is not None:  # `colleague_rows(case_colleagues(case))`, read once for the page
            self.fields["regisseur"].offer(colleagues)
        self.fields["note"].not_optional = True  # the service asks for it at a handover: no "(optional)"


class InvolveForm(Form):
    user = ColleagueChoice(label=_("Colleague"), queryset=None,
                           error_messages={"required": _("Choose the colleague you involve in this case.")})
    role_in_case = forms.CharField(label=_("Role in this case"), required=False, max_length=100)

    def __init__(self, *args, case, colleagues=None, involved_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only who is not involved yet: choosing someone already involved would change nothing.
        involved = case.involvements.filter(until__isnull=True).values("user_id")
        self.fields["user"].queryset = case_colleagues(case).exclude(pk__in=involved)
        if colleagues is not None:  # the page's `colleague_rows(case_colleagues(case))`, less who is involved now
            involved_now = set(involved_ids)
            self.fields["user"].offer([row for row in colleagues if row[0] not in involved_now])


class SafetyStatusForm(Form):
    status = forms.ChoiceField(label=_("Safety"), choices=SafetyStatus.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AccessReasonForm(Form):
    reason = forms.CharField(
        label=_("Why do you need to open this case?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your reason is stored in the access log and can be reviewed."),
    )
