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
from django.utils.translation import gettext_lazy

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


# --- invitations: household members without DigiD or without a BSN on file ---------------------------

INVITATION_DAYS = 7
INVITATION_MAX_ATTEMPTS = 5
INVITATION_BASIS = RESIDENT_BASIS + ":uitnodiging"


def _token_hash(token: str) -> str:
    import hashlib

    return hashlib.sha256((token or "").encode()).hexdigest()


def invitation_send(*, case, person, email: str, by, request=None):
    """The regisseur invites one household member to Mijn plan: a link and a code by e-mail, valid for
    INVITATION_DAYS days, for one use. The key and the code are stored hashed only; older open invitations
    of the same person for this case are withdrawn. Sent inside the transaction: a failed send saves nothing."""
    import secrets
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.mail import send_mail
    from django.urls import reverse

    from eenplan.access.audit import log_access
    from eenplan.access.policy import invitation_member_decision

    from .models import Invitation

    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": _("Fill in the e-mail address of the person you invite.")})
    if not invitation_member_decision(case, person):
        raise ValidationError({"person": _("Choose a member of this household.")})
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10 ** 6):06d}"
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(case=case, person=person, used_at__isnull=True, withdrawn_at__isnull=True).update(withdrawn_at=now)
        invitation = Invitation.objects.create(
            case=case, person=person, email=email, token_hash=_token_hash(token), code_hash=make_password(code),
            created_at=now, created_by=by, expires_at=now + timedelta(days=INVITATION_DAYS),
        )
        path = f"{reverse('portal:invitation')}?sleutel={token}"
        link = request.build_absolute_uri(path) if request is not None else settings.EENPLAN_BASE_URL.rstrip("/") + path
        body = "\n\n".join([
            _("Hello %(name)s,") % {"name": person.first_name or person.full_name},
            _("%(team)s invites you to Mijn plan. There you can see your plan with the wijkteam.") % {"team": case.team.name},
            _("1. Open this link: %(link)s") % {"link": link},
            _("2. Type this code: %(code)s") % {"code": code},
            _("The link and the code work once, until %(date)s. Did you not expect this e-mail? Then you do not have to do anything.")
            % {"date": timezone.localtime(invitation.expires_at).strftime("%d-%m-%Y")},
        ]) + "\n"
        try:
            send_mail(_("Your invitation to Mijn plan"), body, settings.DEFAULT_FROM_EMAIL, [email])
        except Exception as error:  # the mail server refused: nothing is saved, the regisseur sees why
            raise ValidationError(_("The e-mail could not be sent. Try again later.")) from error
        log_access(user=by, action=Action.CREATE, record=invitation, person_id=person.pk, household_id=case.household_id,
                   case_id=case.pk, detail="Mijn plan: invitation sent by e-mail", request=request)
    return invitation


class InvitationRefused(ValidationError):
    pass


def invitation_redeem(request, *, token: str, code: str):
    """The invited person types the code from the e-mail: the person, or InvitationRefused with a clear
    message. Every failure is logged; after INVITATION_MAX_ATTEMPTS wrong codes the invitation stops working."""
    from django.contrib.auth.hashers import check_password
    from django.db.models import F

    from eenplan.access.audit import log_access
    from eenplan.access.policy import invitation_member_decision

    from .models import Invitation

    invitation = Invitation.objects.select_related("case", "person").filter(token_hash=_token_hash(token)).first() if token else None

    def refuse(message, why, **extra):
        fields = {"record": invitation, "person_id": invitation.person_id, "case_id": invitation.case_id,
                  "household_id": invitation.case.household_id} if invitation else {"record_type": "portal.Invitation"}
        log_access(user=None, action=Action.LOGIN, outcome=Outcome.REFUSED, acting_role=f"{INVITATION_BASIS}:{why}"[:40],
                   detail=f"Mijn plan: invitation not accepted ({why})", request=request, **fields, **extra)
        raise InvitationRefused(message)

    ask_new = _("Ask your regisseur for a new invitation.")
    if invitation is None or invitation.withdrawn_at is not None:
        refuse(_("This link does not work (any more). %(ask)s") % {"ask": ask_new}, "onbekend" if invitation is None else "ingetrokken")
    if invitation.used_at is not None:
        refuse(_("This invitation has already been used. %(ask)s") % {"ask": ask_new}, "gebruikt")
    if invitation.expires_at <= timezone.now():
        refuse(_("This invitation is no longer valid: the time is up. %(ask)s") % {"ask": ask_new}, "verlopen")
    if invitation.failed_attempts >= INVITATION_MAX_ATTEMPTS:
        refuse(_("The code was wrong too often. This invitation no longer works. %(ask)s") % {"ask": ask_new}, "geblokkeerd")
    code = "".join((code or "").split())
    if not check_password(code, invitation.code_hash):
        Invitation.objects.filter(pk=invitation.pk).update(failed_attempts=F("failed_attempts") + 1)
        left = INVITATION_MAX_ATTEMPTS - invitation.failed_attempts - 1
        if left <= 0:
            refuse(_("The code was wrong too often. This invitation no longer works. %(ask)s") % {"ask": ask_new}, "fout-geblokkeerd")
        refuse(_("The code is not right. Look at the e-mail and try again. You can try %(left)s more times.") % {"left": left}, "foute-code")
    if not invitation_member_decision(invitation.case, invitation.person):
        refuse(_("This invitation no longer works. %(ask)s") % {"ask": ask_new}, "geen-lid")
    used = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(used_at=timezone.now())
    if not used:  # used at the same moment in another window
        refuse(_("This invitation has already been used. %(ask)s") % {"ask": ask_new}, "gebruikt")
    from .session import start_resident_session

    start_resident_session(request, invitation.person, via="uitnodiging")
    resident_log(request, action=Action.LOGIN, record=invitation, case_id=invitation.case_id, household_id=invitation.case.household_id,
                 basis=INVITATION_BASIS, detail="Mijn plan: logged in with an invitation code")
    return invitation.person


