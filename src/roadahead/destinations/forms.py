from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form, GovukDateInput
from roadahead.destinations.enums import CheckInStatus
from roadahead.providers.models import Provider
from roadahead.schools.models import DestinationCategory, School

YES_NO = (("yes", _("Yes")), ("no", _("No")))


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DestinationCategory) -> str:  # type: ignore[override]
        return f"{obj.name} (NCCIS {obj.nccis_code})" if obj.nccis_code else obj.name


def _categories(school: School) -> Any:
    return DestinationCategory.objects.filter(school=school).order_by("order", "name")


def _providers(school: School) -> Any:
    return Provider.objects.filter(school=school, is_active=True).order_by("name")


class DestinationForm(Form):
    category = CategoryField(label=_("Destination"), queryset=None, empty_label=_("Choose a destination"))
    provider = forms.ModelChoiceField(label=_("Provider (optional)"), queryset=None, required=False,
                                      empty_label=_("None or not in the directory"),
                                      help_text=_("The college, employer or service, from your provider directory."))
    start_date = forms.DateField(label=_("Start date (optional)"), widget=GovukDateInput(), required=False,
                                 help_text=_("For example, 8/9/2026."))
    notes = forms.CharField(label=_("Notes (optional)"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories(school)
        self.fields["provider"].queryset = _providers(school)


class OverrideForm(Form):
    judgement = forms.ChoiceField(
        label=_("Is this destination in keeping with the pathway's aspiration?"), widget=forms.RadioSelect,
        choices=(("auto", _("Use the automatic judgement")), ("yes", _("Yes, in keeping")),
                 ("no", _("No, not in keeping"))))
    override_reason = forms.CharField(label=_("Why (needed when you overrule the automatic judgement)"),
                                      required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class CheckInForm(Form):
    done_on = forms.DateField(label=_("Date you checked"), widget=GovukDateInput(), required=False)
    status = forms.ChoiceField(label=_("What did you find?"), widget=forms.RadioSelect,
                               choices=CheckInStatus.choices, required=False)
    sustained = forms.ChoiceField(
        label=_("Has the young person stayed in education, training or work (or their chosen activity) since the "
                "last check?"), widget=forms.RadioSelect, choices=YES_NO, required=False,
        help_text=_("Leave blank if not known."))
    new_category = CategoryField(label=_("New destination (if it changed)"), queryset=None, required=False,
                                 empty_label=_("Choose the new destination"))
    new_provider = forms.ModelChoiceField(label=_("New provider (optional)"), queryset=None, required=False,
                                          empty_label=_("None or not in the directory"))
    new_start_date = forms.DateField(label=_("New destination's start date (optional)"), widget=GovukDateInput(),
                                     required=False)
    notes = forms.CharField(label=_("Notes (optional)"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_category"].queryset = _categories(school)
        self.fields["new_provider"].queryset = _providers(school)


class RetentionForm(Form):
    years_after_leaving = forms.IntegerField(
        label=_("Anonymise leavers this many years after they left"), min_value=3, max_value=25,
        help_text=_("At least three, so every check-in can be made."))
