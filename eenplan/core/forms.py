from django import forms

_WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class StyledFormMixin:
    """NL Design System classes and accessible error/hint wiring on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next((c for t, c in _WIDGET_CLASSES.items() if isinstance(widget, t)), _TEXTBOX)
            if css:
                widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            described = []
            if field.help_text:
                described.append(f"id_{self.add_prefix(name)}_hint")
            if self.is_bound and self.errors.get(name):
                described.append(f"id_{self.add_prefix(name)}_error")
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def full_clean(self):
        super().full_clean()
        # Errors are known only now; mark invalid widgets for assistive technology.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                ids = set(widget.attrs.get("aria-describedby", "").split()) | {f"id_{self.add_prefix(name)}_error"}
                widget.attrs["aria-describedby"] = " ".join(sorted(i for i in ids if i))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class Form(StyledFormMixin, forms.Form):
    pass


class ModelForm(StyledFormMixin, forms.ModelForm):
    pass


def apply_errors(form, exc, mapping=None):
    """Put a service's ValidationError on the form, on the field it names where the form has it
    (`mapping` renames a service's key to the form's field)."""
    mapping = mapping or {}
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            field = mapping.get(key, key)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def submit_form(form, apply) -> bool:
    """Validate the form and call the service; on a refusal the errors go on the form (input kept)."""
    from django.core.exceptions import ValidationError

    if not form.is_valid():
        return False
    try:
        apply(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    return True
