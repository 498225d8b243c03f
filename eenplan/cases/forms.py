from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from eenplan.access.policy import CASE_WORKER_ROLES
from eenplan.core.forms import Form

from .models import Phase, RegieKind, SafetyStatus


def case_colleagues(case):
    """Whom the colleague pickers of a case offer: the active case workers of the case's team,
    plus whoever is already involved or holds regie (from another team, after a move) - not
    every case worker of the town."""
    from django.db.models import Q

    involved = case.involvements.filter(until__isnull=True).values("user_id")
    in_case = Q(pk__in=involved) | (Q(pk=case.regisseur_id) if case.regisseur_id else Q(pk__in=[]))
    return (
        get_user_model().objects.filter(is_active=True, roles__code__in=CASE_WORKER_ROLES)
        .filter(Q(memberships__team_id=case.team_id) | in_case)
        .distinct().order_by("first_name", "last_name", "pk")
    )


class ColleagueChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class TransitionForm(Form):
    # Monitoring and closing start from the closing questions (followup) or stut en steun (safety),
    # so the manual phase change cannot skip them.
    to_phase = forms.ChoiceField(
        label=_("New phase"), choices=[(p.value, p.label) for p in Phase if p not in (Phase.MONITORING, Phase.AFGESLOTEN)]
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RegisseurForm(Form):
    regisseur = ColleagueChoice(label=_("Regisseur"), queryset=None)
    regie_kind = forms.ChoiceField(label=_("Kind of regie"), choices=RegieKind.choices)
    note = forms.CharField(label=_("Handover note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = case_colleagues(case)


class InvolveForm(Form):
    user = ColleagueChoice(label=_("Colleague"), queryset=None)
    role_in_case = forms.CharField(label=_("Role in this case"), required=False, max_length=100)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = case_colleagues(case)


class SafetyStatusForm(Form):
    status = forms.ChoiceField(label=_("Safety"), choices=SafetyStatus.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AccessReasonForm(Form):
    reason = forms.CharField(
        label=_("Why do you need to open this case?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your reason is stored in the access log and can be reviewed."),
    )
