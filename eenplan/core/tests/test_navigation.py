"""Header names that cannot be confused (issue 11): the intake board and the notifications had
"Aanmeldingen" and "Meldingen" side by side."""

import pytest

from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_intake_board_and_notifications_have_names_that_differ(verified_client):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory())
    html = verified_client(pro).get("/caseload/").content.decode()
    header = html.split("<main")[0]
    assert '>Signalen</a>' in header
    assert '>Berichten' in header
    assert "Aanmeldingen" not in header and "Meldingen" not in header
