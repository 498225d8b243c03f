"""django-oauth-toolkit's request validator, with one rule of eenplan's: a deactivated partner system gets no token."""

from oauth2_provider.oauth2_validators import OAuth2Validator


class PartnerValidator(OAuth2Validator):
    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        partner = getattr(client, "partner_client", None) if client is not None else None
        try:
            if partner is None or not partner.active:
                return False
        except Exception:  # an application without a partner system
            return False
        return super().validate_grant_type(client_id, grant_type, client, request, *args, **kwargs)