# --- pausing Mijn plan for a case --------------------------------------------------------------------

PAUSE_REASON_MIN = 10


@transaction.atomic
def portal_pause(*, case, reason: str, by):
    """Pause Mijn plan for the case's household, with a recorded reason (e.g. a meldcode about a parent)."""
    from eenplan.access.audit import log_access
    from eenplan.access.policy import portal_pause_of

    from .models import AccessPause

    reason = (reason or "").strip()
    if len(reason) < PAUSE_REASON_MIN:
        raise ValidationError({"reason": _("Write down why (at least %(n)s characters).") % {"n": PAUSE_REASON_MIN}})
    if portal_pause_of(case) is not None:
        raise ValidationError(_("Mijn plan is already paused for this case."))
    pause = AccessPause.objects.create(case=case, reason=reason, started_by=by)
    log_access(user=by, action=Action.CREATE, record=pause, case_id=case.pk, household_id=case.household_id,
               detail="Mijn plan paused for the household (reason on the pause, not shown to residents)")
    return pause


@transaction.atomic
def portal_resume(*, case, by):
    from eenplan.access.audit import log_access
    from eenplan.access.policy import portal_pause_of

    pause = portal_pause_of(case)
    if pause is None:
        raise ValidationError(_("Mijn plan is not paused for this case."))
    pause.ended_at, pause.ended_by = timezone.now(), by
    pause.save(update_fields=["ended_at", "ended_by"])
    log_access(user=by, action=Action.UPDATE, record=pause, case_id=case.pk, household_id=case.household_id,
               detail="Mijn plan resumed for the household")
    return pause


# --- Mijn ZRM / Wat Telt: the resident's own view ------------------------------------------------------


@transaction.atomic
def resident_self_assessment(*, resident, case, instrument, scores: dict, what_matters: str = ""):
    """The resident scores their own life domains and says what matters before the next conversation.
    A new SelfAssessment each time (append-only), beside the professional's ZRM: it never changes a
    ZrmMeasurement or the professional's Wat Telt. `scores`: {Domain: (score 1–5 or None, important)}."""
    from eenplan.access.audit import log_access

    from .models import SelfAssessment, SelfScore

    what_matters = (what_matters or "").strip()
    if not scores and not what_matters:
        raise ValidationError(_("Fill in at least one thing: how something goes, what matters to you, or what you want to talk about."))
    for domain, (score, _important) in scores.items():
        if domain.instrument_id != instrument.pk or (score is not None and not 1 <= score <= 5):
            raise ValidationError(_("Choose one of the answers."))
    assessment = SelfAssessment.objects.create(case=case, person=resident.person, instrument=instrument, what_matters=what_matters)
    SelfScore.objects.bulk_create([SelfScore(assessment=assessment, domain=d, score=s, important=i) for d, (s, i) in scores.items()])
    log_access(user=resident, action=Action.CREATE, record=assessment, person_id=resident.person_id, case_id=case.pk,
               household_id=case.household_id, acting_role=RESIDENT_BASIS, detail="Mijn plan: own ZRM / Wat Telt")
    return assessment


