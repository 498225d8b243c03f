"""The daily reminder job: each professional's and team lead's due items on a given date.

Deterministic: everything depends on the date passed in. Running it twice for the same date
sends nothing new (a notification per user per date). Notifications hold no case content:
counts and a link; the lines printed name case numbers and the planned item's label only.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.accounts.models import TeamMembership
from eenplan.core.models import Notification
from eenplan.core.services import notify

from .models import PLANNED_EVALUATION
from .selectors import open_planned_items

KIND_PERSONAL = "herinnering"
KIND_TEAM = "herinnering-team"


@dataclass
class PersonalDue:
    user: object
    today: list = field(default_factory=list)
    overdue: list = field(default_factory=list)


@dataclass
class TeamDue:
    team: object
    leads: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    overdue_evaluations: int = 0
    unassigned: int = 0


@dataclass
class ReminderRun:
    on: date
    personal: list[PersonalDue] = field(default_factory=list)
    teams: list[TeamDue] = field(default_factory=list)
    sent: int = 0


def reminders_for(on: date) -> ReminderRun:
    """Who has what due on `on` (due that day or overdue), on open cases. A fixed number of queries."""
    items = list(
        open_planned_items().filter(due_on__lte=on)
        .select_related("owner", "case", "case__regisseur", "case__team")
        .order_by("due_on", "case_id", "pk")
    )
    personal: dict[int, PersonalDue] = {}
    teams: dict[int, TeamDue] = {}
    for item in items:
        who = item.owner or item.case.regisseur
        team = teams.setdefault(item.case.team_id, TeamDue(team=item.case.team))
        if who is None:
            team.unassigned += 1
        else:
            due = personal.setdefault(who.pk, PersonalDue(user=who))
            (due.today if item.due_on == on else due.overdue).append(item)
        if item.due_on < on:
            team.overdue.append(item)
            if item.kind == PLANNED_EVALUATION:
                team.overdue_evaluations += 1
    leads = defaultdict(list)
    for m in TeamMembership.objects.filter(team_id__in=teams, is_lead=True).select_related("user"):
        leads[m.team_id].append(m.user)
    run = ReminderRun(on=on)
    run.personal = sorted(personal.values(), key=lambda d: d.user.username)
    for team_id, due in sorted(teams.items(), key=lambda t: t[1].team.name):
        due.leads = leads.get(team_id, [])
        if due.overdue or due.unassigned:
            run.teams.append(due)
    return run


def _personal_message(due: PersonalDue, on: date) -> str:
    parts = []
    if due.today:
        parts.append(ngettext("%(n)s item due today", "%(n)s items due today", len(due.today)) % {"n": len(due.today)})
    if due.overdue:
        parts.append(ngettext("%(n)s item overdue", "%(n)s items overdue", len(due.overdue)) % {"n": len(due.overdue)})
    return _("Reminder for %(date)s: %(items)s.") % {"date": on.strftime("%d-%m-%Y"), "items": ", ".join(parts)}


def _team_message(due: TeamDue, on: date) -> str:
    return _("%(team)s on %(date)s: %(overdue)s overdue items (%(evaluations)s evaluations), %(unassigned)s without an owner.") % {
        "team": due.team.name, "date": on.strftime("%d-%m-%Y"), "overdue": len(due.overdue),
        "evaluations": due.overdue_evaluations, "unassigned": due.unassigned,
    }


@transaction.atomic
def reminders_send(*, on: date) -> ReminderRun:
    """Write the day's notifications (once per user per date) and return what was due."""
    run = reminders_for(on)
    personal_kind, team_kind = f"{KIND_PERSONAL}:{on.isoformat()}", f"{KIND_TEAM}:{on.isoformat()}"
    already = set(Notification.objects.filter(kind__in=[personal_kind, team_kind]).values_list("user_id", "kind"))
    caseload_url, team_url = reverse("cases:caseload"), reverse("cases:team")
    for due in run.personal:
        if (due.user.pk, personal_kind) not in already:
            run.sent += len(notify(users=[due.user], kind=personal_kind, message=_personal_message(due, on), url=caseload_url))
    for due in run.teams:
        users = [u for u in due.leads if (u.pk, team_kind) not in already]
        run.sent += len(notify(users=users, kind=team_kind, message=_team_message(due, on), url=team_url))
    log_access(user=None, action=Action.READ, record_type="reminders", record_id=on.isoformat(),
               detail=f"{sum(len(d.today) + len(d.overdue) for d in run.personal)} due items, {run.sent} notifications")
    return run


def summary_lines(run: ReminderRun) -> list[str]:
    """The printed summary: per professional their items, per team the lead's overview."""
    lines = [_("Reminders for %(date)s") % {"date": run.on.strftime("%d-%m-%Y")}]
    for due in run.personal:
        lines.append(f"{due.user.username}: " + _("%(today)s due today, %(overdue)s overdue") % {"today": len(due.today), "overdue": len(due.overdue)})
        for item in due.overdue + due.today:
            state = _("overdue") if item.due_on < run.on else _("today")
            lines.append(f"  - {item.due_on.isoformat()} {state} · " + _("case #%(pk)s") % {"pk": item.case_id} + f" · {item.label}")
    for due in run.teams:
        leads = ", ".join(u.username for u in due.leads) or "-"
        lines.append(f"{due.team.name} ({leads}): " + _("%(overdue)s overdue (%(evaluations)s evaluations), %(unassigned)s without an owner") % {
            "overdue": len(due.overdue), "evaluations": due.overdue_evaluations, "unassigned": due.unassigned})
    lines.append(ngettext("%(n)s notification sent.", "%(n)s notifications sent.", run.sent) % {"n": run.sent})
    return lines
