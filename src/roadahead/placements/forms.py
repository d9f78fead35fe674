from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.activities.enums import ResponseMethod, Weekday
from roadahead.core.forms import Form, GovukDateInput
from roadahead.placements.enums import OnSiteKind, Outcome, PlacementKind, Where
from roadahead.placements.selectors import Confidence

DATE_HELP = _("For example, 14/01/2026.")


class ProviderChoiceField(forms.ModelChoiceField):
    """Each provider with what its past placements say about its confidence with SEND."""

    def __init__(self, *args: Any, confidence: dict[int, Confidence] | None = None, **kwargs: Any) -> None:
        self.confidence = confidence or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        found = self.confidence.get(obj.pk)
        if found is None:
            return str(obj.name)
        return f"{obj.name}: {_('hosted')} {found.summary}"


class PlacementForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("For example: Spring work experience at the community café."))
    kind = forms.ChoiceField(label=_("Kind of placement"), choices=PlacementKind.choices, widget=forms.RadioSelect)
    where = forms.ChoiceField(label=_("Where"), choices=Where.choices, widget=forms.RadioSelect)
    provider = ProviderChoiceField(label=_("Employer or provider"), queryset=None, required=False,
                                   empty_label=_("Choose a provider"),
                                   help_text=_("Needed for placements out of school. Each provider shows the pupils "
                                               "it has hosted before, by need, and how it went."))
    on_site_kind = forms.ChoiceField(label=_("Job in school"), choices=[("", _("Choose a job")), *OnSiteKind.choices],
                                     required=False, help_text=_("Needed for placements in school."))
    term = forms.ModelChoiceField(label=_("Term"), queryset=None, required=False, empty_label=_("No term: use dates"),
                                  help_text=_("Choose a term, or give the first and last days, or both."))
    starts_on = forms.DateField(label=_("First day"), widget=GovukDateInput(), required=False, help_text=DATE_HELP)
    ends_on = forms.DateField(label=_("Last day"), widget=GovukDateInput(), required=False, help_text=DATE_HELP)
    weekday = forms.TypedChoiceField(label=_("Day of the week"), choices=Weekday.choices, coerce=int)
    start_time = forms.TimeField(label=_("Starts at"), required=False, help_text=_("For example, 9:30."))
    end_time = forms.TimeField(label=_("Ends at"), required=False, help_text=_("For example, 12:00."))
    areas = forms.CharField(label=_("Work areas"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("One a line, for example: Café counter, Kitchen, Garden. "
                                        "You can add more later."))
    supervisor_name = forms.CharField(label=_("Supervisor"), max_length=200, required=False)
    supervisor_phone = forms.CharField(label=_("Supervisor's phone"), max_length=40, required=False)
    supervisor_email = forms.EmailField(label=_("Supervisor's email"), required=False)
    contacts = forms.CharField(label=_("Other contacts"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("Job coach, staff going with the pupils, who to ring if running late."))
    purpose = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    learning_outcomes = forms.CharField(label=_("Learning outcomes"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    health_safety_checked_on = forms.DateField(label=_("Health and safety check done on"), widget=GovukDateInput(),
                                               required=False, help_text=DATE_HELP)
    health_safety_expires_on = forms.DateField(label=_("Health and safety check valid until"),
                                               widget=GovukDateInput(), required=False, help_text=DATE_HELP)
    insurance_checked_on = forms.DateField(label=_("Employer's liability insurance seen on"),
                                           widget=GovukDateInput(), required=False, help_text=DATE_HELP)
    insurance_expires_on = forms.DateField(label=_("Insurance valid until"), widget=GovukDateInput(),
                                           required=False, help_text=DATE_HELP)
    purpose_shared = forms.BooleanField(label=_("A clear purpose is shared with the provider and the pupils"),
                                        required=False)
    outcomes_fitted = forms.BooleanField(label=_("Learning outcomes are fitted to the pupils"), required=False)
    two_way = forms.BooleanField(label=_("Pupils and the provider talk and do things together"), required=False)
    reflection = forms.BooleanField(label=_("Pupils have time to reflect afterwards"), required=False)
    employer_task = forms.BooleanField(label=_("Pupils do tasks set by the employer"), required=False)
    employer_feedback = forms.BooleanField(label=_("The employer gives the pupils feedback"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, providers: Any, terms: Any, confidence: dict[int, Confidence],
                 with_areas: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider_field = self.fields["provider"]
        provider_field.queryset = providers
        provider_field.confidence = confidence  # type: ignore[attr-defined]
        self.fields["term"].queryset = terms
        self.fields["term"].label_from_instance = str  # type: ignore[attr-defined]
        if not with_areas:
            del self.fields["areas"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("term") and not (data.get("starts_on") and data.get("ends_on")):
            self.add_error("starts_on", _("Choose a term, or give the first and last days."))
        return data


class AreaForm(Form):
    name = forms.CharField(label=_("Name of the area"), max_length=100,
                           help_text=_("For example: Stock room, Café counter, Garden."))
    tasks = forms.CharField(label=_("Tasks"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(Form):
    pupil = forms.ModelChoiceField(label=_("Pupil"), queryset=None, empty_label=_("Choose a pupil"))
    rotate_weeks = forms.IntegerField(label=_("Weeks rotating between areas first"), min_value=0, max_value=12,
                                      initial=0, help_text=_("For example 3: a different area each week for three "
                                                             "weeks, then they settle in one. 0 for no rotation."))
    rotate_from = forms.ModelChoiceField(label=_("Rotation starts in"), queryset=None, required=False,
                                         empty_label=_("The first area"),
                                         help_text=_("Start pupils in different areas so each area has someone."))
    area = forms.ModelChoiceField(label=_("Area they settle in"), queryset=None, required=False,
                                  empty_label=_("Not decided yet"))
    starts_on = forms.DateField(label=_("Joins on"), widget=GovukDateInput(), required=False,
                                help_text=_("Only if they join after the placement starts."))
    ends_on = forms.DateField(label=_("Leaves on"), widget=GovukDateInput(), required=False,
                              help_text=_("Only if they finish before the placement ends."))

    def __init__(self, *args: Any, pupils: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = pupils
        self.fields["pupil"].label_from_instance = lambda p: p.display_name  # type: ignore[attr-defined]
        self.fields["rotate_from"].queryset = areas
        self.fields["area"].queryset = areas


class ReportForm(Form):
    strengths = forms.CharField(label=_("Strengths"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    achievements = forms.CharField(label=_("Achievements"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    development = forms.CharField(label=_("Areas for development"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    employer_feedback = forms.CharField(label=_("The employer's feedback"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    reflection = forms.CharField(label=_("The pupil's own reflection"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("What they said, signed, pointed to or chose, in their words."))
    reflection_method = forms.ChoiceField(label=_("How the reflection was captured"), required=False,
                                          choices=[("", _("Choose how")), *ResponseMethod.choices])
    outcome = forms.ChoiceField(label=_("How it went"), required=False, widget=forms.RadioSelect,
                                choices=Outcome.choices,
                                help_text=_("Shown, counted and without names, on the provider's page."))
    outcome_notes = forms.CharField(label=_("Notes on how it went"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}),
                                    help_text=_("What helped and what got in the way. Do not use names: these "
                                                "notes are shown on the provider's page."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
