import pytest

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_refused_management_page_is_a_logged_403(verified_client):
    """Found by the route walker: /beheer/ refused other roles with a 403 that was not in the access log."""
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    response = verified_client(pro).get("/beheer/organisation/team/")
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(user=pro, outcome="refused", record_type="page").exists()


def test_refusals_inside_the_management_pages_are_logged_too(verified_client):
    """The access log is append-only: adding to it is refused, and that refusal is logged like any other."""
    admin = UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN])
    client = verified_client(admin)
    assert client.get("/beheer/access/accesslogentry/add/").status_code == 403
    assert AccessLogEntry.objects.filter(user=admin, outcome="refused", record_type="page").exists()
    assert client.get("/beheer/login/")["Location"] == "/beheer/"
