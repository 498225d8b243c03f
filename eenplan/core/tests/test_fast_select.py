"""The project's Select and SelectMultiple (core.forms._OptionsInPython) write the markup Django's templates write."""

import pytest
from django import forms
from django.test.html import parse_html

from eenplan.core.forms import Select, SelectMultiple

CHOICES = [("", "—"), ("a", "Anna & co"), ("b", "Bram <b>"), ("Team West", [("c", "Chantal"), ("d", "Daan")]), (5, "Vijf")]


@pytest.mark.parametrize("value", [None, "", "a", "c", 5, "5", "x"])
def test_select_markup_is_djangos(value):
    attrs = {"id": "id_who", "required": True, "aria-describedby": "id_who_hint", "class": "utrecht-select"}
    ours = Select(choices=CHOICES).render("who", value, attrs)
    django = forms.Select(choices=CHOICES).render("who", value, attrs)
    assert parse_html(ours) == parse_html(django)


@pytest.mark.parametrize("value", [None, [], ["a", "d"], ["b", 5]])
def test_select_multiple_markup_is_djangos(value):
    ours = SelectMultiple(choices=CHOICES).render("who", value, {"id": "id_who"})
    django = forms.SelectMultiple(choices=CHOICES).render("who", value, {"id": "id_who"})
    assert parse_html(ours) == parse_html(django)


def test_only_the_first_match_is_selected_in_a_single_select():
    html = Select(choices=[("a", "A"), ("a", "A again")]).render("x", "a")
    assert html.count(" selected") == 1


@pytest.mark.django_db
def test_colleague_options_are_what_the_instances_give():
    """ColleagueChoice reads four columns per option; the options are those Django's iterator gives from instances."""
    from django.contrib.auth import get_user_model
    from django.forms.models import ModelChoiceIterator

    from eenplan.core.forms import ColleagueChoice
    from eenplan.testing.factories import UserFactory

    UserFactory(username="x-anna", first_name="Anna", last_name="de Boer")
    UserFactory(username="x-noname", first_name="", last_name="")
    UserFactory(username="x-first", first_name="Bram", last_name="")
    field = ColleagueChoice(queryset=get_user_model().objects.filter(username__startswith="x-").order_by("username"))
    ours = [(str(value), label) for value, label in field.choices]
    django = [(str(value), label) for value, label in ModelChoiceIterator(field)]
    assert ours == django
    assert [label for _v, label in ours] == ["---------", "Anna de Boer", "Bram", "x-noname"]
