from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "eenplan.access"
    label = "access"
    verbose_name = _("Access and the access log")

    def ready(self):
        from . import dbguard, signals  # noqa: F401  (the SQLite maintenance function; login events)
