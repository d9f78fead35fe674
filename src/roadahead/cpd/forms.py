from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form, GovukDateInput
from roadahead.people.models import Membership


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        return obj.user.display_name


class RecordForm(Form):
    member = MemberChoiceField(label=_("Member of staff"), queryset=None,
                               empty_label=_("Choose who had the training"))
    date = forms.DateField(label=_("Date"), widget=GovukDateInput(), help_text=_("For example, 14/03/2026."))
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("For example: Using LMI with pupils with SEND."))
    provider = forms.CharField(label=_("Who ran it"), max_length=200, required=False)
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=1, min_value=Decimal("0.5"),
                               help_text=_("In half hours: 1.5 for an hour and a half."))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, members: Any | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if members is None:
            # Class staff record their own training: there is no one to choose.
            del self.fields["member"]
        else:
            self.fields["member"].queryset = members
        self.fields["hours"].widget.attrs.update({"inputmode": "decimal", "step": "0.5"})
