import pytest

from eenplan.accounts.models import RoleCode
from eenplan.core.services import notify
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notifications_are_personal_and_marked_read(verified_client):
    ilse, anna = UserFactory(roles=[RoleCode.SAFETY_SPECIALIST]), UserFactory(roles=[RoleCode.PROFESSIONAL])
    notify(users=[ilse, ilse, None], kind="safety", message="Veiligheid onbekend bij triage", url="/caseload/")
    assert ilse.notifications.count() == 1  # de-duplicated
    body = verified_client(ilse).get("/meldingen/").content.decode()
    assert "Veiligheid onbekend bij triage" in body
    assert "Veiligheid onbekend" not in verified_client(anna).get("/meldingen/").content.decode()
    note = ilse.notifications.get()
    assert verified_client(anna).post(f"/meldingen/{note.pk}/gelezen/").status_code == 404
    response = verified_client(ilse).post(f"/meldingen/{note.pk}/gelezen/")
    assert response.status_code == 302 and response["Location"] == "/caseload/"
    note.refresh_from_db()
    assert note.read_at is not None
