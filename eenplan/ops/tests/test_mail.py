"""Notification e-mail through a real SMTP server (aiosmtpd, started here on a loopback port)."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from eenplan.accounts.models import RoleCode
from eenplan.followup.tests.factories import make_world
from eenplan.followup.tests.test_reminders import ON, _item
from eenplan.intake.models import Channel, SourceType
from eenplan.intake.services import signal_register
from eenplan.testing.factories import UserFactory
from eenplan.testing.smtp import SmtpServer

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]  # mails go out on commit


@pytest.fixture
def smtp():
    server = SmtpServer()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                           EMAIL_PORT=server.port, EMAIL_USE_TLS=False, DEFAULT_FROM_EMAIL="eenplan@eendijk.example",
                           EENPLAN_BASE_URL="https://eenplan.eendijk.example"):
        yield server
    server.stop()


def test_the_reminder_job_mails_a_professional_who_chose_e_mail_a_link_only(smtp):
    world = make_world()
    pro = world.pro
    pro.email, pro.email_notifications = "anna@eendijk.example", True
    pro.save()
    _item(world.case, ON, label="Huisbezoek bij de familie")
    call_command("run_job", "reminders", "--date", ON.isoformat())

    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["to"] == ["anna@eendijk.example"] and mail["from"] == "eenplan@eendijk.example"
    assert mail["subject"] == "eenplan: er staan punten voor u klaar"
    assert "https://eenplan.eendijk.example/caseload/" in mail["body"]
    for personal in ["Veldkamp", "Huisbezoek", "Anna", "de Boer"]:
        assert personal not in mail["body"] and personal not in mail["subject"]


def test_no_mail_without_the_choice(smtp):
    world = make_world()
    world.pro.email = "anna@eendijk.example"
    world.pro.save()
    _item(world.case, ON)
    call_command("run_job", "reminders", "--date", ON.isoformat())
    assert smtp.messages == []


def test_a_new_signal_assigned_to_a_professional_who_chose_e_mail(smtp):
    world = make_world()
    world.pro.email, world.pro.email_notifications = "anna@eendijk.example", True
    world.pro.save()
    from importlib import import_module

    from django.apps import apps

    import_module("eenplan.intake.migrations.0002_source_and_signal_types").add(apps, None)
    front_office = UserFactory(roles=[RoleCode.FRONT_OFFICE], team=world.team)
    signal_register(by=front_office, channel=Channel.PHONE, source=SourceType.objects.get(code="buren"),
                    description="Buurvrouw maakt zich zorgen.", subject_name="Henk Bos", team=world.team, assigned_to=world.pro)
    assert [m["subject"] for m in smtp.messages] == ["eenplan: een nieuw signaal voor u"]
    assert "Henk Bos" not in smtp.messages[0]["body"] and "/intake/" in smtp.messages[0]["body"]


def test_the_account_page_saves_the_choice_and_refuses_it_without_an_address(verified_client):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    client = verified_client(pro)
    page = client.post(reverse("accounts:account"), {"email": "", "email_notifications": "on"})
    assert page.status_code == 200
    assert "Vul het e-mailadres in waar de berichten naartoe gaan." in page.content.decode()
    pro.refresh_from_db()
    assert not pro.email_notifications
    assert client.post(reverse("accounts:account"), {"email": "pro@eendijk.example", "email_notifications": "on"}).status_code == 302
    pro.refresh_from_db()
    assert pro.email_notifications and pro.email == "pro@eendijk.example"
