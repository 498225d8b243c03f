from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from eenplan.core.admin_site import ConfigAdmin

from .models import MeldcodeText


@admin.register(MeldcodeText)
class MeldcodeTextAdmin(ConfigAdmin):
    """The meldcode's step texts and framework questions, in the municipality's own wording.
    A text left out here uses eenplan's default (see docs/safety.md)."""

    list_display = ["key", "title", "changed_at"]
    ordering = ["key"]

    @admin.display(description=_("last changed"), ordering="updated_at")
    def changed_at(self, obj):
        return obj.updated_at
