from django.utils.translation import gettext as _

from eenplan.cases.models import SafetyStatus


def safety_closing_blockers(case) -> list[str]:
    """Reasons rooted in safety why `case` may not be closed."""
    blockers = []
    if case.safety_status == SafetyStatus.ONVEILIG:
        blockers.append(
            _("The household is marked unsafe. A case with lasting safety risk is not closed; move it to stut en steun.")
        )
    return blockers
