from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    SEARCH = "search", _("search")
    PRINT = "print", _("print")
    EXPORT = "export", _("export")
    LOGIN = "login", _("login")
    BREAK_GLASS = "break_glass", _("access with reason")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    REFUSED = "refused", _("refused")


class AccessLogEntry(models.Model):
    """One NEN 7513 log line. Append-only: saving an existing row or deleting one fails."""

    # Queries by client or user *and* period use the composite indexes below; the whole log newest first and
    # period-only scans use (at, id) (ADR 0080).
    at = models.DateTimeField(_("when"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("user"))
    username = models.CharField(_("username"), max_length=150)
    acting_role = models.CharField(_("acting role"), max_length=40, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED)
    record_type = models.CharField(_("record type"), max_length=60, blank=True)
    record_id = models.CharField(_("record"), max_length=40, blank=True)
    # The client concerned. Plain ids, not foreign keys: the log outlives erased records.
    person_id = models.BigIntegerField(_("person"), null=True, blank=True)
    household_id = models.BigIntegerField(_("household"), null=True, blank=True)
    case_id = models.BigIntegerField(_("case"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # An overwritten record keeps its old and new values here: {field: value}, only the fields
    # that changed (see `eenplan.access.audit.changes`). Null when nothing was overwritten.
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    # Ids of the records a list page or search showed (NEN 7513: which records were read).
    shown_ids = models.JSONField(_("records shown"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        # Append-only is also enforced by database triggers (migration 0003): a raw UPDATE or
        # DELETE fails. The indexes answer "who looked at this client / what did this user do,
        # in this period" without a scan (ADR 0080).
        indexes = [
            models.Index(fields=["person_id", "at"], name="access_log_person_at"),
            models.Index(fields=["household_id", "at"], name="access_log_household_at"),
            models.Index(fields=["case_id", "at"], name="access_log_case_at"),
            models.Index(fields=["user", "at"], name="access_log_user_at"),
            models.Index(fields=["username", "at"], name="access_acce_usernam_219f2c_idx"),
            models.Index(fields=["at", "id"], name="access_log_at_id"),
        ]

    @property
    def acting_role_display(self) -> str:
        from .labels import basis_label

        return basis_label(self.acting_role)

    @property
    def record_type_display(self) -> str:
        from .labels import record_label

        return record_label(self.record_type)

    @property
    def change_rows(self):
        from .labels import change_rows

        return change_rows(self.before, self.after)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The access log is append-only.")


class AccessGrant(models.Model):
    """Access to a case's content given for a stated reason (e.g. a team lead), time-boxed."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="access_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_grants")
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "case", "expires_at"])]
