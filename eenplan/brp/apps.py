from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrpConfig(AppConfig):
    name = "eenplan.brp"
    label = "brp"
    verbose_name = _("BRP lookup")

    def ready(self):
        from . import checks  # noqa: F401
