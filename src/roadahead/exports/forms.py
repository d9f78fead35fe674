from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form


class ExportForm(Form):
    file_format = forms.ChoiceField(
        label=_("File format"), widget=forms.RadioSelect, initial="xlsx",
        choices=[("xlsx", _("Excel workbook (XLSX): one sheet per table, with an About sheet first")),
                 ("csv", _("CSV files in a ZIP: one file per table, with a README")),
                 ("json", _("JSON archive: one file for moving to another system or for programs"))],
        error_messages={"required": _("Choose a file format.")})
