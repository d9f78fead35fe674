from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form
from roadahead.imports.parsers import describe_size, max_upload_bytes


class PupilUploadForm(Form):
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("A CSV or Excel (XLSX) file with one row per pupil, or a Common Transfer File (XML)."),
        error_messages={"required": _("Choose a file to import."),
                        "empty": _("The file is empty."),
                        "invalid": _("Choose a file to import.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.xml,text/csv,application/xml,"
                                                         "application/vnd.openxmlformats-officedocument."
                                                         "spreadsheetml.sheet"}))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size and upload.size > max_upload_bytes():
            # Checked before the file is read, so an oversized upload never reaches memory.
            raise ValidationError(_("The file is %(size)s; the largest file Road Ahead accepts is %(limit)s.")
                                  % {"size": describe_size(upload.size), "limit": describe_size(max_upload_bytes())})
        return upload
