from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.activities.enums import Attendance, Engagement, Frequency, Reaction, ResponseMethod, Setting, Weekday
from roadahead.activities.models import Activity, Series
from roadahead.core.forms import Form, GovukDateInput, ModelForm

BLANK = [("", _("Any"))]
BENCHMARK_CHOICES = [(n, _("Benchmark %(n)s") % {"n": n}) for n in range(1, 9)]

MEANINGFUL_FIELDS = ("purpose_shared", "outcomes_fitted", "two_way", "reflection")
WORKPLACE_FIELDS = ("employer_task", "employer_feedback")
PAL_FIELDS = ("pal_provider", "pal_careers", "pal_learning", "pal_questions", "in_school_day")


class BenchmarkChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number}. {obj.title}"


class AudienceMixin(forms.Form):
    """Who an activity or a series is for: a class, a pathway or hand-picked pupils (any mix)."""

    class_group = forms.TypedChoiceField(label=_("A class"), required=False, coerce=int, empty_value=None)
    pathway = forms.TypedChoiceField(label=_("A pathway"), required=False, coerce=int, empty_value=None)
    pupils = forms.TypedMultipleChoiceField(
        label=_("Or choose pupils"), required=False, coerce=int,
        help_text=_("Hold Ctrl (or Cmd on a Mac) to choose more than one. On a tablet, tap each name."))

    def set_audience(self, *, class_groups: Any, pathways: Any, pupils: Any) -> None:
        self.fields["class_group"].choices = [("", _("No class"))] + [(c.pk, c.name) for c in class_groups]
        self.fields["pathway"].choices = [("", _("No pathway"))] + [(p.pk, p.name) for p in pathways]
        self.fields["pupils"].choices = [(p.pk, f"{p.surname}, {p.forename}") for p in pupils]
        self.fields["pupils"].widget.attrs["size"] = 8


