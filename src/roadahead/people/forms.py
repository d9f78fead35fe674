from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from roadahead.core import dates
from roadahead.core.forms import Form, GovukDateInput, ModelForm
from roadahead.people.enums import NeedType, Role
from roadahead.people.models import Membership, Pupil
from roadahead.schools.models import ClassGroup, Pathway, nc_year_choices

BLANK = [("", _("Any"))]


class PupilSearchForm(Form):
    """Searching by name or UPN. Posted, never in the address: a typed name would otherwise sit in
    browser history and the web server's access log (security.md item 21)."""

    show_optional = False
    q = forms.CharField(label=_("Name or UPN"), required=False, max_length=100)


class PupilFilterForm(Form):
    show_optional = False
    year = forms.ChoiceField(label=_("Year"), required=False, choices=BLANK + nc_year_choices)
    class_group = forms.TypedChoiceField(label=_("Class"), required=False, coerce=int, empty_value=None)
    pathway = forms.TypedChoiceField(label=_("Pathway"), required=False, coerce=int, empty_value=None)
    need = forms.ChoiceField(label=_("Need"), required=False, choices=BLANK + list(NeedType.choices))
    lac = forms.ChoiceField(label=_("Looked after"), required=False,
                            choices=[("", _("Any")), ("yes", _("Looked after")), ("no", _("Not looked after"))])
    status = forms.ChoiceField(label=_("On roll"), required=False, initial="on_roll",
                               choices=[("on_roll", _("On roll")), ("left", _("Left")), ("all", _("All"))])

    def __init__(self, *args: Any, class_groups: list[ClassGroup], pathways: list[Pathway], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_group"].choices = BLANK + [(c.pk, c.name) for c in class_groups]
        self.fields["pathway"].choices = BLANK + [(p.pk, p.name) for p in pathways]


class PupilForm(ModelForm):
    primary_need = forms.ChoiceField(label=_("Primary need"), required=False,
                                     choices=[("", _("None recorded")), *NeedType.choices])
    secondary_needs = forms.MultipleChoiceField(label=_("Other needs"), required=False,
                                                choices=NeedType.choices, widget=forms.CheckboxSelectMultiple)
    nc_year = forms.ChoiceField(label=_("NC year this academic year"), choices=nc_year_choices)
    class_group = forms.ModelChoiceField(label=_("Class this academic year"), required=False,
                                         queryset=None, empty_label=_("No class"))
    pathway = forms.ModelChoiceField(label=_("Pathway this academic year"), required=False,
                                     queryset=None, empty_label=_("No pathway"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Pupil
        fields = ["upn", "legal_forename", "legal_surname", "preferred_forename", "preferred_surname",
                  "date_of_birth", "sex", "sen_provision", "ehcp_last_review", "ehcp_next_review",
                  "looked_after", "communication_notes", "date_joined", "date_left"]
        widgets = {name: GovukDateInput() for name in
                   ("date_of_birth", "ehcp_last_review", "ehcp_next_review", "date_joined", "date_left")}

    field_order = [
        "upn", "legal_forename", "legal_surname", "preferred_forename", "preferred_surname", "date_of_birth",
        "sex", "nc_year", "class_group", "pathway", "sen_provision", "primary_need", "secondary_needs",
        "ehcp_last_review", "ehcp_next_review", "looked_after", "communication_notes", "date_joined", "date_left",
    ]

    def __init__(self, *args: Any, class_groups: Any, pathways: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_group"].queryset = class_groups
        self.fields["pathway"].queryset = pathways
        # The unique-per-school check on UPN is made by the service, which knows the school.
        self.fields["upn"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def validate_unique(self) -> None:
        """Uniqueness is checked against this school by the view before saving."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        primary, others = data.get("primary_need"), data.get("secondary_needs") or []
        if primary and primary in others:
            self.add_error("secondary_needs", _("The primary need is already chosen above."))
        return data


class AddStaffForm(Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)


class EditStaffForm(ModelForm):
    # Declared here so the form class can be built without a school scope; the view sets the queryset.
    class_groups = forms.ModelMultipleChoiceField(label=_("Classes"), queryset=None, required=False,
                                                  widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Membership
        fields = ["role", "job_title", "is_active", "class_groups", "qualification_level", "independent_of_school"]
        widgets = {"role": forms.RadioSelect, "class_groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, class_groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_groups"].queryset = class_groups
        self.fields["class_groups"].help_text = _("Class staff see and record for the pupils in these classes.")
        self.fields["qualification_level"].help_text = _("Careers advisers only: Level 6 or above for Benchmark 8.")


class AssignPupilsForm(Form):
    """Assign a careers adviser a whole class or NC year at once, or one pupil."""

    class_group = forms.ModelChoiceField(label=_("Every pupil in a class"), queryset=ClassGroup.objects.none(),
                                         required=False, empty_label=_("Choose a class"))
    nc_year = forms.ChoiceField(label=_("Every pupil in a year group"), required=False)
    pupil = forms.ModelChoiceField(label=_("One pupil"), queryset=Pupil.objects.none(), required=False,
                                   empty_label=_("Choose a pupil"))

    def __init__(self, *args: Any, class_groups: Any, pupils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_group"].queryset = class_groups
        self.fields["nc_year"].choices = [("", _("Choose a year group"))] + [
            (code, dates.nc_year_label(code)) for code in dates.NC_YEAR_CODES]
        self.fields["pupil"].queryset = pupils
        self.fields["pupil"].label_from_instance = lambda p: p.sort_name  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(name) for name in ("class_group", "nc_year", "pupil")):
            raise ValidationError(_("Choose a class, a year group or a pupil to assign."))
        return data
