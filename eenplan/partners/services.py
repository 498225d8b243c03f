"""Every state change of the partner API's own records, and the partner's writes into eenplan.

The writes a partner makes (an agreement done, a request's status, a new signal) go through the
same service functions the staff pages use (socialmap, intake), recorded under the partner
system's service account; access is decided in `eenplan.access.policy` before they are called.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.intake import services as intake_services
from eenplan.intake.models import Channel

from .models import PartnerClient, Scope


@transaction.atomic
def partner_client_create(*, organisation, name: str, scopes, by, source_type=None, signal_types=()) -> tuple[PartnerClient, str]:
    """A new partner system: its OAuth2 application (confidential, client credentials), the inactive
    service account its writes are recorded under, and the client secret — returned once, stored hashed."""
    name = (name or "").strip()
    scopes = [s for s in Scope.values if s in set(scopes or [])]
    errors = {}
    if organisation is None:
        errors["organisation"] = _("Choose the partner organisation this system speaks for.")
    if not name:
        errors["name"] = _("Give the name of the partner system.")
    if not scopes:
        errors["scopes"] = _("Choose at least one scope.")
    if errors:
        raise ValidationError(errors)
    Application = get_application_model()
    secret = generate_client_secret()
    user = get_user_model().objects.create(
        username=f"api-{slugify(organisation.name)[:60]}-{secrets.token_hex(4)}",
        first_name=name[:150], is_active=False,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    application = Application.objects.create(
        name=f"{organisation.name}: {name}"[:255], user=user, client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS, client_secret=secret, hash_client_secret=True,
        redirect_uris="",
    )
    client = PartnerClient.objects.create(organisation=organisation, application=application, name=name, scopes=scopes,
                                          source_type=source_type)
    client.signal_types.set(list(signal_types))
    log_access(user=by, action=Action.CREATE, record=client, detail=f"partner system for {organisation.name}")
    return client, secret


@transaction.atomic
def partner_client_deactivate(*, client: PartnerClient, by) -> PartnerClient:
    """Refuse every call from now on: deactivate and revoke the system's tokens."""
    from oauth2_provider.models import get_access_token_model

    client = PartnerClient.objects.select_for_update().get(pk=client.pk)
    client.active = False
    client.save(update_fields=["active"])
    get_access_token_model().objects.filter(application=client.application).delete()
    log_access(user=by, action=Action.UPDATE, record=client, detail="partner system deactivated")
    return client


def partner_signal_report(*, client: PartnerClient, signal_type_code: str, description: str, reported_on=None, arrears_months=None,
                          subject_name: str = "", subject_phone: str = "", street: str = "", house_number=None,
                          house_number_addition: str = "", postcode: str = "", city: str = "", reporter_name: str = "",
                          reporter_phone: str = "", reporter_email: str = ""):
    """A signal from a partner system (a woningcorporatie's rent arrears, an energy supplier's payment
    arrears): a referral on the intake board of the address's team, with the signal type's deadline rule."""
    signal_type = client.signal_types.filter(code=signal_type_code, active=True).first()
    if signal_type is None:
        allowed = ", ".join(client.signal_types.filter(active=True).values_list("code", flat=True)) or "-"
        raise ValidationError({"signal_type": _("This system cannot report signals of this kind. It may report: %(codes)s.")
                               % {"codes": allowed}})
    return intake_services.signal_register(
        by=client.service_user, channel=Channel.REFERRAL, source=client.source_type or signal_type.default_source,
        signal_type=signal_type, description=description, reported_on=reported_on, arrears_months=arrears_months,
        reporter_name=reporter_name, reporter_organisation=client.organisation.name, reporter_phone=reporter_phone,
        reporter_email=reporter_email, subject_name=subject_name, subject_phone=subject_phone, street=street,
        house_number=house_number, house_number_addition=house_number_addition, postcode=postcode, city=city,
    )
