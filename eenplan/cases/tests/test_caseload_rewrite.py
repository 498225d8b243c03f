"""Issue 13: the caseload and the cases a user may open are selected with `pk IN (involvements UNION regisseur
[UNION grants])` instead of an OR across relations; the same cases as before."""

from datetime import timedelta

import pytest
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from eenplan.access import policy
from eenplan.access.models import AccessGrant
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case, Involvement, Phase
from eenplan.cases.selectors import caseload_for
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL, RoleCode.TEAM_LEAD], team=team)
    other = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    regie_only = CaseFactory(team=team, regisseur=pro)
    Involvement.objects.filter(case=regie_only, user=pro).update(until=timezone.now())  # regisseur, no involvement
    CaseFactory(team=team, regisseur=other, involved=[pro])  # involved
    CaseFactory(team=team, regisseur=pro, phase=Phase.AFGESLOTEN)  # closed
    ended = CaseFactory(team=team, regisseur=other, involved=[pro])
    Involvement.objects.filter(case=ended, user=pro).update(until=timezone.now())  # involvement ended
    granted = CaseFactory(team=team, regisseur=other)
    AccessGrant.objects.create(case=granted, user=pro, reason="Vervanging tijdens verlof van de regisseur.", granted_at=timezone.now(),
                               expires_at=timezone.now() + timedelta(hours=8))
    expired = CaseFactory(team=team, regisseur=other)
    AccessGrant.objects.create(case=expired, user=pro, reason="Vervanging tijdens verlof van de regisseur.", granted_at=timezone.now(),
                               expires_at=timezone.now() - timedelta(hours=1))
    CaseFactory(team=team, regisseur=other)  # not his
    return pro


def test_caseload_is_the_same_as_with_the_or(world):
    involved = Involvement.objects.filter(user=world, until__isnull=True).values("case_id")
    earlier = Case.objects.exclude(phase=Phase.AFGESLOTEN).filter(Q(regisseur=world) | Q(pk__in=involved))
    assert set(caseload_for(world).values_list("pk", flat=True)) == set(earlier.values_list("pk", flat=True))
    assert caseload_for(world).count() == 2


def test_cases_visible_to_is_the_same_as_with_the_or_of_exists(world):
    involved = Involvement.objects.filter(case=OuterRef("pk"), user=world, until__isnull=True)
    granted = AccessGrant.objects.filter(case=OuterRef("pk"), user=world, expires_at__gt=timezone.now())
    earlier = Case.objects.filter(Q(regisseur=world) | Q(Exists(involved)) | Q(Exists(granted)))
    assert set(policy.cases_visible_to(world).values_list("pk", flat=True)) == set(earlier.values_list("pk", flat=True))
    assert policy.cases_visible_to(world).count() == 4
    assert "OR" not in str(policy.cases_visible_to(world).query).upper().replace("ORDER", "")
