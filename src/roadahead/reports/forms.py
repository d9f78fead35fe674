"""The choices each report asks for: a term, a year and a day, or a cohort. All GET forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core import dates
from roadahead.core.forms import Form, GovukDateInput
from roadahead.schools.enums import TermName
from roadahead.standing.grid_forms import CohortRangeForm


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


class CohortForm(CohortRangeForm):
    """The cohort summary's cohort: the same choices as the benchmark coverage pages."""
