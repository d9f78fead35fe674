from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.activities.models import Participation
from roadahead.core.forms import Form, GovukDateInput
from roadahead.people.models import Pupil
from roadahead.skills.enums import Method
from roadahead.skills.models import Framework, Skill
from roadahead.skills.selectors import GROUPINGS


def step_choices(labels: dict[int, str], *, blank: str) -> list[tuple[str, str]]:
    return [("", blank)] + [(str(value), f"{value}: {label}") for value, label in sorted(labels.items())]


class _Common(Form):
    # Every step is optional on its own; saying so on each would be noise.
    show_optional = False
    date = forms.DateField(label=_("Date"), widget=GovukDateInput(), input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                           help_text=_("For example, 14/03/2026."))
    method = forms.ChoiceField(label=_("How it was judged"), choices=Method.choices, initial=Method.OBSERVATION)
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("What the pupil did or said that shows this step."))

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if self.today is not None and day > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    today: dt.date | None = None


class ParticipationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Participation) -> str:  # type: ignore[override]
        return f"{obj.activity.date:%d/%m/%Y}: {obj.activity.title}"


class PupilRecordForm(_Common):
    """Several skills for one pupil at once: each skill's step is optional; at least one is needed."""

    participation = ParticipationChoiceField(label=_("Activity it comes from"), queryset=None, required=False,
                                             empty_label=_("Not linked to an activity"),
                                             help_text=_("Activities the pupil took part in over the last year."))

    def __init__(self, *args: Any, skills: Sequence[Skill], labels: dict[int, dict[int, str]],
                 latest: dict[int, tuple[dt.date, int]], activities: Any, today: dt.date, **kwargs: Any) -> None:
        self.today = today
        super().__init__(*args, **kwargs)
        self.fields["participation"].queryset = activities
        self.skill_fields: list[tuple[Skill, str]] = []
        for skill in skills:
            name = f"step_{skill.pk}"
            before = latest.get(skill.pk)
            hint = (_("Last time: step %(step)s on %(date)s.") % {"step": before[1], "date": f"{before[0]:%d/%m/%Y}"}
                    if before else _("Not assessed before."))
            self.fields[name] = forms.TypedChoiceField(
                label=skill.name, required=False, coerce=int, empty_value=None, help_text=hint,
                choices=step_choices(labels.get(skill.framework_id, {}), blank=str(_("Not assessed this time"))))
            self.fields[name].widget.attrs["class"] = "govuk-select"
            self.skill_fields.append((skill, name))

    def chosen(self) -> list[tuple[Skill, int]]:
        return [(skill, self.cleaned_data[name]) for skill, name in self.skill_fields
                if self.cleaned_data.get(name) is not None]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.skill_fields and not any(data.get(name) is not None for _s, name in self.skill_fields):
            raise forms.ValidationError(_("Choose a step for at least one skill."))
        return data

    def groups(self) -> list[tuple[Any, list[Any]]]:
        """The step fields grouped under their framework, for fieldsets."""
        grouped: dict[int, tuple[Any, list[Any]]] = {}
        for skill, name in self.skill_fields:
            grouped.setdefault(skill.framework_id, (skill.framework, []))[1].append(self[name])
        return list(grouped.values())


class ClassPickForm(Form):
    show_optional = False
    class_group = forms.ModelChoiceField(label=_("Class"), queryset=None, empty_label=None)
    skill = forms.ModelChoiceField(label=_("Skill"), queryset=None, empty_label=None)

    def __init__(self, *args: Any, classes: Any, skills: Sequence[Skill], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_group"].queryset = classes
        self.fields["skill"].queryset = Skill.objects.filter(pk__in=[s.pk for s in skills]).select_related(
            "framework").order_by("framework__position", "framework__name", "position", "name")
        self.fields["skill"].label_from_instance = lambda s: f"{s.framework.name}: {s.name}"


class ClassRecordForm(_Common):
    """One skill for many pupils: each pupil's step is optional."""

    def __init__(self, *args: Any, pupils: Sequence[Pupil], labels: dict[int, str],
                 latest: dict[int, tuple[dt.date, int]], today: dt.date, **kwargs: Any) -> None:
        self.today = today
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _("Recorded for every pupil given a step, such as the task they did.")
        self.pupil_fields: list[tuple[Pupil, str]] = []
        for pupil in pupils:
            name = f"pupil_{pupil.pk}"
            before = latest.get(pupil.pk)
            hint = (_("Last time: step %(step)s on %(date)s.") % {"step": before[1], "date": f"{before[0]:%d/%m/%Y}"}
                    if before else _("Not assessed before."))
            self.fields[name] = forms.TypedChoiceField(
                label=pupil.display_name, required=False, coerce=int, empty_value=None, help_text=hint,
                choices=step_choices(labels, blank=str(_("Not assessed this time"))))
            self.fields[name].widget.attrs["class"] = "govuk-select"
            self.pupil_fields.append((pupil, name))

    def chosen(self) -> list[tuple[Pupil, int]]:
        return [(pupil, self.cleaned_data[name]) for pupil, name in self.pupil_fields
                if self.cleaned_data.get(name) is not None]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(name) is not None for _p, name in self.pupil_fields):
            raise forms.ValidationError(_("Choose a step for at least one pupil."))
        return data

    def step_fields(self) -> list[Any]:
        return [self[name] for _p, name in self.pupil_fields]


class CohortForm(Form):
    show_optional = False
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=None, empty_label=None, required=False)
    by = forms.ChoiceField(label=_("Group pupils by"), choices=list(GROUPINGS.items()), required=False)

    def __init__(self, *args: Any, frameworks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks

    def chosen(self) -> tuple[Framework | None, str]:
        frameworks = self.fields["framework"].queryset
        if self.is_bound and self.is_valid():
            return (self.cleaned_data.get("framework") or frameworks.first(), self.cleaned_data.get("by") or "year")
        return frameworks.first(), "year"


class FrameworkForm(Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    archived = forms.BooleanField(label=_("Archived: keep its history but take no new assessments"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SkillForm(FrameworkForm):
    pass


class NewSkillForm(Form):
    name = forms.CharField(label=_("Name of the skill"), max_length=100)
    description = forms.CharField(label=_("What it means"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

