from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.activities.models import ActivityType
from roadahead.core.forms import Form, ModelForm


class ActivityTypeForm(ModelForm):
    benchmarks = forms.ModelMultipleChoiceField(
        label=_("Benchmarks it usually evidences"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ticked for each new activity of this type; staff can change them on the activity."))

    class Meta:
        model = ActivityType
        fields = ["name", "description", "default_setting", "is_provider_encounter", "is_workplace_experience",
                  "order", "is_active"]
        labels = {"default_setting": _("Usually takes place"), "order": _("Position in lists")}
        help_texts = {
            "is_provider_encounter": _("A college, training or apprenticeship provider talking about technical "
                                       "education: it counts towards the Provider Access Legislation."),
            "is_workplace_experience": _("Pupils experience a workplace: to be meaningful it also needs a task "
                                         "set by the employer and the employer's feedback."),
            "is_active": _("Untick to stop offering this type for new activities."),
        }

    def __init__(self, *args: Any, benchmarks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["benchmarks"].queryset = benchmarks
        self.fields["benchmarks"].label_from_instance = lambda b: f"{b.number}. {b.title}"
        if self.instance.pk and "benchmarks" not in self.initial:
            self.initial["benchmarks"] = list(self.instance.default_benchmarks.values_list("pk", flat=True))


class BenchmarkForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("What it asks of the school"), required=False, widget=forms.Textarea)
