"""The import pages: who may use them (others get 403, logged), upload → dry run → "Importeren", and a
confirm step that imports exactly the file that was dry-run."""

import base64
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.people.models import Person
from eenplan.people.tests.test_import import ROWS, csv_bytes
from eenplan.testing.factories import TeamFactory, UserFactory, WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    wijk = WijkFactory(name="Oosterpark", code="oosterpark", postcode_areas="7413,7414")
    return UserFactory(roles=[RoleCode.TEAM_LEAD], team=TeamFactory(wijken=[wijk]))


@pytest.mark.parametrize("url,roles", [
    ("/huishoudens/import/", [RoleCode.PROFESSIONAL]), ("/huishoudens/import/", [RoleCode.FUNCTIONAL_ADMIN]),
    ("/huishoudens/import/", [RoleCode.PRIVACY_OFFICER]), ("/sociale-kaart/import/", [RoleCode.TEAM_LEAD]),
    ("/sociale-kaart/import/", [RoleCode.PROFESSIONAL]),
])
def test_other_roles_are_refused_and_logged(verified_client, url, roles):
    user = UserFactory(roles=roles)
    client = verified_client(user)
    assert client.get(url).status_code == 403
    upload = SimpleUploadedFile("p.csv", csv_bytes(ROWS[:1]), content_type="text/csv")
    assert client.post(url, {"file": upload}).status_code == 403
    refusals = AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED, record_type="page")
    assert refusals.count() == 2
    assert not Person.objects.exists()


def test_the_functional_administrator_opens_the_provisions_import(verified_client):
    client = verified_client(UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN]))
    response = client.get("/sociale-kaart/import/")
    assert response.status_code == 200 and "Voorzieningen importeren voor de sociale kaart" in response.content.decode()


def test_upload_dry_run_then_import(verified_client, lead):
    client = verified_client(lead)
    page = client.get("/huishoudens/import/").content.decode()
    assert "Inwoners en huishoudens importeren" in page and "Alleen de goede regels importeren" in page
    upload = SimpleUploadedFile("personen.csv", csv_bytes(ROWS[:2]), content_type="text/csv")
    response = client.post("/huishoudens/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200 and "Proefimport: er is niets opgeslagen." in html
    assert "nieuw huishouden Huishouden Yildiz (regel 2)" in html and not Person.objects.exists()
    content = re.search(r'name="content" value="([^"]+)"', html).group(1)
    signature = re.search(r'name="signature" value="([^"]+)"', html).group(1)
    # a changed file is refused
    other = base64.b64encode(csv_bytes(ROWS[:1])).decode()
    refused = client.post("/huishoudens/import/", {"confirm": "1", "content": other, "signature": signature})
    assert refused.status_code == 400 and not Person.objects.exists()
    done = client.post("/huishoudens/import/", {"confirm": "1", "content": content, "signature": signature})
    assert done.status_code == 200 and "Geïmporteerd." in done.content.decode()
    assert set(Person.objects.values_list("given_names", flat=True)) == {"Fatma", "Emre"}
    assert AccessLogEntry.objects.filter(user=lead, reason="import van personen.csv", action="create",
                                         record_type="people.Person").count() == 2


def test_a_file_with_refused_rows_offers_no_import_unless_valid_only(verified_client, lead):
    client = verified_client(lead)
    html = client.post("/huishoudens/import/", {"file": SimpleUploadedFile("p.csv", csv_bytes(ROWS[:3]))}).content.decode()
    assert 'name="signature"' not in html and "dus dit bestand zou niets importeren" in html
    html = client.post("/huishoudens/import/", {"file": SimpleUploadedFile("p.csv", csv_bytes(ROWS[:3])),
                                                 "valid_only": "on"}).content.decode()
    assert 'name="signature"' in html and "De geweigerde regels blijven weg" in html


def test_an_unreadable_file_is_refused_on_the_field(verified_client, lead):
    response = verified_client(lead).post("/huishoudens/import/", {"file": SimpleUploadedFile("p.csv", b"naam;adres\nx;y\n")})
    assert response.status_code == 400 and "Kolommen ontbreken in de eerste regel" in response.content.decode()
