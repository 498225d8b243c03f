from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "eenplan.partners"
    label = "partners"
    verbose_name = _("Partner API")

    def ready(self):
        from . import schema  # noqa: F401  (registers the OpenAPI security scheme)
