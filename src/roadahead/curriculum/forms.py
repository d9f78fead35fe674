from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core import dates
from roadahead.core.forms import Form

YEAR_CHOICES = [("", _("Not given"))] + [
    (code, dates.nc_year_label(code)) for code in dates.NC_YEAR_CODES if code != "X"]


class SubjectForm(Form):
    name = forms.CharField(label=_("Subject"), max_length=100)


class SchemeForm(Form):
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=None,
                                     empty_label=_("Choose a subject"))
    title = forms.CharField(label=_("Title of the scheme"), max_length=200,
                            help_text=_("The name of the unit or medium-term plan, for example Money and budgeting."))
    careers_statement = forms.CharField(
        label=_("Careers statement"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the skills in this scheme are used in jobs, or in independent adult life."))
    phases = forms.ModelMultipleChoiceField(
        label=_("Phases it is taught in"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple)
    first_year = forms.ChoiceField(label=_("First NC year"), choices=YEAR_CHOICES, required=False,
                                   help_text=_("Give the years as well as, or instead of, the phases."))
    last_year = forms.ChoiceField(label=_("Last NC year"), choices=YEAR_CHOICES, required=False)

    def __init__(self, *args: Any, subjects: Any, phases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects
        self.fields["phases"].queryset = phases


class SchemeFilterForm(Form):
    show_optional = False
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=None, required=False,
                                     empty_label=_("Any"))
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=None, required=False,
                                   empty_label=_("Any"))

    def __init__(self, *args: Any, subjects: Any, phases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects
        self.fields["phase"].queryset = phases

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"subject": data.get("subject"), "phase": data.get("phase")}
