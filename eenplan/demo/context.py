from dataclasses import dataclass, field
from datetime import date
from random import Random


@dataclass
class DemoContext:
    """What the core seed built, handed to each app's `demo.seed(ctx)`."""

    rng: Random
    today: date
    wijken: list
    teams: list
    staff: dict  # username -> User
    households: list
    cases: list
    large: bool = False  # True for the --households measuring data: apps seed less per case
    extra: dict = field(default_factory=dict)
