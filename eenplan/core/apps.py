from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "eenplan.core"
    label = "core"
    verbose_name = _("Basics")


class EenplanAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "eenplan.core.admin_site.EenplanAdminSite"
