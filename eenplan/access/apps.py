from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "eenplan.access"
    label = "access"
    verbose_name = _("Access and the access log")

    def ready(self):
        from . import dbguard  # noqa: F401  (registers the SQLite maintenance function)
