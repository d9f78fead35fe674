from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from roadahead.activities.models import ActivityType
from roadahead.core.forms import Form, GovukDateInput
from roadahead.imports.parsers import describe_size, max_upload_bytes
from roadahead.schools.models import AcademicYear, School

SPREADSHEETS = ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file_field(help_text: Any, *, accept: str = SPREADSHEETS) -> forms.FileField:
    return forms.FileField(
        label=_("Upload a file"), help_text=help_text,
        error_messages={"required": _("Choose a file to import."),
                        "empty": _("The file is empty."),
                        "invalid": _("Choose a file to import.")},
        widget=forms.ClearableFileInput(attrs={"accept": accept}))


class PupilUploadForm(Form):
    file = _file_field(_("A CSV or Excel (XLSX) file with one row per pupil, or a Common Transfer File (XML)."),
                       accept=".csv,.txt,.xlsx,.xml,text/csv,application/xml,"
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size and upload.size > max_upload_bytes():
            # Checked before the file is read, so an oversized upload never reaches memory.
            raise ValidationError(_("The file is %(size)s; the largest file Road Ahead accepts is %(limit)s.")
                                  % {"size": describe_size(upload.size), "limit": describe_size(max_upload_bytes())})
        return upload


class ActivityUploadForm(PupilUploadForm):
    file = _file_field(_("A CSV or Excel (XLSX) file with one row per pupil per activity."))


DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


class ActivityExportForm(Form):
    show_optional = False

    what = forms.ChoiceField(
        label=_("What to export"), widget=forms.RadioSelect, initial="participations",
        choices=[("participations", _("Pupils' participation: one row per pupil per activity (can be imported "
                                      "again)")),
                 ("activities", _("Activities: one row per activity"))],
        error_messages={"required": _("Choose what to export.")})
    file_format = forms.ChoiceField(
        label=_("File format"), widget=forms.RadioSelect, initial="xlsx",
        choices=[("xlsx", _("Excel (XLSX)")), ("csv", _("CSV"))],
        error_messages={"required": _("Choose a file format.")})
    academic_year = forms.ModelChoiceField(label=_("Academic year"), queryset=AcademicYear.objects.none(),
                                           required=False, empty_label=_("Any year"))
    date_from = forms.DateField(label=_("From"), required=False, input_formats=DATE_FORMATS,
                                widget=GovukDateInput(), help_text=_("For example, 01/09/2025."))
    date_to = forms.DateField(label=_("To"), required=False, input_formats=DATE_FORMATS, widget=GovukDateInput(),
                              help_text=_("For example, 31/07/2026."))
    activity_type = forms.ModelChoiceField(label=_("Type of activity"), queryset=ActivityType.objects.none(),
                                           required=False, empty_label=_("Any type"))

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].queryset = AcademicYear.objects.filter(school=school).order_by("-start_year")
        self.fields["activity_type"].queryset = ActivityType.objects.filter(school=school)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data


class DestinationUploadForm(PupilUploadForm):
    file = _file_field(_("A CSV or Excel (XLSX) file with one row per leaver."))
