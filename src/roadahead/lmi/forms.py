from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form, GovukDateInput
from roadahead.lmi.models import LmiFormat


class ItemForm(Form):
    received_on = forms.DateField(label=_("Date received"), widget=GovukDateInput(),
                                  help_text=_("For example, 14/03/2026."))
    source = forms.CharField(label=_("Where it came from"), max_length=200,
                             help_text=_("For example: the careers hub's monthly update; the local offer."))
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("What it says"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    link = forms.URLField(label=_("Web address"), required=False, max_length=200, assume_scheme="https")


class ShareForm(Form):
    shared_on = forms.DateField(label=_("Date shared"), widget=GovukDateInput(),
                                help_text=_("For example, 14/03/2026."))
    class_groups = forms.ModelMultipleChoiceField(label=_("Classes"), queryset=None,
                                                  required=False, widget=forms.CheckboxSelectMultiple)
    pathways = forms.ModelMultipleChoiceField(label=_("Pathways"), queryset=None,
                                              required=False, widget=forms.CheckboxSelectMultiple)
    with_families = forms.BooleanField(label=_("Shared with families"), required=False)
    with_staff = forms.BooleanField(label=_("Shared with staff"), required=False)
    format = forms.ChoiceField(label=_("How it was shared"), choices=LmiFormat.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("For example, how the pupils responded. No pupil names, please."))

    def __init__(self, *args: Any, class_groups: Any, pathways: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_groups"].queryset = class_groups
        self.fields["pathways"].queryset = pathways