class ActivityForm(AudienceMixin, ModelForm):
    # Declared so the class can be built without a school scope; __init__ sets the querysets.
    activity_type = forms.ModelChoiceField(label=_("Type of activity"), queryset=None)
    scheme = forms.ModelChoiceField(label=_("Scheme of learning"), queryset=None, required=False)
    providers = forms.ModelMultipleChoiceField(
        label=_("Providers"), queryset=None, required=False,
        help_text=_("From your provider directory. Hold Ctrl (or Cmd on a Mac) to choose more than one."))
    benchmarks = BenchmarkChoiceField(
        label=_("Benchmarks it evidences"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave them all unticked to use the usual benchmarks for this type of activity."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = ["activity_type", "title", "date", "end_date", "setting", "providers", "people_met", "purpose",
                  "learning_outcomes", "benchmarks", "scheme", *MEANINGFUL_FIELDS, *WORKPLACE_FIELDS, *PAL_FIELDS]
        widgets = {"date": GovukDateInput(), "end_date": GovukDateInput(), "setting": forms.RadioSelect,
                   "people_met": forms.Textarea(attrs={"rows": 2}), "purpose": forms.Textarea(attrs={"rows": 3}),
                   "learning_outcomes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"date": _("For example, 14/03/2026."),
                      "end_date": _("Only for activities lasting more than one day, for example a week of "
                                    "work experience.")}

    def __init__(self, *args: Any, activity_types: Any, providers: Any, benchmarks: Any, schemes: Any,
                 audience: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity_type"].queryset = activity_types
        self.fields["activity_type"].empty_label = _("Choose a type")
        self.fields["providers"].queryset = providers
        self.fields["providers"].widget.attrs["size"] = 6
        self.fields["benchmarks"].queryset = benchmarks
        self.fields["scheme"].queryset = schemes
        self.fields["scheme"].required = False
        self.fields["scheme"].empty_label = _("Not linked to a scheme of learning")
        self.fields["setting"].choices = Setting.choices
        if audience is None:
            for name in ("class_group", "pathway", "pupils"):
                del self.fields[name]
        else:
            self.set_audience(**audience)

    def validate_unique(self) -> None:
        """Activities have no unique fields of their own; the service checks the school."""


class ActivityFilterForm(Form):
    show_optional = False
    q = forms.CharField(label=_("Title or purpose"), required=False, max_length=100)
    starts_on = forms.DateField(label=_("From"), required=False, widget=GovukDateInput())
    ends_on = forms.DateField(label=_("To"), required=False, widget=GovukDateInput())
    year = forms.TypedChoiceField(label=_("Academic year"), required=False, coerce=int, empty_value=None)
    type = forms.TypedChoiceField(label=_("Type"), required=False, coerce=int, empty_value=None)
    benchmark = forms.TypedChoiceField(label=_("Benchmark"), required=False, coerce=int, empty_value=None,
                                       choices=BLANK + BENCHMARK_CHOICES)
    class_group = forms.TypedChoiceField(label=_("Class"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[tuple[int, str]], types: Any, class_groups: Any,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = BLANK + years
        self.fields["type"].choices = BLANK + [(t.pk, t.name) for t in types]
        self.fields["class_group"].choices = BLANK + [(c.pk, c.name) for c in class_groups]


class TimelineFilterForm(Form):
    show_optional = False
    year = forms.TypedChoiceField(label=_("Academic year"), required=False, coerce=int, empty_value=None)
    benchmark = forms.TypedChoiceField(label=_("Benchmark"), required=False, coerce=int, empty_value=None,
                                       choices=BLANK + BENCHMARK_CHOICES)

    def __init__(self, *args: Any, years: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = BLANK + years


class ParticipationRowForm(Form):
    """One pupil's row on the recording screen; the template lays it out compactly."""

    attendance = forms.ChoiceField(label=_("Attendance"), choices=Attendance.choices, initial=Attendance.ATTENDED,
                                   widget=forms.RadioSelect)
    engagement = forms.TypedChoiceField(label=_("Engagement"), required=False, coerce=int, empty_value=None,
                                        choices=Engagement.choices, widget=forms.RadioSelect)
    reaction = forms.ChoiceField(label=_("How they felt"), required=False, choices=Reaction.choices,
                                 widget=forms.RadioSelect)
    response = forms.CharField(label=_("What they said or showed"), required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 2}))
    response_method = forms.ChoiceField(label=_("How it was captured"), required=False,
                                        choices=[("", _("Not said")), *ResponseMethod.choices])
    staff_note = forms.CharField(label=_("Staff note"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    remove = forms.BooleanField(label=_("Take off this activity"), required=False,
                                help_text=_("For a pupil added by mistake: their record for this activity is "
                                            "deleted when you save."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Large segmented buttons rather than GOV.UK radios: quicker to hit on a tablet.
        for name in ("attendance", "engagement", "reaction"):
            self.fields[name].widget.attrs["class"] = "ra-seg__input"


class AddPupilsForm(Form):
    """On the recording screen: bring in another class or pathway (a GET form, nothing saved)."""

    show_optional = False
    class_group = forms.TypedChoiceField(label=_("Add a class"), required=False, coerce=int, empty_value=None)
    pathway = forms.TypedChoiceField(label=_("Add a pathway"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, class_groups: Any, pathways: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_group"].choices = [("", _("No class"))] + [(c.pk, c.name) for c in class_groups]
        self.fields["pathway"].choices = [("", _("No pathway"))] + [(p.pk, p.name) for p in pathways]


class SeriesForm(AudienceMixin, ModelForm):
    activity_type = forms.ModelChoiceField(label=_("Type of activity"), queryset=None)
    providers = forms.ModelMultipleChoiceField(
        label=_("Providers"), queryset=None, required=False,
        help_text=_("From your provider directory. Hold Ctrl (or Cmd on a Mac) to choose more than one."))
    benchmarks = BenchmarkChoiceField(
        label=_("Benchmarks it evidences"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave them all unticked to use the usual benchmarks for this type of activity."))

    class Meta:
        model = Series
        fields = ["title", "activity_type", "frequency", "weekday", "starts_on", "ends_on", "setting", "providers",
                  "benchmarks", "purpose", "learning_outcomes"]
        widgets = {"starts_on": GovukDateInput(), "ends_on": GovukDateInput(), "frequency": forms.RadioSelect,
                   "setting": forms.RadioSelect, "purpose": forms.Textarea(attrs={"rows": 3}),
                   "learning_outcomes": forms.Textarea(attrs={"rows": 3})}
        labels = {"frequency": _("How often"), "weekday": _("Day of the week"), "setting": _("Where")}
        help_texts = {"starts_on": _("For example, 5/1/2026. Sessions start on the first chosen weekday from "
                                     "this date.")}

    def __init__(self, *args: Any, activity_types: Any, providers: Any, benchmarks: Any,
                 audience: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity_type"].queryset = activity_types
        self.fields["activity_type"].empty_label = _("Choose a type")
        self.fields["providers"].queryset = providers
        self.fields["providers"].widget.attrs["size"] = 6
        self.fields["benchmarks"].queryset = benchmarks
        self.fields["frequency"].choices = Frequency.choices
        self.fields["setting"].choices = Setting.choices
        self.fields["weekday"].choices = Weekday.choices
        self.set_audience(**audience)

    def validate_unique(self) -> None:
        """Series have no unique fields."""
