"""Issue 11, defect 14: the management pages (/beheer/) are Dutch throughout — headings, buttons, column and field
labels, help texts. "Wijzigen" is Wijzigen (an app's "Change" = "Verandering" used to win over the admin's)."""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

# Words that occur in English text and never in these Dutch pages.
ENGLISH = re.compile(
    r"\b(the|and|with|your|this|that|which|are|for|from|Add|Change|Delete|History|Save|Select|Search|Required|Designates|"
    r"Enter|Filter by|Home|View site|Log out|Action|Go|Yes|No|Unknown|All|created at|updated at|name|code)\b"
)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    attrs = " ".join(re.findall(r'(?:title|placeholder|aria-label|alt)="([^"]*)"', html))
    return text + " " + attrs


@pytest.fixture
def mira(verified_client):
    from eenplan.safety.models import MeldcodeText

    TeamFactory()
    CaseFactory()
    MeldcodeText.objects.create(key=MeldcodeText._meta.get_field("key").choices[0][0], title="Eigen tekst")
    user = UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN], username="mira")
    return user, verified_client(user)


def admin_pages(user):
    request = RequestFactory().get("/beheer/")
    request.user = user
    pages = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_module_permission(request):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:%s_%s_changelist" % info))
        pages.append(reverse("admin:app_list", args=[model._meta.app_label]))
        if model_admin.has_add_permission(request):
            pages.append(reverse("admin:%s_%s_add" % info))
        first = model_admin.get_queryset(request).first()
        if first is not None:
            pages.append(reverse("admin:%s_%s_change" % info, args=[first.pk]))
    return sorted(set(pages))


def test_every_management_page_is_dutch(mira):
    user, client = mira
    pages = admin_pages(user)
    assert len(pages) > 20
    found = {}
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 200, url
        words = sorted(set(ENGLISH.findall(visible_text(response.content.decode()))))
        if words:
            found[url] = words
    assert not found, found


def test_the_change_link_says_wijzigen(mira):
    _user, client = mira
    body = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Wijzigen" in body and "Verandering" not in body


def test_every_app_and_model_has_a_dutch_name():
    with translation.override("nl"):
        for model in admin.site._registry:
            config = model._meta.app_config
            if not config.name.startswith("eenplan."):
                continue
            with translation.override("en"):
                english = str(config.verbose_name)
            assert str(config.verbose_name) != english, config.name
