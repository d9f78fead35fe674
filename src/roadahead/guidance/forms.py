"""Forms for recording a guidance meeting, its agreed actions, and filtering the lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form, GovukDateInput
from roadahead.guidance.enums import Advocate, Communication, Mode, Qualification
from roadahead.people.models import Membership
from roadahead.schools.models import ClassGroup, nc_year_choices

BLANK = [("", _("Any"))]
DATE_HINT = _("For example, 14/03/2026.")
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        return f"{obj.user.display_name} ({obj.get_role_display()})"


class MeetingForm(Form):
    adviser = MemberChoiceField(label=_("Who held the meeting"), queryset=None, empty_label=None)
    date = forms.DateField(label=_("Date of the meeting"), widget=GovukDateInput(), help_text=DATE_HINT,
                           input_formats=DATE_FORMATS)
    adviser_qualification = forms.ChoiceField(
        label=_("Their careers guidance qualification"), required=False,
        choices=[("", _("As on their staff record")), *Qualification.choices],
        help_text=_("Benchmark 8 asks for an adviser qualified to Level 6 or above (the CDI register level)."))
    adviser_independent = forms.ChoiceField(
        label=_("Independent of the school?"), required=False, widget=forms.RadioSelect,
        choices=[("", _("As on their staff record")), ("yes", _("Yes, independent of the school")),
                 ("no", _("No, employed by the school"))])
    mode = forms.ChoiceField(label=_("How the meeting was held"), choices=Mode.choices, widget=forms.RadioSelect)
    advocate = forms.ChoiceField(label=_("Who supported the pupil or spoke up for them"), choices=Advocate.choices)
    communication = forms.MultipleChoiceField(
        label=_("How the pupil communicated"), required=False, choices=Communication.choices,
        widget=forms.CheckboxSelectMultiple, help_text=_("Choose all that apply."))
    support_notes = forms.CharField(
        label=_("How they were supported"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the class teacher used the pupil's symbol book and checked each choice twice."))
    pupil_words = forms.CharField(
        label=_("The pupil's own words"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What they said, signed or chose, as they expressed it. Say if an advocate put it into words."))
    discussed = forms.CharField(label=_("What was discussed"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    next_due = forms.DateField(label=_("Next meeting due"), required=False, widget=GovukDateInput(),
                               help_text=DATE_HINT, input_formats=DATE_FORMATS)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, advisers: Any | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if advisers is None:
            # An adviser records the meetings they held themselves: there is no one to choose.
            del self.fields["adviser"]
        else:
            self.fields["adviser"].queryset = advisers

    def meeting_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["adviser_qualification"] = data.get("adviser_qualification") or None
        independent = data.get("adviser_independent")
        data["adviser_independent"] = None if not independent else independent == "yes"
        return data


class ActionForm(Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    description = forms.CharField(label=_("What is to be done"), max_length=300, required=False,
                                  help_text=_("For example: visit the farm college open day."))
    owner_member = MemberChoiceField(label=_("Member of staff doing it"), queryset=None, required=False,
                                     empty_label=_("Not a member of staff"))
    owner_text = forms.CharField(label=_("Or who else is doing it"), max_length=120, required=False,
                                 help_text=_("The pupil, Mum, the college…"))
    due_on = forms.DateField(label=_("Due by"), required=False, widget=GovukDateInput(), help_text=DATE_HINT,
                             input_formats=DATE_FORMATS)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=GovukDateInput(), help_text=DATE_HINT,
                              input_formats=DATE_FORMATS)

    def __init__(self, *args: Any, staff: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_member"].queryset = staff if staff is not None else Membership.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        others = [data.get(name) for name in ("owner_member", "owner_text", "due_on", "done_on")]
        if any(others) and not (data.get("description") or "").strip():
            self.add_error("description", _("Say what the action is, or clear the other boxes for it."))
        return data


class BaseActionFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, staff: Any = None, **kwargs: Any) -> None:
        self.staff = staff
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "staff": self.staff}


ActionFormSet = forms.formset_factory(ActionForm, formset=BaseActionFormSet, extra=3, can_delete=True,
                                      max_num=20, validate_max=True)


class DoneForm(Form):
    done_on = forms.DateField(label=_("Done on"), widget=GovukDateInput(), help_text=DATE_HINT,
                              input_formats=DATE_FORMATS)


class MeetingFilterForm(Form):
    show_optional = False
    weeks = forms.TypedChoiceField(label=_("Due within"), coerce=int, required=False, empty_value=4,
                                   choices=[(2, _("2 weeks")), (4, _("4 weeks")), (6, _("6 weeks")),
                                            (8, _("8 weeks")), (13, _("a term (13 weeks)"))])
    adviser = forms.TypedChoiceField(label=_("Adviser"), coerce=int, required=False, empty_value=None)
    year = forms.ChoiceField(label=_("Year"), required=False, choices=BLANK + nc_year_choices)
    class_group = forms.TypedChoiceField(label=_("Class"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, advisers: list[Membership], class_groups: list[ClassGroup],
                 with_weeks: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].choices = BLANK + [(m.pk, m.user.display_name) for m in advisers]
        self.fields["class_group"].choices = BLANK + [(c.pk, c.name) for c in class_groups]
        if not with_weeks:
            del self.fields["weeks"]

    def values(self) -> dict[str, Any]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data
        return {"weeks": 4, "adviser": None, "year": "", "class_group": None}


class ActionFilterForm(Form):
    show_optional = False
    owner = forms.TypedChoiceField(label=_("Who is doing it"), coerce=int, required=False, empty_value=None)
    due = forms.ChoiceField(label=_("Due"), required=False,
                            choices=[("", _("Any time")), ("overdue", _("Overdue")),
                                     ("soon", _("In the next 4 weeks"))])
    adviser = forms.TypedChoiceField(label=_("Agreed with adviser"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, staff: list[Membership], advisers: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = BLANK + [(m.pk, m.user.display_name) for m in staff]
        self.fields["adviser"].choices = BLANK + [(m.pk, m.user.display_name) for m in advisers]

    def values(self) -> dict[str, Any]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data
        return {"owner": None, "due": "", "adviser": None}
