from django import forms
from django.utils.translation import gettext_lazy as _

from .services import ANSWERS, CANNOT, DONE, NOT_DONE


class ActionAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("How did it go?"), widget=forms.RadioSelect,
        choices=[(DONE, _("Done")), (NOT_DONE, _("Not done")), (CANNOT, _("It does not work out"))],
        error_messages={"required": _("Choose: done, not done, or it does not work out.")},
    )
    note = forms.CharField(label=_("Do you want to say something about it? (you may leave this empty)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)

    def clean_answer(self):
        value = self.cleaned_data["answer"]
        assert value in ANSWERS
        return value


class AgreementForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("Do you agree with this plan?"), widget=forms.RadioSelect, coerce=lambda v: v == "ja",
        choices=[("ja", _("Yes, I agree")), ("nee", _("No, I do not agree"))],
        error_messages={"required": _("Choose: I agree, or I do not agree.")},
    )
    words = forms.CharField(label=_("In your own words (needed when you do not agree)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class InvitationCodeForm(forms.Form):
    code = forms.CharField(label=_("The code from the e-mail"), max_length=20,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
                           error_messages={"required": _("Type the code from the e-mail.")})


class _MemberChoiceForm(forms.Form):
    """A form that names one of the given household members in its field `member_field`."""

    member_field = "person"

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {m.person_id: m.person for m in members}
        self.fields[self.member_field].choices = [("", "—")] + [(pk, p.full_name) for pk, p in self.members.items()]

    def clean_member(self):
        pk = self.cleaned_data[self.member_field]
        if pk not in self.members:
            raise forms.ValidationError(self.fields[self.member_field].error_messages["invalid_choice"])
        return self.members[pk]


class InviteForm(_MemberChoiceForm):
    """The regisseur invites a household member without DigiD (or without a BSN on file)."""

    person = forms.TypedChoiceField(label=_("Who do you invite?"), coerce=int,
                                    error_messages={"required": _("Choose who you invite."),
                                                    "invalid_choice": _("Choose a member of this household.")})
    email = forms.EmailField(label=_("E-mail address"), error_messages={"required": _("Fill in the e-mail address."),
                                                                        "invalid": _("Fill in a valid e-mail address, like naam@voorbeeld.nl.")})

    def clean_person(self):
        return self.clean_member()


class ChildShareForm(_MemberChoiceForm):
    """The professional lets the parents see a child's own Mijn ZRM (the age rules, docs/access.md)."""

    member_field = "child"
    child = forms.TypedChoiceField(label=_("Which child?"), coerce=int,
                                   error_messages={"required": _("Choose a child."),
                                                   "invalid_choice": _("Choose a child of this household.")})
    child_agreed = forms.BooleanField(label=_("The child agrees (needed from 12 years)"), required=False)
    note = forms.CharField(label=_("Note (the household does not see it)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def clean_child(self):
        return self.clean_member()


class ChildStopForm(_MemberChoiceForm):
    member_field = "child"
    child = forms.TypedChoiceField(coerce=int, error_messages={"required": _("Choose a child."),
                                                               "invalid_choice": _("Choose a child of this household.")})

    def clean_child(self):
        return self.clean_member()


class PauseForm(forms.Form):
    reason = forms.CharField(label=_("Why do you pause Mijn plan? (the household does not see this)"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             error_messages={"required": _("Write down why you pause Mijn plan.")})


# Mijn ZRM in plain words: the ZRM's five levels as a resident says them (1 = acute problems … 5 = fully self-reliant).
SELF_LEVELS = [
    ("5", _("It goes well")),
    ("4", _("It goes well enough")),
    ("3", _("It goes a little")),
    ("2", _("It does not work out on my own")),
    ("1", _("It goes very badly. I need help now")),
]


class SelfAssessmentForm(forms.Form):
    """Mijn ZRM / Wat Telt: per life domain how it goes (optional) and whether it matters most, and what
    the resident wants to talk about in the next conversation."""

    what_matters = forms.CharField(label=_("What do you want to talk about in the next conversation?"),
                                   required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)

    def __init__(self, *args, domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(domains)
        for domain in self.domains:
            name = domain.resident_name or domain.name
            self.fields[f"score_{domain.code}"] = forms.ChoiceField(
                label=name, required=False, widget=forms.RadioSelect, choices=SELF_LEVELS)
            self.fields[f"important_{domain.code}"] = forms.BooleanField(
                label=_("This matters most to me"), required=False)

    def rows(self):
        return [(domain, self[f"score_{domain.code}"], self[f"important_{domain.code}"]) for domain in self.domains]

    def clean(self):
        data = super().clean()
        filled = any(data.get(f"score_{d.code}") or data.get(f"important_{d.code}") for d in self.domains)
        if not filled and not (data.get("what_matters") or "").strip():
            raise forms.ValidationError(_("Fill in at least one thing: how something goes, what matters to you, or what you want to talk about."))
        return data

    def scores(self) -> dict:
        """{domain: (score or None, important)} for the domains the resident filled in."""
        result = {}
        for d in self.domains:
            score = self.cleaned_data.get(f"score_{d.code}") or None
            important = bool(self.cleaned_data.get(f"important_{d.code}"))
            if score or important:
                result[d] = (int(score) if score else None, important)
        return result
