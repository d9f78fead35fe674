"""The choices each report asks for: a term, a year and a day, or a cohort. All GET forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core import dates
from roadahead.core.forms import Form, GovukDateInput
from roadahead.schools.enums import TermName

ANY = [("", _("Any"))]
NC_RANGE = [(c, dates.nc_year_label(c)) for c in dates.NC_YEAR_CODES if c != "X"]


def _year_choices(years: list[int]) -> list[tuple[int, str]]:
    return [(y, dates.academic_year_label(y)) for y in years]


class TermForm(Form):
    show_optional = False
    year = forms.TypedChoiceField(label=_("Academic year"), coerce=int)
    term = forms.ChoiceField(label=_("Term"), choices=TermName.choices)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(years)


class YearForm(Form):
    show_optional = False
    year = forms.TypedChoiceField(label=_("Academic year"), coerce=int)
    as_of = forms.DateField(label=_("As of"), required=False, widget=GovukDateInput(),
                            input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                            help_text=_("Figures up to this day. For example, 10/03/2026. Leave it empty for "
                                        "today, or the year's last day for a past year."))

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(years)


class CohortForm(Form):
    show_optional = False
    year_from = forms.ChoiceField(label=_("From NC year"), required=False, choices=ANY + NC_RANGE)
    year_to = forms.ChoiceField(label=_("To NC year"), required=False, choices=ANY + NC_RANGE)
    class_group = forms.TypedChoiceField(label=_("Class"), required=False, coerce=int, empty_value=None)
    pathway = forms.TypedChoiceField(label=_("Pathway"), required=False, coerce=int, empty_value=None)
    phase = forms.TypedChoiceField(label=_("Phase"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, class_groups: Any, pathways: Any, phases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_group"].choices = ANY + [(c.pk, c.name) for c in class_groups]
        self.fields["pathway"].choices = ANY + [(p.pk, p.name) for p in pathways]
        self.fields["phase"].choices = ANY + [(p.pk, p.name) for p in phases]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and dates.nc_year_ordinal(first) > dates.nc_year_ordinal(last):  # type: ignore[operator]
            self.add_error("year_to", _("Choose a year the same as or after the first year."))
        return data
