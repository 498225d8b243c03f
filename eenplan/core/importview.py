"""The import pages' one flow (persons, provisions; docs/import.md, ADR 0114): upload → dry run and its report →
"Importeren" runs the same file for real.

The file is not stored: it is read in memory (below Django's in-memory upload limit, so no temporary file), and
for the confirm step sent back to the same browser inside the report page, with a signature over its SHA-256,
the user, the chosen mode and the file name. "Importeren" posts it back; a changed file, another user or a dry
run older than an hour is refused. The page runs the import in the request, up to `max_rows` rows; longer files
go through the command (`manage.py import_persons`), which prints its progress.
"""

import base64
import hashlib

from django import forms
from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .csvimport import ImportFileError
from .forms import Form

MAX_BYTES = min(1_000_000, settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
CONFIRM_MAX_AGE = 3600  # seconds between the dry run and "Importeren"


class ImportUploadForm(Form):
    file = forms.FileField(label=gettext_lazy("File (CSV)"),
                           help_text=gettext_lazy("Comma or semicolon separated, as Excel saves it (CSV UTF-8 or CSV)."))
    valid_only = forms.BooleanField(
        label=gettext_lazy("Import the valid rows only"), required=False,
        help_text=gettext_lazy("Without this, one refused row means nothing is imported."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(kb)s kB. Split it, or import it with the command.")
                                        % {"kb": MAX_BYTES // 1000})
        return upload


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_page(request, *, service, template: str, salt: str, service_kwargs: dict, max_rows: int, context: dict):
    form = ImportUploadForm(request.POST or None, request.FILES or None) if not request.POST.get("confirm") else ImportUploadForm()
    report = confirm = error = None
    status = 200
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            signed = signing.loads(request.POST.get("signature", ""), salt=salt, max_age=CONFIRM_MAX_AGE)
            data = base64.b64decode(request.POST.get("content", ""), validate=True)
        except (signing.BadSignature, ValueError):
            signed, data = None, b""
        if not signed or signed.get("user") != request.user.pk or signed.get("sha256") != _digest(data):
            error = _("The dry run has expired or the file changed. Upload the file again.")
            status = 400
        else:
            report = service(data=data, by=request.user, filename=signed["name"], dry_run=False, valid_only=signed["valid_only"],
                             max_rows=max_rows, **service_kwargs)
    elif request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data, valid_only = upload.read(), form.cleaned_data["valid_only"]
            name = (upload.name or "")[:100]
            try:
                report = service(data=data, by=request.user, filename=name, dry_run=True, valid_only=valid_only,
                                 max_rows=max_rows, **service_kwargs)
            except ImportFileError as exc:
                form.add_error("file", str(exc))
                status = 400
            else:
                may_import = valid_only or not report.refused
                confirm = {
                    "content": base64.b64encode(data).decode("ascii"),
                    "signature": signing.dumps({"user": request.user.pk, "sha256": _digest(data), "valid_only": valid_only,
                                                "name": name}, salt=salt),
                } if may_import else None
        else:
            status = 400
    return render(request, template, {**context, "form": form, "report": report, "confirm": confirm, "error": error, "max_rows": max_rows},
                  status=status)
