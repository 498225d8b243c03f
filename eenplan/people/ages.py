"""A person's age in whole years on a day: the one formula the age rules, the ZRM instrument choice, retention
and the demos share (a birthday counts from the day itself; 29 February turns a year older on 1 March)."""

from datetime import date


def years_between(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def age_on(person, on: date) -> int | None:
    """`person`'s age on `on`; None without a birth date."""
    return None if person.birth_date is None else years_between(person.birth_date, on)
