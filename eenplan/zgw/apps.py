from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZgwConfig(AppConfig):
    name = "eenplan.zgw"
    label = "zgw"
    verbose_name = _("Case registration system (ZGW)")
    default_auto_field = "django.db.models.BigAutoField"
