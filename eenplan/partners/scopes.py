"""django-oauth-toolkit's scopes backend: an application may ask for the scopes its partner system holds."""

from oauth2_provider.scopes import SettingsScopes


class PartnerScopes(SettingsScopes):
    def _of(self, application) -> list[str]:
        client = getattr(application, "partner_client", None) if application is not None else None
        try:
            return client.scope_list() if client is not None and client.active else []
        except Exception:  # no partner system for this application
            return []

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        return self._of(application)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        # Asking for no scope in particular gives all of the system's scopes.
        return self._of(application)
