from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One run (one attempt) of a scheduled job, whoever started it: the task runner or `manage.py run_job`.

    Holds no personal data: the job's name, when, how it ended and a one-line summary of counts.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("schedule")
        COMMAND = "command", _("command")

    job = models.CharField(_("job"), max_length=60)
    trigger = models.CharField(_("started by"), max_length=20, choices=Trigger.choices)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    run_for = models.DateField(_("run for date"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    summary = models.CharField(_("summary"), max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["job", "-started_at"])]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")

    def __str__(self):
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M} {self.status}"


class Lockout(models.Model):
    """A username + address locked by django-axes, kept so the functional administrator can see and lift it
    whichever axes handler is in use (database, or Redis in production)."""

    username = models.CharField(_("username"), max_length=150)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)
    unlocked_at = models.DateTimeField(_("unlocked at"), null=True, blank=True)
    unlocked_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-locked_at", "-pk"]
        verbose_name = _("lockout")
        verbose_name_plural = _("lockouts")
