"""Forms for a careers leader editing the school's set-up. Services do the saving and checking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core import dates
from roadahead.core.forms import Form, GovukDateInput, ModelForm
from roadahead.schools.enums import SchoolType, TermName
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway, Phase, School, Term, nc_year_choices
from roadahead.schools.services import PATHWAY_FIELDS, PHASE_FIELDS, SCHOOL_FIELDS, TERM_FIELDS

# Year choices without X: a phase runs between two NC years.
PHASE_YEAR_CHOICES = [(code, label) for code, label in nc_year_choices if code != "X"]
NOT_BOUND_TYPES = [t.value for t in SchoolType if not t.bound_by_statutory_guidance]


class SchoolForm(ModelForm):
    class Meta:
        model = School
        fields = list(SCHOOL_FIELDS)
        widgets = {"school_type": forms.RadioSelect}
        labels = {"name": _("School name")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["urn"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off",
                                                "class": "govuk-input govuk-input--width-10"})
        self.fields["careers_leader_email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["careers_leader_phone"].widget.attrs.update({"autocomplete": "tel",
                                                                 "class": "govuk-input govuk-input--width-20"})
        self.fields["careers_leader_name"].help_text = _("Schools must publish the careers leader's name, "
                                                         "email and phone number on their website.")


class PathwayForm(ModelForm):
    # Declared so the form class can be built without a school scope; the view sets the queryset.
    in_keeping_destinations = forms.ModelMultipleChoiceField(
        label=_("Destinations in keeping with the vision"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When a leaver goes to one of these, their destination counts as in keeping with "
                    "this pathway's aim."))

    class Meta:
        model = Pathway
        fields = [*PATHWAY_FIELDS, "in_keeping_destinations"]
        labels = {"name": _("Name"), "order": _("Order on lists")}
        widgets = {"vision": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"order": _("Lower numbers come first."),
                      "vision": _("The adult life this pathway aims at, in the school's own words.")}

    def __init__(self, *args: Any, destinations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["in_keeping_destinations"].queryset = destinations

    def validate_unique(self) -> None:
        """Names are unique per school; the service checks that, since it knows the school."""


class PhaseForm(ModelForm):
    first_year = forms.ChoiceField(label=_("First NC year"), choices=PHASE_YEAR_CHOICES)
    last_year = forms.ChoiceField(label=_("Last NC year"), choices=PHASE_YEAR_CHOICES)

    class Meta:
        model = Phase
        fields = list(PHASE_FIELDS)
        labels = {"name": _("Name"), "order": _("Order on lists"), "description": _("Description")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"order": _("Lower numbers come first.")}

    def validate_unique(self) -> None:
        """Names are unique per school; the service checks that, since it knows the school."""


class ClassGroupForm(ModelForm):
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=None, required=False, empty_label=_("No phase"))

    class Meta:
        model = ClassGroup
        fields = ["name", "phase"]
        labels = {"name": _("Class name")}

    def __init__(self, *args: Any, phases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = phases

    def validate_unique(self) -> None:
        """Names are unique per school and year; the service checks that, since it knows both."""


class AcademicYearForm(Form):
    start_year = forms.IntegerField(label=_("Year it starts in"), min_value=2000, max_value=2100,
                                    help_text=_("For 2026/27, enter 2026."))
    starts_on = forms.DateField(label=_("First day"), widget=GovukDateInput(),
                                help_text=_("For example, 1/9/2026. Most schools use 1 September."))
    ends_on = forms.DateField(label=_("Last day"), widget=GovukDateInput(),
                              help_text=_("For example, 31/8/2027. Most schools use 31 August."))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start_year, starts_on = data.get("start_year"), data.get("starts_on")
        if start_year and starts_on and starts_on.year not in (start_year, start_year - 1):
            self.add_error("starts_on", _("The first day should fall in the year the academic year starts."))
        return data


class TermForm(ModelForm):
    name = forms.ChoiceField(label=_("Term"), choices=TermName.choices, widget=forms.RadioSelect)

    class Meta:
        model = Term
        fields = list(TERM_FIELDS)
        widgets = {name: GovukDateInput() for name in TERM_FIELDS if name != "name"}
        help_texts = {
            "starts_on": _("For example, 5/1/2026."),
            "first_half_ends_on": _("The last school day before the half-term break. Leave both half-term "
                                    "dates empty if this term has no break."),
            "second_half_starts_on": _("The first school day after the half-term break."),
        }

    def validate_unique(self) -> None:
        """One term of each name per year; the service checks that, since it knows the year."""

    def _post_clean(self) -> None:
        # The model's own checks (dates in order, half term inside the term) need the academic
        # year, which the service sets; run them there so every message comes from one place.
        pass


class YearForm(Form):
    """Which academic year a page shows: the school's years, newest first."""

    show_optional = False
    year = forms.TypedChoiceField(label=_("Academic year"), coerce=int, required=False)

    def __init__(self, *args: Any, years: list[AcademicYear], current: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        starts = sorted({y.start_year for y in years} | {current}, reverse=True)
        self.fields["year"].choices = [(s, dates.academic_year_label(s)) for s in starts]
        self.current = current

    def start_year(self) -> int:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return self.current
