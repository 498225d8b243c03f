"""A real SMTP server for tests: aiosmtpd on a loopback port, keeping what it receives."""

import email
from email.policy import default as default_policy

from aiosmtpd.controller import Controller

from .servers import free_port


class _Keep:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": message,
                              "subject": str(message["Subject"]), "body": message.get_content()})
        return "250 OK"


class SmtpServer:
    def __init__(self):
        self.handler = _Keep()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    @property
    def messages(self):
        return self.handler.messages

    def stop(self):
        self.controller.stop()
