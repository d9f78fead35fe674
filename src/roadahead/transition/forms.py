"""Forms for transition visits: a pair, one half, an individual visit, the intended destination
update offered from a visit, and the list filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.activities.enums import Attendance, Engagement, Reaction, ResponseMethod
from roadahead.core.forms import Form, GovukDateInput
from roadahead.people.models import Pupil
from roadahead.transition.enums import Companion, VisitKind

DATE_HINT = _("For example, 14/03/2026.")
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class PupilChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Pupil) -> str:  # type: ignore[override]
        return obj.display_name


def _type_choices(field: forms.ModelChoiceField, types: Any, default_type: Any) -> None:
    """The school's types with the transition visit chosen; if the school has lost that type,
    the empty choice stands for it (the service makes it again)."""
    field.queryset = types
    if default_type is not None:
        field.empty_label = None
        field.initial = default_type.pk
    else:
        field.empty_label = _("Transition visit")


class PairForm(Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None, empty_label=_("Choose a provider"),
                                      help_text=_("A college, day service, training provider or workplace from "
                                                  "your provider directory."))
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Leave empty for 'Transition visits: ' and the provider's name."))
    purpose = forms.CharField(label=_("What the visits are for"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("For example: to see whether the catering course suits this group."))
    class_group = forms.TypedChoiceField(label=_("A whole class"), required=False, coerce=int, empty_value=None,
                                         help_text=_("Everyone in the class joins the group, with any pupils "
                                                     "ticked below."))
    pupils = PupilChoiceField(label=_("Pupils"), queryset=None, required=False,
                              widget=forms.CheckboxSelectMultiple)
    activity_type = forms.ModelChoiceField(label=_("Type of activity for both visits"), queryset=None, required=False,
                              help_text=_("Transition visit unless the visits count as something else too."))
    in_school_date = forms.DateField(label=_("Date of the provider's visit to school"), required=False,
                                     widget=GovukDateInput(), input_formats=DATE_FORMATS,
                                     help_text=_("Leave empty if it is not arranged yet."))
    people_met = forms.CharField(label=_("Who is coming from the provider"), max_length=500, required=False,
                                 help_text=_("Roles rather than names: two college tutors."))
    at_provider_date = forms.DateField(label=_("Date of the pupils' visit to the provider"), required=False,
                                       widget=GovukDateInput(), input_formats=DATE_FORMATS,
                                       help_text=_("Leave empty if it is not arranged yet."))

    def __init__(self, *args: Any, providers: Any, pupils: Any, class_groups: list[Any], types: Any,
                 default_type: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["pupils"].queryset = pupils
        self.fields["class_group"].choices = [("", _("No class"))] + [(c.pk, c.name) for c in class_groups]
        _type_choices(self.fields["activity_type"], types, default_type)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("in_school_date") and not data.get("at_provider_date") and not self.errors:
            self.add_error("in_school_date", _("Give the date of at least one of the two visits."))
        if not data.get("pupils") and not data.get("class_group") and "pupils" not in self.errors:
            self.add_error("pupils", _("Choose a class or tick the pupils the provider may suit."))
        return data


class PairEditForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = forms.CharField(label=_("What the visits are for"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    pupils = PupilChoiceField(label=_("Pupils"), queryset=None, widget=forms.CheckboxSelectMultiple,
                              error_messages={"required": _("Tick the pupils the provider may suit.")})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, pupils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pupils"].queryset = pupils


class HalfForm(Form):
    date = forms.DateField(label=_("Date"), widget=GovukDateInput(), input_formats=DATE_FORMATS, help_text=DATE_HINT)
    activity_type = forms.ModelChoiceField(label=_("Type of activity"), queryset=None, required=False)
    people_met = forms.CharField(label=_("Who the pupils meet"), max_length=500, required=False,
                                 help_text=_("Roles rather than names: the course leader, a student guide."))

    def __init__(self, *args: Any, types: Any, default_type: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _type_choices(self.fields["activity_type"], types, default_type)


class VisitForm(Form):
    """One pupil's own visit to a provider."""

    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None, empty_label=_("Choose a provider"))
    date = forms.DateField(label=_("Date of the visit"), widget=GovukDateInput(), input_formats=DATE_FORMATS,
                           help_text=DATE_HINT)
    companions = forms.MultipleChoiceField(label=_("Who went with the pupil"), required=False,
                                           choices=Companion.choices, widget=forms.CheckboxSelectMultiple,
                                           help_text=_("Choose all that apply."))
    companions_note = forms.CharField(label=_("Who else went"), max_length=200, required=False,
                                      help_text=_("For example: her grandad; the college's transition worker."))
    attendance = forms.ChoiceField(label=_("Did the pupil go?"), choices=Attendance.choices,
                                   initial=Attendance.ATTENDED, widget=forms.RadioSelect)
    engagement = forms.TypedChoiceField(label=_("How they engaged"), required=False, coerce=int, empty_value=None,
                                        choices=Engagement.choices, widget=forms.RadioSelect)
    reaction = forms.ChoiceField(label=_("How they felt about it"), required=False, choices=Reaction.choices,
                                 widget=forms.RadioSelect)
    response = forms.CharField(label=_("What the pupil thought"), required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("What they said, signed or chose, as they expressed it."))
    response_method = forms.ChoiceField(label=_("How it was captured"), required=False,
                                        choices=[("", _("Not said")), *ResponseMethod.choices])
    staff_note = forms.CharField(label=_("Staff note"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    next_steps = forms.CharField(label=_("Next steps"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("For example: a second visit in May with Mum; travel training."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class DestinationForm(Form):
    """The intended destination for this academic year, offered from a transition visit."""

    pupil_category = forms.ModelChoiceField(label=_("The pupil's aim"), queryset=None, required=False,
                                   empty_label=_("Not chosen"))
    pupil_aim = forms.CharField(label=_("In the pupil's words"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 2}))
    family_category = forms.ModelChoiceField(label=_("The family's aim"), queryset=None, required=False,
                                    empty_label=_("Not chosen"))
    family_aim = forms.CharField(label=_("What the family says"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    school_category = forms.ModelChoiceField(label=_("The school's aim"), queryset=None, required=False,
                                    empty_label=_("Not chosen"))
    school_aim = forms.CharField(label=_("What the school aims for"), required=False, max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    plan = forms.CharField(label=_("Transition plan"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("The steps agreed towards leaving school. A line about this visit is "
                                       "added for you; change it as you need."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, categories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("pupil_category", "family_category", "school_category"):
            self.fields[name].queryset = categories


class VisitFilterForm(Form):
    show_optional = False
    provider = forms.TypedChoiceField(label=_("Provider"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind of visit"), required=False,
                             choices=[("", _("Any")), *VisitKind.choices])

    def __init__(self, *args: Any, providers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [("", _("Any"))] + [(p.pk, p.name) for p in providers]
