"""Default texts of the meldcode steps and the afwegingskader's questions.

Written in our own words after the Besluit verplichte meldcode (2013) and the afwegingskader
(mandatory since 1 January 2019). A `MeldcodeText` row with the same key replaces a default,
so a municipality can follow its local protocol's wording.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Text:
    key: str
    title: str
    guidance: str


STEP_DEFAULTS = {
    1: Text("step_1", _("Map the signals"), _(
        "Write down what you saw and heard, as facts. Name the source of what others told you. "
        "Label a hypothesis as such, with whose it is. Kindcheck: are there children who depend on this adult?"
    )),
    2: Text("step_2", _("Collegial consultation and, if needed, advice from Veilig Thuis"), _(
        "Discuss the signals with a colleague or the safety specialist. Ask Veilig Thuis for advice if needed "
        "(this can be anonymous), or a letselduiding expert. With honour-related violence, forced marriage "
        "or FGM, contact Veilig Thuis directly."
    )),
    3: Text("step_3", _("Conversation with the person(s) involved"), _(
        "Discuss your concerns with the people involved. You may only skip this conversation when it would "
        "endanger someone's safety; then record why."
    )),
    4: Text("step_4", _("Weigh the violence or abuse"), _(
        "Weigh the risk, the nature and the seriousness of the violence or abuse. In doubt, consult Veilig Thuis."
    )),
    5: Text("step_5", _("Decide: report and/or organise help"), _(
        "Answer the questions of the afwegingskader, then decide. A report to Veilig Thuis is a right "
        "(meldrecht); the framework tells you when to use it."
    )),
}

QUESTION_DEFAULTS = {
    1: Text("question_1", _("Based on steps 1 to 4, do I suspect (a threat of) domestic violence or child abuse?"), _(
        "No: close the meldcode and record this in the file."
    )),
    2: Text("question_2", _("Is there acute and/or structural unsafety?"), _(
        "Yes: report to Veilig Thuis. Questions 3 to 5 are then weighed together with Veilig Thuis."
    )),
    3: Text("question_3", _("Am I able to offer or organise effective help to avert (future) violence?"), _(
        "No: report to Veilig Thuis."
    )),
    4: Text("question_4", _("Do the people involved accept that help and commit to it?"), _(
        "No: report to Veilig Thuis. Yes: give or organise the help."
    )),
    5: Text("question_5", _("Does the help lead to the needed results for safety and wellbeing within the desired time?"), _(
        "No: report (again) to Veilig Thuis. Yes: close with agreements on following the safety."
    )),
}

TEXT_KEYS = [t.key for t in STEP_DEFAULTS.values()] + [t.key for t in QUESTION_DEFAULTS.values()]
