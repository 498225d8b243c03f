from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.organisation.models import Team, Wijk

from .models import ReflectionTheme, Tone, Vertelpunt
from .periods import MAX_DAYS, Period


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.Form):
    van = forms.DateField(label=_("From"), widget=DateInput())
    tot = forms.DateField(label=_("To (included)"), widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period lies before its start. Choose an end on or after %(start)s.")
                                            % {"start": start.strftime("%d-%m-%Y")})
            if (end - start).days + 1 > MAX_DAYS:
                raise forms.ValidationError(_("Choose a period of at most five years."))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["van"], self.cleaned_data["tot"])


class VertelpuntForm(forms.ModelForm):
    class Meta:
        model = Vertelpunt
        fields = ["team", "tone", "theme", "wijk", "text"]
        widgets = {"tone": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 6, "class": "utrecht-textarea"})}
        help_texts = {
            "text": _("Describe the situation in general terms: no names, addresses, BSN, phone numbers or e-mail addresses."),
            "wijk": _("Optional: the wijk this is about."),
        }

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        teams = teams if teams is not None else Team.objects.none()
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = None
        self.fields["theme"].queryset = ReflectionTheme.objects.filter(active=True)
        self.fields["tone"].choices = Tone.choices
        self.fields["wijk"].queryset = Wijk.objects.filter(teams__in=teams).distinct()
        self.fields["wijk"].required = False
