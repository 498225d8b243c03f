from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class RoleCode(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    TEAM_LEAD = "team_lead", _("Team lead")
    SAFETY_SPECIALIST = "safety_specialist", _("Safety specialist")
    FRONT_OFFICE = "front_office", _("Front office")
    MUNICIPAL_OFFICER = "municipal_officer", _("Municipal officer")
    POLICY = "policy", _("Policy / manager")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


class Role(models.Model):
    """The fixed set of roles the access policy knows; who holds them is data."""

    code = models.CharField(_("code"), max_length=30, choices=RoleCode.choices, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self):
        return str(RoleCode(self.code).label)


class ExpertiseTag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise tags")

    def __str__(self):
        return self.name


class User(AbstractUser):
    roles = models.ManyToManyField(Role, blank=True, related_name="users", verbose_name=_("roles"))
    expertise = models.ManyToManyField(ExpertiseTag, blank=True, related_name="users", verbose_name=_("expertise"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    # The staff member's own choice (account page): a short mail, a link only, for due items and new signals.
    email_notifications = models.BooleanField(_("notifications by e-mail"), default=False)

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self):
        return self.get_full_name() or self.username

    def role_codes(self) -> set[str]:
        # Cached per instance: access checks ask this many times per request.
        if not hasattr(self, "_role_codes"):
            self._role_codes = set(self.roles.values_list("code", flat=True))
        return self._role_codes

    def has_role(self, *codes: str) -> bool:
        return bool(self.role_codes() & set(codes))

    def team_rows(self) -> list[tuple[int, bool]]:
        """(team id, leads it) for each of the user's teams. Cached per instance like the roles: a request's user is
        loaded anew for every request, and a team lead's page asks several times."""
        if not hasattr(self, "_team_rows"):
            self._team_rows = list(self.memberships.values_list("team_id", "is_lead"))
        return self._team_rows

    def forget_cached_access(self):
        """After this instance's roles or teams were changed: read them anew on the next question."""
        self.__dict__.pop("_role_codes", None)
        self.__dict__.pop("_team_rows", None)


class TeamMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey("organisation.Team", on_delete=models.CASCADE, related_name="memberships")
    is_lead = models.BooleanField(_("team lead of this team"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="unique_team_membership")]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")

    def __str__(self):
        return f"{self.user} – {self.team}"


class IdPDevice(Device):
    """The second factor as asserted by the municipality's identity provider (single sign-on with MFA).

    It has no codes of its own: it only marks a session as verified after an OIDC login whose `amr`/`acr`
    says the IdP checked a second factor (eenplan/accounts/oidc.py)."""

    class Meta:
        verbose_name = _("second factor by the identity provider")
        verbose_name_plural = _("second factors by the identity provider")

    def verify_token(self, token):
        return False
