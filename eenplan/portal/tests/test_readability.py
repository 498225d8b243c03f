"""Plain language: every Mijn plan page's visible text gets a Flesch–Douma score (the Dutch Flesch formula,
from the `textstat` library with language nl), printed per page; each must reach B1 (docs/portal.md:
a score of at least 60, Douma's "normal" band and easier).

Run with -s to see the scores:  python -m pytest eenplan/portal/tests/test_readability.py -s
"""

from html.parser import HTMLParser

import pytest
import textstat
from django.core import mail
from django.urls import reverse

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.plans.services import ActionData
from eenplan.plans.tests.factories import add_goal, in_days, make_world
from eenplan.portal import services
from eenplan.testing.walker import login_resident

pytestmark = pytest.mark.django_db

B1_MINIMUM = 60  # Flesch–Douma; justified in docs/portal.md


class VisibleText(HTMLParser):
    """The text a reader sees (or hears read aloud) in <main>: no scripts, styles or hidden parts."""

    SKIP = {"script", "style", "template", "textarea", "select", "option"}

    def __init__(self):
        super().__init__()
        self.depth_main = 0
        self.skip = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.depth_main += 1
        if tag in self.SKIP or "hidden" in attrs or attrs.get("aria-hidden") == "true":
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth_main -= 1
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth_main and not self.skip and data.strip():
            self.parts.append(data.strip())

    def text(self) -> str:
        # Headings, labels and list items are sentences of their own for a reader.
        return "\n".join(p if p.endswith((".", "?", "!", ":")) else p + "." for p in self.parts)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return parser.text()


def douma(text: str) -> float:
    textstat.set_lang("nl")
    return textstat.flesch_reading_ease(text)


def test_every_portal_page_reads_at_b1(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world = make_world()
    version, _key = add_goal(world, actions=[ActionData(what="Post samen sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14))])
    action = version.actions.get(owner_kind="inwoner")
    log_access(user=world.pro, action=Action.READ, record=world.case, case_id=world.case.pk, acting_role="betrokken")

    pages = {"inloggen": client.get(reverse("portal:login"))}
    services.invitation_send(case=world.case, person=world.member.person, email="sandra@example.nl", by=world.pro)
    link = next(w for w in mail.outbox[0].body.split() if "sleutel=" in w)
    client.get(link)
    pages["uitnodiging"] = client.get(reverse("portal:invitation"))
    resident = login_resident(client.__class__(), world.member.person)
    for name, url in [("mijn plan", reverse("portal:home")), ("actie", reverse("portal:action", args=[action.key])),
                      ("akkoord", reverse("portal:agreement")), ("hoe gaat het", reverse("portal:my_zrm")),
                      ("mijn papieren", reverse("portal:documents")), ("wie keek", reverse("portal:who_looked"))]:
        pages[name] = resident.get(url)
    services.portal_pause(case=world.case, reason="Meldcode loopt over vader", by=world.pro)
    pages["gepauzeerd"] = resident.get(reverse("portal:home"))

    scores = {}
    print("\nFlesch–Douma per Mijn plan page (B1: at least %s)" % B1_MINIMUM)
    for name, response in pages.items():
        assert response.status_code in (200, 403), (name, response.status_code)
        text = visible_text(response.content.decode())
        assert len(text.split()) >= 10, (name, text)  # there is text to measure
        scores[name] = douma(text)
        print(f"  {name:<14} {scores[name]:6.1f}  ({len(text.split())} words)")
    low = {name: round(score, 1) for name, score in scores.items() if score < B1_MINIMUM}
    assert not low, f"below B1 (Flesch–Douma {B1_MINIMUM}): {low}"
