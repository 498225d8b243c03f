from datetime import date
from types import SimpleNamespace

from eenplan.people.ages import age_on, years_between


def test_a_birthday_counts_from_the_day_itself():
    assert years_between(date(2010, 12, 2), date(2026, 12, 1)) == 15
    assert years_between(date(2010, 12, 2), date(2026, 12, 2)) == 16


def test_born_on_29_february_turns_older_on_1_march_in_other_years():
    assert years_between(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert years_between(date(2008, 2, 29), date(2026, 3, 1)) == 18
    assert years_between(date(2008, 2, 29), date(2028, 2, 29)) == 20


def test_without_a_birth_date_the_age_is_unknown():
    assert age_on(SimpleNamespace(birth_date=None), date(2026, 12, 2)) is None
    assert age_on(SimpleNamespace(birth_date=date(1958, 3, 14)), date(2026, 12, 2)) == 68
