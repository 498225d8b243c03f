"""A choice field's label for a value, as `get_FOO_display()` gives it, from a table built once per field.

Django's `get_FOO_display` rebuilds the field's whole choice table on every call and hashes each lazy label on the
way, which translates it: some 300 function calls a call for a field of eight choices. A list page shows two or three
labels a row, so on the caseload that was a fifth of the request's Python (22,000 of 122,000 calls). The table here
keeps the labels lazy, so each call still gives the active language's label."""

import functools

from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@functools.lru_cache(maxsize=None)
def _labels(field) -> dict:
    return dict(make_hashable(field.flatchoices))


def choice_label(obj, name: str):
    """`obj.get_<name>_display()`, for a model field with choices; anything else is asked for that method."""
    try:
        field = obj._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):  # not a model, or not one of its fields: its own method answers
        field = None
    if field is None or not field.flatchoices:
        return getattr(obj, f"get_{name}_display")()
    value = getattr(obj, field.attname)
    try:
        label = _labels(field).get(value, value)
    except TypeError:  # an unhashable value (a list): Django's own way
        return getattr(obj, f"get_{name}_display")()
    return force_str(label, strings_only=True)
