"""The one form base of eenplan: NL Design System classes, accessible hint/error wiring, dates
written the Dutch way, and ids that can never crash a query.

Nothing here validates while a form is built: subclasses set querysets, choices and extra
fields after `super().__init__()`, and validation runs when the view asks (`is_valid()`).
The aria attributes that depend on errors are worked out when a field is rendered, so errors a
service adds later (`apply_errors`) are wired as well.
"""

import calendar
import html
import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.shortcuts import redirect
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

_WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"

# Dates are typed as day-month-year (the order on every Dutch letter and ID card); ISO dates
# (what a browser's own date picker, an API client or a test sends) are accepted as well.
DATE_DISPLAY_FORMAT = "%d-%m-%Y"
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d"]

# The largest id a database key holds (PostgreSQL bigint, SQLite integer).
MAX_ID = 2**63 - 1


class DateInput(forms.DateInput):
    """A text box for a date, not `<input type="date">`: a browser's date box sends an empty
    value for an impossible date (31-02-2020), so the server could neither refuse it nor show
    it again. A text box sends what was typed; the date field refuses it in words and keeps it."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {"inputmode": "numeric", "autocomplete": "off", "placeholder": _("dd-mm-yyyy"), "size": 12, **(attrs or {})}
        super().__init__(attrs=attrs, format=DATE_DISPLAY_FORMAT)


def _impossible_date(value: str):
    """For a day-month-year that does not exist: the message that says why, else None."""
    m = re.fullmatch(r"\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})\s*", value)
    if m:
        day, month, year = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value)
        if not m:
            return None
        year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return _("%(value)s is not a date: there is no month %(month)s. Write the date as day-month-year, for example 28-02-2020.") % {
            "value": value.strip(), "month": month}
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= last:
        return _("%(value)s does not exist: %(month)s %(year)s has %(last)s days. Check the day and the month.") % {
            "value": value.strip(), "month": MONTHS[month], "year": year, "last": last}
    return None


class DateField(forms.DateField):
    """Every date field of a form built on the base below: Dutch order, and an impossible date
    refused with a message that says what is wrong (the typed text stays in the box)."""

    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Write the date as day-month-year, for example 28-02-2020."),
    }

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            if message := _impossible_date(value):
                raise ValidationError(message, code="invalid")
        try:
            return super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


def _safe_pk(field, value):
    """The value of a model choice for an integer key, or a validation error: an id beyond what a
    database key holds (9999999999999999999) would otherwise raise OverflowError in the query."""
    if value in field.empty_values:
        return value
    meta = field.queryset.model._meta
    model_field = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    while model_field.is_relation:
        model_field = model_field.target_field
    if isinstance(model_field, models.IntegerField):
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            return None
        if not -MAX_ID <= number <= MAX_ID:
            return None
    return value


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and _safe_pk(self, value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}) from None


class _ColleagueOptions(forms.models.ModelChoiceIterator):
    """A colleague list's options from four columns of each user instead of a user instance each (some 90 function
    calls an option: the plan page has such a list on every action row, the case page two)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.field.rows if self.field.rows is not None else colleague_rows(self.queryset)
        for pk, first, last, username in rows:
            yield (pk, f"{first} {last}".strip() or username)  # as label_from_instance


def colleague_rows(queryset) -> list[tuple]:
    """(pk, first name, last name, username) of each user of `queryset`: read once, they can fill several colleague
    lists of one page (`ColleagueChoice.offer`)."""
    return list(queryset.values_list("pk", "first_name", "last_name", "username"))


class ColleagueChoice(ModelChoiceField):
    """A choice of a colleague (a user), shown by name."""

    iterator = _ColleagueOptions
    rows = None  # the options when `offer`ed; else read from the queryset

    def offer(self, rows):
        """Show these `colleague_rows` as the options, read once for every list of the page that offers the same
        colleagues (the case page has two). A submitted choice is still checked against the queryset."""
        self.rows = rows

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError:
            return super()._check_values(value)
        for v in values:
            if _safe_pk(self, v) is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": v})
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": ""}) from None


_SWAPS = {
    forms.DateField: DateField,
    forms.ModelChoiceField: ModelChoiceField,
    forms.ModelMultipleChoiceField: ModelMultipleChoiceField,
}


