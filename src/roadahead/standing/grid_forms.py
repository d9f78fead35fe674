"""Filters for the cohort grid, the "who still needs what" list, and a range of NC years with a
class, pathway and phase (coverage and the cohort summary report). GET forms: nothing is saved."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core import dates
from roadahead.core.forms import Form, GovukDateInput
from roadahead.entitlements.enums import RuleKind
from roadahead.people.enums import NeedType, Sex
from roadahead.schools.models import nc_year_choices
from roadahead.standing.selectors import CohortFilters

ANY = [("", _("Any"))]
NC_RANGE = [(c, dates.nc_year_label(c)) for c in dates.NC_YEAR_CODES if c != "X"]


class _GroupChoices:
    """The school's classes, pathways and phases as choices (given as querysets or lists)."""

    fields: dict[str, Any]

    def _set_groups(self, *, class_groups: Any, pathways: Any, phases: Any) -> None:
        self.fields["class_group"].choices = ANY + [(c.pk, c.name) for c in class_groups]
        self.fields["pathway"].choices = ANY + [(p.pk, p.name) for p in pathways]
        self.fields["phase"].choices = ANY + [(p.pk, p.name) for p in phases]


class CohortRangeForm(_GroupChoices, Form):
    """A cohort as a range of NC years, narrowed by class, pathway and phase."""

    show_optional = False
    year_from = forms.ChoiceField(label=_("From NC year"), required=False, choices=ANY + NC_RANGE)
    year_to = forms.ChoiceField(label=_("To NC year"), required=False, choices=ANY + NC_RANGE)
    class_group = forms.TypedChoiceField(label=_("Class"), required=False, coerce=int, empty_value=None)
    pathway = forms.TypedChoiceField(label=_("Pathway"), required=False, coerce=int, empty_value=None)
    phase = forms.TypedChoiceField(label=_("Phase"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, class_groups: Any, pathways: Any, phases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_groups(class_groups=class_groups, pathways=pathways, phases=phases)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and dates.nc_year_ordinal(first) > dates.nc_year_ordinal(last):  # type: ignore[operator]
            self.add_error("year_to", _("Choose a year the same as or after the first year."))
        return data


class CohortFilterForm(_GroupChoices, Form):
    """Who: the pupils to show. Shared by both pages."""

    show_optional = False
    year = forms.ChoiceField(label=_("NC year"), required=False, choices=ANY + nc_year_choices)
    class_group = forms.TypedChoiceField(label=_("Class"), required=False, coerce=int, empty_value=None)
    pathway = forms.TypedChoiceField(label=_("Pathway"), required=False, coerce=int, empty_value=None)
    phase = forms.TypedChoiceField(label=_("Phase"), required=False, coerce=int, empty_value=None)
    need = forms.ChoiceField(label=_("Need"), required=False, choices=ANY + list(NeedType.choices))
    lac = forms.ChoiceField(label=_("Looked after"), required=False,
                            choices=[("", _("Any")), ("yes", _("Looked after")), ("no", _("Not looked after"))])
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=ANY + list(Sex.choices))
    kind = forms.ChoiceField(label=_("Kind of rule"), required=False, choices=ANY + list(RuleKind.choices))
    benchmark = forms.TypedChoiceField(
        label=_("Benchmark"), required=False, coerce=int, empty_value=None,
        choices=ANY + [(n, _("Benchmark %(n)s") % {"n": n}) for n in range(1, 9)])

    def __init__(self, *args: Any, class_groups: Any, pathways: Any, phases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_groups(class_groups=class_groups, pathways=pathways, phases=phases)

    def filters(self) -> CohortFilters:
        if not self.is_bound or not self.is_valid():
            return CohortFilters()
        data = self.cleaned_data
        return CohortFilters(
            nc_year=data["year"], class_group=data["class_group"], pathway=data["pathway"], phase=data["phase"],
            need=data["need"], looked_after={"yes": True, "no": False}.get(data["lac"]), sex=data["sex"],
            kind=data["kind"], benchmark=data["benchmark"])


class GridFilterForm(CohortFilterForm):
    as_of = forms.DateField(label=_("Standing on"), required=False, widget=GovukDateInput(),
                            help_text=_("For example, 10/03/2026. Leave blank for today."))
    field_order = ["as_of"]


class NeedsFilterForm(CohortFilterForm):
    period = forms.ChoiceField(label=_("Before the end of"), required=False, initial="term",
                               choices=[("term", _("This term")), ("half_term", _("This half term"))])
    field_order = ["period"]
