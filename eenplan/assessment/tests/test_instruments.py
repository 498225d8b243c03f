"""The instruments are complete: every domain of every instrument has a description for each
level of its scale, and the domain lists match instruments.md."""

import pytest

from eenplan.assessment.models import Domain, Instrument, LevelDescription

pytestmark = pytest.mark.django_db


def test_every_domain_has_a_description_for_every_level():
    for domain in Domain.objects.select_related("instrument"):
        scale = range(domain.instrument.scale_min, domain.instrument.scale_max + 1)
        levels = {lvl.score: lvl.text for lvl in domain.levels.all()}
        assert set(levels) == set(scale), domain
        assert all(len(text) > 20 for text in levels.values())


def test_domain_lists():
    counts = {i.code: i.domains.count() for i in Instrument.objects.all()}
    assert counts == {"zrm-2017": 13, "zrm-jongeren": 13, "zrm-2013": 11, "zrm-huishoudens": 5, "zrm-kinderen": 6}
    assert Instrument.objects.get(is_current=True).code == "zrm-2017"
    assert Instrument.objects.get(retired=True).code == "zrm-2013"
    assert LevelDescription.objects.count() == 5 * (13 + 13 + 11 + 5 + 6)


def test_resident_names_for_mijn_zrm():
    names = dict(Domain.objects.filter(instrument__code="zrm-2017").values_list("code", "resident_name"))
    assert names["financien"] == "Geldzaken" and names["basale-adl"] == "Zelfzorg"
    assert names["middelengebruik"] == "Verslaving"
