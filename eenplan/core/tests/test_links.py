"""core.links.link gives what django.urls.reverse gives, from a pattern reversed once."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from eenplan.core import links


@pytest.mark.parametrize(("name", "ids"), [
    ("cases:caseload", ()), ("cases:detail", (7,)), ("intake:signal", (123456,)), ("people:member_edit", (12, 345)),
])
def test_link_is_reverse(name, ids):
    assert links.link(name, *ids) == reverse(name, args=ids)


def test_link_follows_the_script_prefix():
    try:
        set_script_prefix("/wijkteam/")
        assert links.link("cases:detail", 5) == "/wijkteam/casussen/5/" == reverse("cases:detail", args=[5])
    finally:
        set_script_prefix("/")
    assert links.link("cases:detail", 5) == "/casussen/5/"


def test_link_refuses_what_reverse_refuses():
    with pytest.raises(NoReverseMatch):
        links.link("cases:no-such-page", 1)
    with pytest.raises(ValueError):
        links.link("cases:detail", "not-an-id")
