"""A plan version as plain data, for copying into the next version and for comparing two.

Everything is keyed by the stable `key` of a row, so the same goal or action can be found
in any version.
"""

import uuid
from dataclasses import dataclass, field

from .models import PlanVersion

GOAL_FIELDS = ("title", "result", "term", "target_date", "status", "domain_ids", "member_ids", "problem_key")
SOLUTION_FIELDS = ("frame", "description", "provision_id")
ACTION_FIELDS = ("what", "owner_kind", "owner_name", "owner_user_id", "due_on", "solution_key")


@dataclass
class PlanState:
    problems: dict[uuid.UUID, dict] = field(default_factory=dict)
    goals: dict[uuid.UUID, dict] = field(default_factory=dict)
    solutions: dict[uuid.UUID, dict] = field(default_factory=dict)
    actions: dict[uuid.UUID, dict] = field(default_factory=dict)

    def renumber(self):
        for n, key in enumerate(sorted(self.goals, key=lambda k: self.goals[k]["priority"]), start=1):
            self.goals[key]["priority"] = n


def state_of(version: PlanVersion) -> PlanState:
    """Load a version in a fixed number of queries."""
    state = PlanState()
    for p in version.problems.all():
        state.problems[p.key] = {"text": p.text, "domain_id": p.domain_id}
    goal_keys = {}
    for g in version.goals.prefetch_related("domains", "members"):
        goal_keys[g.pk] = g.key
        state.goals[g.key] = {
            "title": g.title, "result": g.result, "term": g.term, "target_date": g.target_date, "status": g.status,
            "priority": g.priority, "problem_key": g.problem_key,
            "domain_ids": sorted(d.pk for d in g.domains.all()), "member_ids": sorted(p.pk for p in g.members.all()),
        }
    for s in version.solutions.all():
        state.solutions[s.key] = {"goal_key": goal_keys[s.goal_id], "frame": s.frame, "description": s.description, "provision_id": s.provision_id}
    for a in version.actions.all():
        state.actions[a.key] = {
            "goal_key": goal_keys[a.goal_id], "what": a.what, "owner_kind": a.owner_kind, "owner_name": a.owner_name,
            "owner_user_id": a.owner_user_id, "due_on": a.due_on, "solution_key": a.solution_key,
        }
    return state


@dataclass
class ItemChange:
    """One goal, solution or action compared between two versions."""

    key: uuid.UUID
    kind: str  # "added", "removed", "changed", "same"
    old: dict | None
    new: dict | None
    fields: list[str] = field(default_factory=list)


@dataclass
class GoalComparison:
    goal: ItemChange
    solutions: list[ItemChange]
    actions: list[ItemChange]

    @property
    def has_changes(self) -> bool:
        return self.goal.kind != "same" or any(c.kind != "same" for c in self.solutions + self.actions)


def _compare(key, old, new, fields) -> ItemChange:
    if old is None:
        return ItemChange(key, "added", None, new)
    if new is None:
        return ItemChange(key, "removed", old, None)
    changed = [f for f in fields if old.get(f) != new.get(f)]
    return ItemChange(key, "changed" if changed else "same", old, new, changed)


def _children(old: dict, new: dict, goal_key, fields) -> list[ItemChange]:
    keys = [k for k, v in old.items() if v["goal_key"] == goal_key]
    keys += [k for k, v in new.items() if v["goal_key"] == goal_key and k not in old]
    return [_compare(k, old.get(k), new.get(k), fields) for k in keys]


def compare_states(old: PlanState, new: PlanState) -> list[GoalComparison]:
    """Per goal (in the newer version's order, removed goals last): what was added, changed or removed."""
    keys = sorted(new.goals, key=lambda k: new.goals[k]["priority"]) + [k for k in old.goals if k not in new.goals]
    result = []
    for key in keys:
        goal = _compare(key, old.goals.get(key), new.goals.get(key), GOAL_FIELDS + ("priority",))
        result.append(GoalComparison(
            goal=goal,
            solutions=_children(old.solutions, new.solutions, key, SOLUTION_FIELDS),
            actions=_children(old.actions, new.actions, key, ACTION_FIELDS),
        ))
    return result
