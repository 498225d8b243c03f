"""A database that cannot be reached is a 503 "try again" page (with Retry-After), on the pages and on the API;
any other failure is still the 500 page."""

from unittest.mock import patch

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from eenplan.accounts.models import RoleCode
from eenplan.testing.auth import login_verified
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in():
    client = Client(raise_request_exception=False)
    return login_verified(client, UserFactory(roles=[RoleCode.PROFESSIONAL]))


def unreachable():
    # Every new cursor first ensures its connection: here the server refuses it, as a stopped or full one does.
    return patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("connection refused"))


def test_a_page_while_the_database_is_away_says_try_again(logged_in):
    with unreachable():
        response = logged_in.get("/casussen/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    text = response.content.decode()
    assert "eenplan is even niet bereikbaar" in text
    assert "nooit dubbel opgeslagen" in text


def test_the_api_while_the_database_is_away_answers_problem_json():
    with unreachable():
        response = Client(raise_request_exception=False).get("/api/v1/partners/agreements",
                                                             headers={"Authorization": "Bearer some-token"})
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Dienst tijdelijk niet beschikbaar"


def test_any_other_failure_is_still_the_500_page(logged_in):
    with patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=ValueError("a bug")):
        response = logged_in.get("/casussen/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert "Retry-After" not in response