class _OptionsInPython:
    """A select whose options are written in Python, straight from its choices, instead of through Django's
    `optgroups` (a dict of eleven keys per option) and option template (rendered once per option). The case page's
    two colleague lists (35 to 60 names each) cost 32,000 of its 126,000 function calls that way. The same markup as
    Django's `select.html` and `select_option.html` (core/tests/test_fast_select.py compares them)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        multiple = self.allow_multiple_selected
        has_selected = False
        parts = []

        def option(option_value, label):
            nonlocal has_selected
            text = "" if option_value is None else str(option_value)
            selected = (not has_selected or multiple) and text in chosen
            has_selected |= selected
            # escaped as conditional_escape does, without its lazy-string checks (an option is on every row)
            shown = label.__html__() if hasattr(label, "__html__") else html.escape(str(label))
            return f'<option value="{html.escape(text)}"{" selected" if selected else ""}>{shown}</option>'

        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                inner = mark_safe("".join(option(v, lbl) for v, lbl in label))  # noqa: S308 - each part escaped
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', option_value, inner))
            else:
                parts.append(option(option_value, label))
        final_attrs = self.build_attrs(self.attrs, attrs)
        if multiple:
            final_attrs["multiple"] = True
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), mark_safe("".join(parts)))  # noqa: S308 - each part escaped


class Select(_OptionsInPython, forms.Select):
    pass


class SelectMultiple(_OptionsInPython, forms.SelectMultiple):
    pass


_WIDGET_SWAPS = {forms.Select: Select, forms.SelectMultiple: SelectMultiple}

_MIXED: dict = {}


def _mixed(own, hardened):
    if (own, hardened) not in _MIXED:
        _MIXED[own, hardened] = type(own.__name__, (own, hardened), {"__module__": own.__module__})
    return _MIXED[own, hardened]


def _harden(field):
    """Give a field the base's behaviour for dates and ids. A field's class is swapped for the
    base's subclass (which only adds behaviour, no state), so every form gets it without each
    declaration having to name the right class."""
    for plain, hardened in _SWAPS.items():
        if isinstance(field, plain) and not isinstance(field, hardened):
            if type(field) is plain:
                field.__class__ = hardened
            else:  # an app's own subclass (e.g. a label_from_instance): mix the base in
                field.__class__ = _mixed(type(field), hardened)
            break
    if type(field.widget) in _WIDGET_SWAPS:  # exactly Django's: a project widget keeps its own rendering
        field.widget.__class__ = _WIDGET_SWAPS[type(field.widget)]
    if isinstance(field, DateField):
        field.input_formats = DATE_INPUT_FORMATS
        if field.error_messages.get("invalid") == forms.DateField.default_error_messages["invalid"]:
            field.error_messages["invalid"] = DateField.default_error_messages["invalid"]
        if isinstance(field.widget, forms.DateInput) and not field.widget.is_hidden and not isinstance(field.widget, DateInput):
            field.widget = DateInput(attrs={k: v for k, v in field.widget.attrs.items() if k != "type"})
        elif isinstance(field.widget, DateInput):
            field.widget.format = DATE_DISPLAY_FORMAT


def _style(field):
    widget = field.widget
    css = next((c for t, c in _WIDGET_CLASSES.items() if isinstance(widget, t)), _TEXTBOX)
    if css and css not in widget.attrs.get("class", ""):
        widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


class StyledBoundField(BoundField):
    """Hint and error ids for assistive technology, worked out when the field is rendered."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        # Fields a form adds after `__init__` get the base's widget and classes too.
        _harden(self.field)
        _style(self.field)
        return super().as_widget(widget, attrs, only_initial)

    def build_widget_attrs(self, attrs, widget=None):
        given = attrs.get("aria-describedby")
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if given or widget.attrs.get("aria-describedby"):
            return attrs
        described = []
        base = self.auto_id or f"id_{self.html_name}"
        if self.help_text:
            described.append(f"{base}_hint")
        if self.form.is_bound and self.errors:
            described.append(f"{base}_error")
            if not widget.is_hidden:
                attrs["aria-invalid"] = "true"
        if described:
            attrs["aria-describedby"] = " ".join(described)
        else:
            attrs.pop("aria-describedby", None)
        return attrs


class StyledFormMixin:
    """NL Design System classes on every widget, accessible hint/error wiring, Dutch dates and
    safe ids. Builds the form only: it never validates in `__init__`."""

    bound_field_class = StyledBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _harden(field)
            _style(field)

    def _clean_fields(self):
        # Fields added or re-typed after `__init__` (a subclass's own loop) get the same care.
        for field in self.fields.values():
            _harden(field)
        super()._clean_fields()


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


def submit_form(form, apply, mapping=None) -> bool:
    """Validate the form and call the service; on a refusal the errors go on the form (input kept)."""
    if not form.is_valid():
        return False
    try:
        apply(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc, mapping)
        return False
    return True


def post_case_form(request, form, apply, *, success, then, page, mapping=None):
    """The one shape of a form posted on a case page (any app): validate, call the service, and
    then either say so (`success`: words, or a callable taking the service's result) and redirect
    (`then`: a URL, or a callable taking the service's result),
    or show the page again (`page(form)`, status 400) with the errors on the form and everything
    typed kept. The view has checked access before it builds the form."""
    result = {}

    def call(data):
        result["value"] = apply(data)

    if submit_form(form, call, mapping):
        value = result.get("value")
        messages.success(request, success(value) if callable(success) else success)
        target = then(value) if callable(then) else then
        return redirect(target)
    return page(form)

