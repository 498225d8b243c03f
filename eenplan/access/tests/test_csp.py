"""Every page carries a Content-Security-Policy; no page needs inline script."""

import pytest

from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_page_has_a_content_security_policy(client, verified_client):
    for response in (client.get("/inloggen/"), verified_client(UserFactory(roles=[RoleCode.PROFESSIONAL])).get("/caseload/")):
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        body = response.content.decode()
        assert "<script>" not in body and " onclick=" not in body


def test_inline_chart_style_carries_the_request_nonce():
    from django.test import RequestFactory

    from eenplan.access.audit import bind_request, unbind_request
    from eenplan.core.charts import inline_svg

    request = RequestFactory().get("/")
    request.csp_nonce = "abc123"
    token = bind_request(request)
    try:
        svg = inline_svg('<svg x="1"><style>.a{}</style></svg>', "grafiek")
    finally:
        unbind_request(token)
    assert '<style nonce="abc123">' in svg
