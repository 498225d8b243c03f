"""Intake test data: signals through the service, so the rules apply as in the pages."""

from eenplan.intake import services
from eenplan.intake.models import Channel, SignalType, SourceType


def source(code="buren") -> SourceType:
    return SourceType.objects.get(code=code)


def signal_type(code) -> SignalType:
    return SignalType.objects.get(code=code)


def make_signal(*, by=None, team=None, wijk=None, **kw):
    kw.setdefault("channel", Channel.PHONE)
    kw.setdefault("source", source(kw.pop("source_code", "buren")))
    kw.setdefault("description", "Buurvrouw maakt zich zorgen: post stapelt zich op.")
    if not any(kw.get(k) for k in ("postcode", "subject_name", "subject_phone", "person", "household")):
        kw.update(postcode="3511 AB", house_number=12)
    return services.signal_register(by=by, team=team, wijk=wijk, **kw)
