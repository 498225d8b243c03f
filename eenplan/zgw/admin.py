"""The registrations in the zaaksysteem, for the functional administrator to look at (made from the case page);
zgw-consumers' own Service pages are taken off: the zaaksysteem is configured in settings (ADR 0117)."""

from django.contrib import admin

from eenplan.core.admin_site import ReadOnlyConfigAdmin

from .models import ZaakRegistration


def _hide_service_pages():
    import zgw_consumers.admin  # noqa: F401  (registers them first, so they can be taken off)
    from zgw_consumers.models import NLXConfig, Service

    for model in (Service, NLXConfig):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_hide_service_pages()


@admin.register(ZaakRegistration)
class ZaakRegistrationAdmin(ReadOnlyConfigAdmin):
    list_display = ["identificatie", "request", "registered_at", "registered_by", "checked_at", "last_error"]
    search_fields = ["identificatie", "zaak_url"]
    readonly_fields = ["request", "zaak_url", "identificatie", "document_url", "zaakinformatieobject_url", "status_url", "registered_at",
                       "registered_by", "checked_at", "last_error"]
