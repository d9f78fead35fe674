from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.activities.enums import Setting
from roadahead.core import dates
from roadahead.core.forms import Form
from roadahead.entitlements.enums import Check, Period, RuleKind
from roadahead.entitlements.wording import MONTHS
from roadahead.people.enums import NeedType
from roadahead.providers.enums import ProviderKind
from roadahead.schools.models import nc_year_choices

# X is not a year a range can start or end at (the model refuses it too).
YEAR_CHOICES = [("", _("Any year")), *[(c, label) for c, label in nc_year_choices if c != "X"]]
MONTH_CHOICES = [("", _("No cut-off")), *[(n, name) for n, name in enumerate(MONTHS, start=1)]]
CHECKBOXES = forms.CheckboxSelectMultiple


class RuleForm(Form):
    """Every field of an entitlement rule. A plain form: the service runs the model's checks."""

    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=_("Kind of rule"), choices=RuleKind.choices, widget=forms.RadioSelect,
                             initial=RuleKind.SCHOOL)
    source = forms.CharField(label=_("Source"), max_length=200, required=False,
                             help_text=_("Where the rule comes from: a law, a benchmark, the school's programme."))
    school_check = forms.ChoiceField(
        label=_("Judged when"), choices=Check.choices, required=False,
        help_text=_("A statutory or benchmark rule can depend on one of the school's checks; "
                    "while that check is switched off the rule is not judged."))
    benchmark = forms.ModelChoiceField(label=_("Benchmark it reports under"), queryset=None, required=False,
                                       empty_label=_("None"))

    # Who.
    first_year = forms.ChoiceField(label=_("From NC year"), choices=YEAR_CHOICES, required=False)
    last_year = forms.ChoiceField(label=_("To NC year"), choices=YEAR_CHOICES, required=False)
    pathways = forms.ModelMultipleChoiceField(label=_("Pathways"), queryset=None, required=False, widget=CHECKBOXES,
                                              help_text=_("Tick none for pupils on every pathway."))
    needs = forms.MultipleChoiceField(label=_("Needs"), choices=NeedType.choices, required=False, widget=CHECKBOXES,
                                      help_text=_("Tick none for every pupil, whatever their needs."))

    # What counts.
    activity_types = forms.ModelMultipleChoiceField(label=_("Types of activity"), queryset=None, required=False,
                                                    widget=CHECKBOXES, help_text=_("Tick none for any type."))
    evidences = forms.ModelMultipleChoiceField(label=_("Activities evidencing any of these benchmarks"),
                                               queryset=None, required=False, widget=CHECKBOXES,
                                               help_text=_("Tick none for any activity."))
    settings = forms.MultipleChoiceField(label=_("Where"), choices=Setting.choices, required=False,
                                         widget=CHECKBOXES, help_text=_("Tick none for anywhere."))
    provider_kinds = forms.MultipleChoiceField(
        label=_("Kinds of provider"), choices=ProviderKind.choices, required=False, widget=CHECKBOXES,
        help_text=_("The activity must have at least one provider of these kinds. Tick none for any."))
    meaningful_only = forms.BooleanField(label=_("Meaningful encounters only"), required=False)
    pal_only = forms.BooleanField(label=_("Provider encounters meeting PAL only"), required=False)
    count_part = forms.BooleanField(label=_("Part attendance counts"), required=False, initial=True)

    # How many, and when.
    required = forms.IntegerField(label=_("How many"), min_value=1, max_value=100)
    period = forms.ChoiceField(label=_("Over what period"), choices=Period.choices, widget=forms.RadioSelect,
                               initial=Period.ACADEMIC_YEAR)
    cutoff_month = forms.TypedChoiceField(
        label=_("Cut-off month"), choices=MONTH_CHOICES, coerce=int, empty_value=None, required=False,
        help_text=_("Only for a rule across years: the span ends on this day of its last year "
                    "(28 February for the PAL key phases)."))
    cutoff_day = forms.IntegerField(label=_("Cut-off day"), min_value=1, max_value=31, required=False)
    required_of_pupils = forms.BooleanField(
        label=_("Required of every pupil"), required=False, initial=True,
        help_text=_("Untick for something the school must offer but a pupil may decline, such as the third "
                    "PAL key phase: a pupil short of it is never shown as not met."))
    pal_key_phase = forms.TypedChoiceField(
        label=_("PAL key phase"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Not a PAL key phase")), (1, "1"), (2, "2"), (3, "3")])
    code = forms.SlugField(label=_("Code"), max_length=80, required=False,
                           help_text=_("How the programme file names this rule. Left blank, it is made from "
                                       "the name."))
    order = forms.IntegerField(label=_("Position in lists"), min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True,
                                   help_text=_("Untick to stop judging pupils against this rule."))

    def __init__(self, *args: Any, benchmarks: Any, pathways: Any, activity_types: Any, editing: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # The programme file finds a rule by its code, so the code is fixed once the rule exists.
            del self.fields["code"]
        self.fields["benchmark"].queryset = benchmarks
        self.fields["evidences"].queryset = benchmarks
        for name in ("benchmark", "evidences"):
            self.fields[name].label_from_instance = lambda b: f"{b.number}. {b.title}"
        self.fields["pathways"].queryset = pathways
        self.fields["activity_types"].queryset = activity_types
        self.fields["cutoff_day"].widget.attrs.update({"class": "govuk-input govuk-input--width-2"})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("first_year") or "", data.get("last_year") or ""
        if bool(first) != bool(last):
            self.add_error("last_year" if first else "first_year",
                           _("Choose both the first and the last NC year, or neither."))
        elif first and last and dates.nc_year_ordinal(first) > dates.nc_year_ordinal(last):  # type: ignore[operator]
            self.add_error("last_year", _("The last NC year must not come before the first."))
        period = data.get("period")
        if period == Period.YEARS and not first and not self.has_error("first_year"):
            self.add_error("first_year", _("A rule across years needs its first and last NC year."))
        month, day = data.get("cutoff_month"), data.get("cutoff_day")
        if (month or day) and period != Period.YEARS:
            self.add_error("cutoff_month", _("Only a rule across years can have a cut-off date."))
        elif (month is None) != (day is None):
            self.add_error("cutoff_day" if month else "cutoff_month",
                           _("Give both the cut-off month and day, or neither."))
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned values as the services take them (lists for the many-to-many fields)."""
        data = dict(self.cleaned_data)
        for name in ("pathways", "activity_types", "evidences"):
            data[name] = list(data[name])
        data["school_check"] = data.get("school_check") or ""
        return data

