from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """The privacy officer's pages and the resident's AVG rights: access review, export, retention, erasure."""

    name = "eenplan.privacy"
    label = "privacy"
