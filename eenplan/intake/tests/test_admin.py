"""Source and signal types are data the functional administrator manages; nobody else."""

import pytest

from eenplan.accounts.models import RoleCode
from eenplan.intake.models import SignalType
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/beheer/intake/sourcetype/", "/beheer/intake/signaltype/", "/beheer/intake/signaltype/add/"])
def test_functional_admin_manages_types(verified_client, url):
    assert verified_client(UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN])).get(url).status_code == 200


def test_professional_cannot(verified_client):
    response = verified_client(UserFactory(roles=[RoleCode.PROFESSIONAL])).get("/beheer/intake/signaltype/", follow=True)
    assert response.status_code == 403


def test_unknown_outreach_step_is_refused(verified_client):
    client = verified_client(UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN]))
    response = client.post("/beheer/intake/signaltype/add/", {
        "code": "test", "name": "Test", "outreach_steps": "brief,duivenpost", "default_urgency": "normaal", "active": "on",
    })
    assert response.status_code == 200 and not SignalType.objects.filter(code="test").exists()
    assert "duivenpost" in response.content.decode()
