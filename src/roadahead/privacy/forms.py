from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form


class SubjectAccessForm(Form):
    file_format = forms.ChoiceField(
        label=_("File format"), widget=forms.RadioSelect, initial="pdf",
        choices=[("pdf", _("PDF: to read, print or send to the pupil or their family")),
                 ("json", _("JSON: every value exactly as stored, for programs or another system"))],
        error_messages={"required": _("Choose a file format.")})


class ErasureForm(Form):
    reason = forms.CharField(
        label=_("Why is the record being erased?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: added in error, or an erasure request the school has upheld. Do not write "
                    "the pupil's name: this reason is kept after the record has gone."),
        error_messages={"required": _("Say why the record is being erased.")})
    confirm = forms.BooleanField(
        label=_("I understand that everything listed above is deleted for good and cannot be brought back"),
        error_messages={"required": _("Confirm that you understand the record is deleted for good.")})
