"""The resident's session: separate from a staff login.

A resident who logs in with DigiD is not a Django user. The session holds the person they were matched
to by BSN (`SESSION_KEY`); `request.user` stays anonymous, so no staff page lets them in, and
`ResidentSessionMiddleware` refuses (and logs) every page that is not public or a resident page.
Logging in as staff ends a resident session in the same browser, and logging in as a resident logs
staff out.
"""

from dataclasses import dataclass

from django.contrib import auth

SESSION_KEY = "_eenplan_resident"


@dataclass(frozen=True)
class Resident:
    """Who the access log names for a resident's request (no staff user: `pk` is None)."""

    person: object

    pk = None
    is_authenticated = False

    @property
    def person_id(self) -> int:
        return self.person.pk

    @property
    def username(self) -> str:
        return f"inwoner:{self.person.pk}"

    def __str__(self):
        return self.person.full_name


def current_resident(request) -> Resident | None:
    if request is None:
        return None
    if hasattr(request, "_eenplan_resident"):
        return request._eenplan_resident
    resident = None
    session = getattr(request, "session", None)
    data = session.get(SESSION_KEY) if session is not None else None
    if data:
        from eenplan.people.models import Person

        person = Person.objects.filter(pk=data.get("person")).first()
        resident = Resident(person) if person is not None else None
    request._eenplan_resident = resident
    return resident


def start_resident_session(request, person, via: str = "digid") -> Resident:
    """Log the resident in: no staff login stays in this session; a new session key (no fixation)."""
    if request.user.is_authenticated:
        auth.logout(request)
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"person": person.pk, "via": via}
    request._eenplan_resident = Resident(person)
    return request._eenplan_resident


def end_resident_session(request):
    request.session.flush()
    request._eenplan_resident = None


def end_resident_session_on_staff_login(sender, request=None, user=None, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)
        request._eenplan_resident = None
