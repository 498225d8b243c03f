from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    default = True
    name = "eenplan.core"
    label = "core"


class EenplanAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "eenplan.core.admin_site.EenplanAdminSite"
