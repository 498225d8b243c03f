"""What the assessment found, shown beside the goal form so a goal can start from it.

Reads the assessment app's records (read-only); the caller has passed `policy.require_case`.
Every item carries a suggested goal title and domain for the "start a goal from this" link.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from eenplan.assessment.models import (
    AssessmentQuestion,
    Big5Entry,
    NetworkMember,
    Strength,
    WatTeltEntry,
    ZrmMeasurement,
    ZrmScore,
)

LOW_SCORE = 2  # ZRM 1 (acute) and 2 (not self-reliant) ask for a goal


@dataclass
class Suggestion:
    label: str
    text: str
    title: str = ""
    domain_id: int | None = None
    url: str = ""


@dataclass
class Panel:
    questions: list = field(default_factory=list)
    wat_telt: list = field(default_factory=list)
    big5: list = field(default_factory=list)
    low_scores: list = field(default_factory=list)
    strengths: list = field(default_factory=list)
    network: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.questions or self.wat_telt or self.big5 or self.low_scores or self.strengths or self.network)


def _link(case, title="", domain_id=None, question_id=None) -> str:
    params = {k: v for k, v in {"title": title[:300], "domain": domain_id or "", "question": question_id or ""}.items() if v}
    return reverse("plans:goal_add", args=[case.pk]) + ("?" + urlencode(params) if params else "")


def assessment_panel(case) -> Panel:
    panel = Panel()
    for q in AssessmentQuestion.objects.filter(case=case).select_related("person", "domain").prefetch_related("frames"):
        chosen = ", ".join(f.get_frame_display() for f in q.frames.all() if f.chosen)
        label = " · ".join(str(x) for x in (q.person, q.domain) if x)
        panel.questions.append(Suggestion(label=label, text=q.text + (f" ({chosen})" if chosen else ""), title=q.text,
                                          domain_id=q.domain_id, url=_link(case, q.text, q.domain_id, q.pk)))
    latest = {}
    for e in WatTeltEntry.objects.filter(case=case, view="inwoner").select_related("person", "domain").order_by("recorded_at", "pk"):
        latest[(e.person_id, e.domain_id)] = e
    for e in latest.values():
        if e.important or e.goal:
            panel.wat_telt.append(Suggestion(label=f"{e.person} · {e.domain.resident_name or e.domain}",
                                             text=e.goal or e.how_it_goes, title=e.goal, domain_id=e.domain_id,
                                             url=_link(case, e.goal, e.domain_id)))
    for e in Big5Entry.objects.filter(case=case).order_by("domain"):
        if e.current or e.ideal:
            panel.big5.append(Suggestion(label=e.get_domain_display(), text=f"{e.current} → {e.ideal}".strip(" →"),
                                         title=e.ideal, url=_link(case, e.ideal)))
    last_per_person = {}
    for m in ZrmMeasurement.objects.filter(case=case).select_related("person").order_by("measured_on", "created_at", "pk"):
        last_per_person[m.person_id] = m
    scores = ZrmScore.objects.filter(measurement__in=last_per_person.values(), score__lte=LOW_SCORE).select_related("domain", "measurement__person")
    for s in scores.order_by("score", "domain__order"):
        panel.low_scores.append(Suggestion(label=f"{s.measurement.person} · {s.domain}", text=str(s.score), domain_id=s.domain_id,
                                           url=_link(case, "", s.domain_id)))
    panel.strengths = list(Strength.objects.filter(case=case).select_related("person"))
    panel.network = list(NetworkMember.objects.filter(case=case, ended_at__isnull=True))
    return panel
