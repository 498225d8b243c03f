"""core.links.link gives what django.urls.reverse gives, from a pattern reversed once."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, include, path, reverse, set_script_prefix

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


def _view(request, pk):  # pragma: no cover - only reversed
    raise AssertionError


urlpatterns = [path("", include(([path("zaak/<int:pk>/", _view, name="detail")], "cases")))]


def test_link_follows_an_overridden_url_configuration():
    assert links.link("cases:detail", 5) == "/casussen/5/"  # the pattern of the project's URLs is cached now
    with override_settings(ROOT_URLCONF=__name__):
        assert links.link("cases:detail", 5) == "/zaak/5/" == reverse("cases:detail", args=[5])
    assert links.link("cases:detail", 5) == "/casussen/5/"