# --- a child's own Mijn ZRM and the parents (the age rules, docs/access.md) ------------------------------

_CHILD_REFUSALS = {
    "kind:geen-kind-van-huishouden": ("child", gettext_lazy("Choose a child of this household.")),
    "kind:beslist-zelf": ("child", gettext_lazy("This young person is 16 or older (or the birth date is unknown): they decide themselves, in Mijn plan.")),
    "kind:samen-zonder-instemming": ("child_agreed", gettext_lazy("From 12 years you decide this together with the child: tick that the child agrees.")),
}


def _open_child_sharing(case, child):
    from .models import ChildSharing

    return ChildSharing.objects.select_for_update().filter(case=case, child=child, ended_at__isnull=True).first()


def child_sharing_start(*, case, child, by, child_agreed: bool = False, note: str = ""):
    """The professional lets the parents see the child's own Mijn ZRM (under 16; from 12 with the child).
    A refusal by the age rules is logged (outside the transaction, so it stays) and raised on the field."""
    from eenplan.access import policy
    from eenplan.access.audit import log_access

    from .models import ChildSharing

    decision = policy.child_share_decision(by, case, child, child_agreed=child_agreed)
    if not decision:
        log_access(user=by, action=Action.CREATE, outcome=Outcome.REFUSED, record_type="portal.ChildSharing",
                   person_id=child.pk, case_id=case.pk, household_id=case.household_id, acting_role=decision.basis,
                   detail="Mijn plan: child's own ZRM to the parents refused by the age rules")
        field, message = _CHILD_REFUSALS.get(decision.basis, (None, gettext_lazy("You are not involved in this case.")))
        raise ValidationError({field: str(message)} if field else str(message))
    with transaction.atomic():
        if _open_child_sharing(case, child) is not None:
            raise ValidationError({"child": _("The parents already see what this child fills in.")})
        sharing = ChildSharing.objects.create(case=case, child=child, started_by=by, child_agreed=child_agreed,
                                              note=(note or "").strip())
        log_access(user=by, action=Action.CREATE, record=sharing, person_id=child.pk, case_id=case.pk,
                   household_id=case.household_id, acting_role=decision.basis,
                   detail=f"Mijn plan: child's own ZRM shown to the parents (rule {policy.child_rule(child)})")
    return sharing


@transaction.atomic
def child_sharing_stop(*, case, child, by=None, resident=None):
    """Stop showing the child's own Mijn ZRM to the parents: by the professional (`by`) or by the child
    themselves in Mijn plan (`resident`, from 12 years)."""
    from eenplan.access import policy
    from eenplan.access.audit import log_access

    sharing = _open_child_sharing(case, child)
    if sharing is None:
        raise ValidationError(_("The parents do not see what this child fills in."))
    sharing.ended_at = timezone.now()
    if resident is not None:
        sharing.ended_by_child = True
    else:
        sharing.ended_by = by
    sharing.save(update_fields=["ended_at", "ended_by", "ended_by_child"])
    log_access(user=resident or by, action=Action.UPDATE, record=sharing, person_id=child.pk, case_id=case.pk,
               household_id=case.household_id, acting_role=RESIDENT_BASIS if resident is not None else policy.portal_manage_decision(by, case).basis,
               detail="Mijn plan: child's own ZRM no longer shown to the parents")
    return sharing


@transaction.atomic
def youth_sharing_start(*, resident, case):
    """A young person of 16 or older lets their parents see their own Mijn ZRM."""
    from eenplan.access.audit import log_access
    from eenplan.access.policy import youth_share_decision

    from .models import ChildSharing

    person = resident.person
    if not youth_share_decision(person, case, start=True):
        raise ValidationError(_("You cannot change this yourself. Ask your regisseur."))
    if _open_child_sharing(case, person) is not None:
        raise ValidationError(_("Your parents can already see this."))
    sharing = ChildSharing.objects.create(case=case, child=person, by_child=True, child_agreed=True)
    log_access(user=resident, action=Action.CREATE, record=sharing, person_id=person.pk, case_id=case.pk,
               household_id=case.household_id, acting_role=RESIDENT_BASIS,
               detail="Mijn plan: own ZRM shown to the parents, by the young person")
    return sharing


def youth_sharing_stop(*, resident, case):
    from eenplan.access.policy import youth_share_decision

    if not youth_share_decision(resident.person, case, start=False):
        raise ValidationError(_("You cannot change this yourself. Ask your regisseur."))
    return child_sharing_stop(case=case, child=resident.person, resident=resident)
