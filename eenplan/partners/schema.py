"""The partner API's security scheme in the OpenAPI description: OAuth2 client credentials, scope per operation."""

from drf_spectacular.contrib.django_oauth_toolkit import DjangoOAuthToolkitScheme


class PartnerAuthenticationScheme(DjangoOAuthToolkitScheme):
    target_class = "eenplan.partners.api.PartnerAuthentication"
    name = "partnerOAuth2"

    def get_security_requirement(self, auto_schema):
        scope = getattr(auto_schema.view, "scopes", {}).get(auto_schema.method)
        return {self.name: [scope] if scope else []}
