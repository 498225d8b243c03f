"""The BRP lookup on a person/household form (people: register a household, add or correct a member).

The lookup's fields and buttons sit inside the page's own form, so a lookup posts everything typed; the page
is shown again with those values (nothing typed is lost) and the BRP's proposal beside them. Buttons
(`brp_action`): `lookup` (ask the BRP), `pick` (one of several found), `apply` (take over the ticked fields
into the form — not saved yet: the professional still saves the form) and `discard`. The answer is kept in
the session for the page, so taking fields over does not ask the BRP again. Hidden when no BRP is configured.
"""

from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.people.models import MemberRole

from . import services
from .client import is_configured
from .forms import BrpLookupForm

SESSION_KEY = "brp_proposal"
ACTIONS = ("lookup", "pick", "apply", "discard")
CRITERIA = ("bsn", "surname", "birth_date", "postcode", "house_number")


def initial_from_post(form_class, data, prefix=None, **kwargs) -> dict:
    """The values a (not yet validated) form was sent with, as `initial` for showing it again."""
    form = form_class(prefix=prefix, **kwargs)
    return {name: data.get(form.add_prefix(name)) for name in form.fields if form.add_prefix(name) in data}


class BrpPanel:
    def __init__(self, request, *, person_prefix=None, household_prefix=None, with_residents=False,
                 purpose=services.Purpose.REGISTRATION):
        self.request = request
        self.enabled = is_configured()
        self.person_prefix, self.household_prefix = person_prefix, household_prefix
        self.with_address = household_prefix is not None
        self.with_residents = with_residents
        self.lookup_form = BrpLookupForm(initial={"purpose": purpose})
        self.candidates, self.rows, self.residents, self.matches = [], [], [], []
        self.person = None
        self.error = ""
        self.taken: list[str] = []
        self.pending_members: list[dict] = []
        stored = request.session.get(SESSION_KEY) if self.enabled else None
        self.stored = stored if stored and stored.get("path") == request.path else None
        if self.stored and request.method == "POST" and self.action is None:
            self.pending_members = self._chosen_members()

    member_roles = MemberRole.choices

    @property
    def action(self) -> str | None:
        if not self.enabled or self.request.method != "POST":
            return None
        value = self.request.POST.get("brp_action") or ("pick" if self.request.POST.get("brp_pick") else None)
        if value == "lookup" and not any((self.request.POST.get(f"brp-{name}") or "").strip() for name in CRITERIA):
            # Enter in one of the page's own fields sends the form's first button, the lookup's: with nothing
            # to look up, it is the page's own submit.
            return None
        return value if value in ACTIONS else None

    # --- what the page shows again --------------------------------------------------------------

    def run(self, *, person_initial: dict, household_initial: dict | None = None) -> tuple[dict, dict | None, int]:
        """Do the action; return the forms' initial values (typed, plus what was taken over) and the status."""
        status = 200
        action = self.action
        if action in ("lookup", "pick"):
            status = self._lookup(person_initial, household_initial, pick=self.request.POST.get("brp_pick", "") if action == "pick" else "")
        elif action == "apply":
            self._apply(person_initial, household_initial)
        elif action == "discard":
            self._discard()
        if self.stored and action != "discard":
            self.pending_members = [m for m in self.stored.get("members", [])]
        return person_initial, household_initial, status

    def _purpose(self):
        return (self.stored or {}).get("purpose") or self.request.POST.get("brp-purpose") or ""

    def _lookup(self, person_initial, household_initial, pick=""):
        if pick:
            if not self._purpose():
                self.error = _("Choose why you consult the BRP.")
                return 400
            self.lookup_form = BrpLookupForm(initial={"purpose": self._purpose()})
            criteria = {"purpose": self._purpose(), "bsn": pick}
        else:
            self.lookup_form = BrpLookupForm(self.request.POST)
            if not self.lookup_form.is_valid():
                return 400
            d = self.lookup_form.cleaned_data
            criteria = {"purpose": d["purpose"], "bsn": d["bsn"], "surname": d["surname"].strip(), "birth_date": d["birth_date"],
                        "postcode": d["postcode"], "house_number": d["house_number"]}
        result = services.lookup(user=self.request.user, with_residents=self.with_residents, request=self.request, **criteria)
        self.request.session.pop(SESSION_KEY, None)
        self.stored = None
        if result.error is not None and not result.people:
            self.error = str(result.error.message)
            return 200
        if not result.people:
            self.error = _("The BRP knows no one with these details. Check them, or fill in the details by hand.")
            return 200
        if len(result.people) > 1:
            self.candidates = result.people
            self.request.session[SESSION_KEY] = {"path": self.request.path, "purpose": criteria["purpose"]}
            self.stored = self.request.session[SESSION_KEY]
            return 200
        if result.error is not None:
            self.error = _("Who else is registered at this address could not be asked: %(error)s") % {"error": result.error.message}
        self.person = result.people[0]
        self.residents = result.residents
        self.request.session[SESSION_KEY] = self.stored = {
            "path": self.request.path, "purpose": criteria["purpose"], "person": services.to_session(self.person),
            "residents": [services.to_session(r) for r in self.residents], "members": [],
        }
        self._proposal(person_initial, household_initial)
        return 200

    def _proposal(self, person_initial, household_initial):
        from eenplan.people.matching import find_matches, show_matches

        current = dict(person_initial) | dict(household_initial or {})
        self.rows = services.proposed_fields(self.person, current, with_address=self.with_address)
        a = self.person.address
        self.matches = show_matches(self.request, find_matches(
            bsn=self.person.bsn, given_names=self.person.given_names, surname_prefix=self.person.surname_prefix,
            surname=self.person.surname, birth_date=self.person.birth_date, postcode=a.postcode if a else "",
            house_number=a.house_number if a else None, house_number_addition=a.house_number_addition if a else "",
        ), context="BRP proposal")
        from eenplan.people.models import Person

        registered = set(Person.objects.filter(bsn__in=[r.bsn for r in self.residents]).values_list("bsn", flat=True))
        for r in self.residents:
            r.registered = r.bsn in registered
            r.role = _default_role(r)

    def _apply(self, person_initial, household_initial):
        if not self.stored or not self.stored.get("person"):
            self.error = _("There is no BRP proposal to take over (any more). Look up again.")
            return
        person = services.from_session(self.stored["person"])
        take = set(self.request.POST.getlist("brp_take"))
        rows = services.proposed_fields(person, dict(person_initial) | dict(household_initial or {}), with_address=self.with_address)
        for row in rows:
            if row.name in take:
                target = household_initial if household_initial is not None and row.name in services.ADDRESS_MAP else person_initial
                target[row.name] = row.proposed
                self.taken.append(row.label)
        chosen = set(self.request.POST.getlist("brp_member"))
        members = []
        for r in self.stored.get("residents", []):
            if r["bsn"] in chosen:
                role = self.request.POST.get(f"brp_role_{r['bsn']}")
                members.append(r | {"role": role if role in MemberRole.values else MemberRole.OTHER})
        self.stored["members"] = members
        self.request.session[SESSION_KEY] = self.stored
        not_taken = [r.label for r in rows if r.name not in take]
        log_access(user=self.request.user, action=Action.READ, record_type=services.RECORD_TYPE, record_id=person.bsn,
                   reason=self.stored["purpose"], request=self.request,
                   detail=("BRP proposal: taken over " + (", ".join(row.name for row in rows if row.name in take) or "nothing")
                           + (f"; not taken over {len(not_taken)} field(s)" if not_taken else "")
                           + (f"; {len(members)} resident(s) to register" if members else ""))[:300])

    def _discard(self):
        if self.stored and self.stored.get("person"):
            log_access(user=self.request.user, action=Action.READ, record_type=services.RECORD_TYPE,
                       record_id=self.stored["person"]["bsn"], reason=self.stored["purpose"], request=self.request,
                       detail="BRP proposal: nothing taken over")
        self.request.session.pop(SESSION_KEY, None)
        self.stored = None
        self.pending_members = []

    # --- on saving the page's own form ---------------------------------------------------------------

    def _chosen_members(self) -> list[dict]:
        """The residents (from the BRP proposal) still ticked when the form is saved, with their roles."""
        ticked = set(self.request.POST.getlist("brp_member"))
        return [m for m in (self.stored or {}).get("members", []) if m["bsn"] in ticked]

    def members_to_register(self) -> list[tuple[dict, str]]:
        """(person fields, role) for each resident to register with the household being saved."""
        out = []
        for m in self.pending_members:
            data = services.from_session(m)
            out.append(({"given_names": data.given_names, "surname_prefix": data.surname_prefix, "surname": data.surname,
                         "birth_date": data.birth_date, "bsn": data.bsn}, m["role"]))
        return out

    def saved(self):
        """The page's form was saved: the proposal is used up."""
        self.request.session.pop(SESSION_KEY, None)


def _default_role(person) -> str:
    from django.utils import timezone

    if person.birth_date is None:
        return MemberRole.OTHER
    from eenplan.people.ages import age_on

    return MemberRole.CHILD if age_on(person, timezone.localdate()) < 18 else MemberRole.OTHER
