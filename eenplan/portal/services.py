"""Mijn plan: what a resident does, as service functions (views and tests call these).

The resident's answers are recorded in the plan's own models (plans.ActionOutcome, plans.PlanAgreement)
through the plans services, so the professional sees them on the case. Those models name a staff user
as `by`; for a resident that is the portal's own account `mijn-plan` (inactive, no roles, no password),
and the access-log line names the resident (`inwoner:<person>`, acting role `inwoner`).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.models import Action, Outcome
from eenplan.access.policy import RESIDENT_BASIS, resident_log
from eenplan.people.models import Person
from eenplan.people.validators import validate_bsn
from eenplan.plans import services as plan_services
from eenplan.plans.models import ActionResult, AgreementHow, OwnerKind, PlanAction

PORTAL_USERNAME = "mijn-plan"

# What the resident answers about an action, and how it is stored in ActionOutcome.
DONE, NOT_DONE, CANNOT = "gedaan", "niet_gedaan", "lukt_niet"
ANSWERS = {DONE: ActionResult.DONE, NOT_DONE: ActionResult.NOT_DONE, CANNOT: ActionResult.NOT_DONE}
# Actions a resident answers for: their own (the household's) and their network's.
RESIDENT_OWNER_KINDS = (OwnerKind.RESIDENT, OwnerKind.NETWORK)


def portal_user():
    """The account the plan's models name as `by` for what a resident records (never logs in)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=PORTAL_USERNAME, defaults={"first_name": "Mijn plan", "last_name": "(inwoner)", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def resident_for_bsn(request, bsn: str) -> Person | None:
    """The person DigiD's BSN belongs to, or None. Both outcomes are logged (the BSN itself is not)."""
    bsn = (bsn or "").strip()
    person = None
    try:
        validate_bsn(bsn)
        person = Person.objects.filter(bsn=bsn).first() if bsn else None
    except ValidationError:
        person = None
    if person is None:
        resident_log(request, action=Action.LOGIN, outcome=Outcome.REFUSED, basis=RESIDENT_BASIS + ":onbekend",
                     record_type="people.Person", detail="DigiD login: no person with this BSN", person_id=None)
        return None
    return person


def record_login(request, person):
    resident_log(request, action=Action.LOGIN, record=person, detail="DigiD login (Mijn plan)")


def resident_action(case, key) -> PlanAction | None:
    """An action of the case's current plan version that the resident answers for (None: not theirs)."""
    from eenplan.plans.models import Plan

    plan = Plan.objects.filter(case=case).first()  # fresh: the number of the newest version
    if plan is None:
        return None
    return (PlanAction.objects.filter(version__plan=plan, version__number=plan.current_number, key=key,
                                      owner_kind__in=RESIDENT_OWNER_KINDS)
            .select_related("goal").first())


@transaction.atomic
def resident_action_answer(*, resident, case, action_key, answer: str, note: str = ""):
    """The resident says an action is done, not done, or does not work out ("lukt niet"), with a note in
    their own words. Stored as the plan's ActionOutcome (the professional sees it on the case)."""
    if answer not in ANSWERS:
        raise ValidationError({"answer": _("Choose: done, not done, or it does not work out.")})
    action = resident_action(case, action_key)
    if action is None:
        raise ValidationError(_("This action is no longer in your plan."))
    note = (note or "").strip()
    if answer == CANNOT and not note:
        raise ValidationError({"note": _("Write what does not work out. Then your regisseur can help.")})
    label = {DONE: _("done"), NOT_DONE: _("not done"), CANNOT: _("it does not work out")}[answer]
    return plan_services.plan_action_outcome_record(
        case=case, action_key=action.key, result=ANSWERS[answer], by=portal_user(),
        note=_("Via Mijn plan, by %(name)s: %(answer)s.") % {"name": resident.person.full_name, "answer": label}, household_view=note,
        audit={"user": resident, "acting_role": RESIDENT_BASIS, "person_id": resident.person_id},
    )


@transaction.atomic
def resident_agreement(*, resident, case, agrees: bool | None, words: str = ""):
    """The resident agrees or disagrees with the current plan version online, in their own words:
    the household's agreement, "digitaal", with today's date and the time it was recorded."""
    from eenplan.plans.selectors import current_version

    if agrees is None:
        raise ValidationError({"agrees": _("Choose: I agree, or I do not agree.")})
    version = current_version(case)
    if version is None:
        raise ValidationError(_("There is no plan yet."))
    words = (words or "").strip()
    if not agrees and not words:
        raise ValidationError({"words": _("Write in your own words what you do not agree with.")})
    return plan_services.plan_agreement_record(
        version=version, by=portal_user(), agrees=agrees, on=timezone.localdate(), how=AgreementHow.DIGITAL,
        person=resident.person, words=words,
        audit={"user": resident, "acting_role": RESIDENT_BASIS, "person_id": resident.person_id},
    )
