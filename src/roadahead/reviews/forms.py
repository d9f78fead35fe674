from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.dates import NC_YEAR_CODES, nc_year_label
from roadahead.core.forms import Form, GovukDateInput
from roadahead.reviews.enums import DueStatus, OutcomeKind, PfaArea, ProgressLevel, ReviewOutcome
from roadahead.reviews.models import AnnualReview, PfaOutcome

DATE_HELP = _("For example, 14/03/2026.")
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label: Any, *, required: bool = True, help_text: Any = DATE_HELP) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=GovukDateInput(), input_formats=DATE_FORMATS,
                           help_text=help_text)


class DueFilterForm(Form):
    show_optional = False
    status = forms.ChoiceField(label=_("Review"), required=False,
                               choices=[("", _("Any")), *DueStatus.choices])
    nc_year = forms.ChoiceField(label=_("NC year"), required=False,
                                choices=[("", _("Any")), *((c, nc_year_label(c)) for c in NC_YEAR_CODES)])
    class_group = forms.TypedChoiceField(label=_("Class"), required=False, coerce=int, empty_value=None)
    pfa_only = forms.BooleanField(label=_("Year 9 and above only (Preparing for Adulthood)"), required=False)

    def __init__(self, *args: Any, classes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_group"].choices = [("", _("Any")), *((c.pk, c.name) for c in classes)]


class ReviewForm(Form):
    date_due = _date(_("Date due"))
    date_held = _date(_("Date held"), required=False,
                      help_text=_("Leave blank if the review has not happened yet. For example, 14/03/2026."))
    attendees = forms.CharField(label=_("Who attended"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=AnnualReview._meta.get_field("attendees").help_text)
    pupil_views = forms.CharField(label=_("The pupil's views"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=AnnualReview._meta.get_field("pupil_views").help_text)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(label=_("Outcome of the review"), required=False, widget=forms.RadioSelect,
                                choices=[("", _("Not decided yet")), *ReviewOutcome.choices])
    next_review_due = _date(_("Next review due"), required=False,
                            help_text=_("Leave blank for a year after the date held. For example, 14/03/2027."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OutcomeForm(Form):
    area = forms.ChoiceField(label=_("Preparing for Adulthood area"), choices=PfaArea.choices,
                             widget=forms.RadioSelect)
    kind = forms.ChoiceField(label=_("Kind"), choices=OutcomeKind.choices, widget=forms.RadioSelect,
                             initial=OutcomeKind.EHCP_OUTCOME)
    text = forms.CharField(label=_("Outcome or target"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("As it is written in the plan, for example: By the end of Year 11, Sam will "
                                       "travel to college with a travel buddy twice a week."))
    set_on = _date(_("Agreed on"))
    review = forms.TypedChoiceField(label=_("Agreed at review"), required=False, coerce=int, empty_value=None)
    ended_on = _date(_("No longer worked on from"), required=False,
                     help_text=_("Only when the outcome is replaced or dropped. For example, 14/03/2026."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, reviews: list[AnnualReview], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["review"].choices = [("", _("None")),
                                         *((r.pk, f"{r.academic_year.label}: {r.date_due:%d/%m/%Y}") for r in reviews)]
        if not editing:
            del self.fields["ended_on"]


class ProgressForm(Form):
    date = _date(_("Date"))
    level = forms.ChoiceField(label=_("Progress"), choices=ProgressLevel.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("What they did that shows it, and how you know."))


class ReviewProgressForm(Form):
    """One progress choice and note per outcome being worked on, as agreed at the review."""

    def __init__(self, *args: Any, outcomes: list[PfaOutcome], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        for outcome in outcomes:
            self.fields[f"level_{outcome.pk}"] = forms.ChoiceField(
                label=_("Progress"), required=False, widget=forms.RadioSelect,
                choices=[("", _("Not discussed")), *ProgressLevel.choices])
            self.fields[f"note_{outcome.pk}"] = forms.CharField(
                label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
        # Re-run the GOV.UK classes for the fields added after the mixin's __init__.
        for name, field in self.fields.items():
            css = "govuk-radios__input" if name.startswith("level_") else "govuk-textarea"
            if css not in field.widget.attrs.get("class", ""):
                field.widget.attrs["class"] = css

    def rows(self) -> list[tuple[PfaOutcome, Any, Any]]:
        return [(o, self[f"level_{o.pk}"], self[f"note_{o.pk}"]) for o in self.outcomes]

    def entries(self) -> list[tuple[PfaOutcome, str, str]]:
        return [(o, self.cleaned_data.get(f"level_{o.pk}") or "", self.cleaned_data.get(f"note_{o.pk}") or "")
                for o in self.outcomes]
