"""The form base never validates while a form is built (issue 11, defect 1)."""

from django import forms

from eenplan.core.forms import Form


class _Picker(Form):
    choice = forms.ChoiceField(choices=[])
    note = forms.CharField(required=False, help_text="hint")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [("a", "A")]


def test_choices_set_after_init_are_used_when_validating():
    form = _Picker({"choice": "a"})
    assert form._errors is None  # nothing validated yet
    assert form.is_valid(), form.errors


def test_errors_added_after_validation_are_wired_for_assistive_technology():
    form = _Picker({"choice": "a", "note": "x"})
    assert form.is_valid()
    form.add_error("note", "Service says no")
    html = str(form["note"])
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_note_hint id_note_error"' in html


def test_an_unbound_form_has_only_the_hint():
    html = str(_Picker()["note"])
    assert 'aria-describedby="id_note_hint"' in html and "aria-invalid" not in html
    assert "utrecht-textbox" in html
