"""core.choices.choice_label gives what Django's get_FOO_display gives, for every choice field of every model and
each of its values (and a value outside the choices), in Dutch."""

import pytest
from django.apps import apps
from django.utils import translation

from eenplan.core.choices import choice_label


def choice_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.flatchoices:
                yield model, field


def test_every_choice_field_gives_djangos_label():
    checked = 0
    with translation.override("nl"):
        for model, field in choice_fields():
            for value in [v for v, _label in field.flatchoices] + ["not-a-choice"]:
                obj = model()
                setattr(obj, field.attname, value)
                assert choice_label(obj, field.name) == getattr(obj, f"get_{field.name}_display")(), (model, field.name, value)
                checked += 1
    assert checked > 200  # the project's choice fields, not an empty loop


def test_label_follows_the_active_language():
    from eenplan.cases.models import Case, Phase

    case = Case(phase=Phase.AFGESLOTEN)
    with translation.override("nl"):
        dutch = choice_label(case, "phase")
    with translation.override("en"):
        english = choice_label(case, "phase")
    assert dutch == str(Phase.AFGESLOTEN.label) and dutch != english


@pytest.mark.django_db
def test_template_filter_renders_the_label(rf):
    from django.template import engines

    from eenplan.cases.models import Case, Phase

    template = engines["django"].from_string('{% load eenplan %}{{ case|choice_label:"phase" }}|{{ missing|choice_label:"phase" }}')
    with translation.override("nl"):
        assert template.render({"case": Case(phase=Phase.AFGESLOTEN)}) == f"{Phase.AFGESLOTEN.label}|"
