from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core import dates
from roadahead.core.forms import Form, GovukDateInput
from roadahead.evaluation.enums import Status
from roadahead.people.models import Membership
from roadahead.schools.enums import TermName

YEARS = [("", _("Any"))] + [(c, dates.nc_year_label(c)) for c in dates.NC_YEAR_CODES if c != "X"]


class CohortFields(Form):
    cohort_from = forms.ChoiceField(label=_("Cohort from NC year"), required=False, choices=YEARS,
                                    help_text=_("Leave both years as Any to judge every pupil on roll."))
    cohort_to = forms.ChoiceField(label=_("Cohort to NC year"), required=False, choices=YEARS)
    cohort_note = forms.CharField(label=_("Why this cohort"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("For example: the years our careers programme is planned for. "
                                              "Pupils on roll outside the cohort are still counted and shown."))


class EvaluationForm(CohortFields):
    year = forms.TypedChoiceField(label=_("Academic year"), coerce=int)
    term = forms.ChoiceField(label=_("Term"), choices=TermName.choices, widget=forms.RadioSelect)

    field_order = ["year", "term", "cohort_from", "cohort_to", "cohort_note"]

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, dates.academic_year_label(y)) for y in years]


class CohortForm(CohortFields):
    version = forms.IntegerField(widget=forms.HiddenInput)


class BenchmarkForm(Form):
    """The status and evidence of each criterion of one benchmark."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, marks: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for mark in marks:
            status = f"status_{mark.criterion_id}"
            note = f"evidence_{mark.criterion_id}"
            self.fields[status] = forms.ChoiceField(
                label=_("Status of %(code)s") % {"code": mark.criterion.code}, choices=Status.choices,
                widget=forms.RadioSelect, initial=mark.status)
            self.fields[note] = forms.CharField(
                label=_("Evidence for %(code)s") % {"code": mark.criterion.code}, required=False,
                initial=mark.evidence, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("What shows it, and where to find it. Do not name pupils."))
            self.rows.append((mark, self[status], self[note]))

    def values(self) -> dict[int, tuple[str, str]]:
        return {mark.criterion_id: (self.cleaned_data[f"status_{mark.criterion_id}"],
                                    self.cleaned_data[f"evidence_{mark.criterion_id}"]) for mark, _s, _n in self.rows}


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        return obj.user.display_name


class ActionForm(Form):
    benchmark = forms.TypedChoiceField(label=_("Benchmark"), coerce=int)
    description = forms.CharField(label=_("Action"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    owner_member = MemberChoiceField(label=_("Owner"), queryset=None, required=False,
                                     empty_label=_("Someone else (write their role below)"))
    owner_text = forms.CharField(label=_("Owner, if not a member of staff"), max_length=120, required=False,
                                 help_text=_("A role, such as: enterprise adviser."))
    due_on = forms.DateField(label=_("Due"), required=False, widget=GovukDateInput(),
                             help_text=_("For example, 24/04/2026."))
    done_on = forms.DateField(label=_("Done on"), required=False, widget=GovukDateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, benchmarks: list[Any], members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["benchmark"].choices = [(b.number, str(b)) for b in benchmarks]
        self.fields["owner_member"].queryset = members

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("owner_member") and not (data.get("owner_text") or "").strip():
            self.add_error("owner_member", _("Choose who will do it, or write their role."))
        return data
