from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message to one staff member, e.g. 'safety unknown in triage' to the safety specialist.

    Holds no case content: a short text and a link; opening the link goes through the access policy.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]


class SubmissionKey(models.Model):
    """A form token that has been used: a resend with it is answered with ``location`` (eenplan.core.idempotency).

    Holds no case content: the token, who sent it, the form's address and the address it answered with.
    Removed after a week by the ``submission_keys_prune`` job.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    path = models.CharField(max_length=300)
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.path} → {self.location}"
