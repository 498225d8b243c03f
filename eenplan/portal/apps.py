from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "eenplan.portal"
    label = "portal"
    verbose_name = _("Mijn plan (resident portal)")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .session import end_resident_session_on_staff_login

        user_logged_in.connect(end_resident_session_on_staff_login, dispatch_uid="portal-staff-login")
