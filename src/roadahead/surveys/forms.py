from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form, GovukDateInput
from roadahead.surveys.enums import RATING_LABELS, Group, Kind, Method, YesNo
from roadahead.surveys.models import Question

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y"]
CHOOSE_SHOWN = _("Choose one of the answers shown.")


class SurveyForm(Form):
    title = forms.CharField(label=_("Title"), max_length=120,
                            help_text=_("For example: Careers programme review 2025/26."))
    academic_year = forms.TypedChoiceField(label=_("Academic year"), coerce=int)
    opens_on = forms.DateField(label=_("Opens"), widget=GovukDateInput(), input_formats=DATE_FORMATS,
                               help_text=_("For example, 1/6/2026."))
    closes_on = forms.DateField(label=_("Closes"), widget=GovukDateInput(), input_formats=DATE_FORMATS)

    def __init__(self, *args: Any, years: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].choices = years  # type: ignore[attr-defined]


class SurveyEditForm(SurveyForm):
    is_open = forms.BooleanField(label=_("Taking answers"), required=False,
                                 help_text=_("Untick to stop answers before the closing date."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, years=[], **kwargs)
        del self.fields["academic_year"]


class QuestionForm(Form):
    text = forms.CharField(label=_("Question"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Short and concrete. For pupils, one idea in everyday words."))
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Kind.choices, widget=forms.RadioSelect)
    groups = forms.MultipleChoiceField(label=_("Who is asked"), choices=Group.choices,
                                       widget=forms.CheckboxSelectMultiple,
                                       error_messages={"required": _("Choose at least one group to ask.")})


class QuestionEditForm(QuestionForm):
    order = forms.IntegerField(label=_("Position"), min_value=0, max_value=999)
    is_active = forms.BooleanField(label=_("Ask this question"), required=False,
                                   help_text=_("Untick to switch it off. Answers already given are kept."))


class EntryForm(Form):
    """How the answer was given, when staff enter it on someone's behalf."""

    method = forms.ChoiceField(label=_("How were the answers given?"), widget=forms.RadioSelect,
                               choices=[(m.value, m.label) for m in Method if m != Method.ONLINE])


class AnswersForm(Form):
    """One field per question a group is asked, named q<id>. Every question may be left out."""

    show_optional = False

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = self._field(question)
        # The mixin styles widgets on creation; these fields were added after it ran.
        for bound in self:
            widget = bound.field.widget
            css = {"radioselect": "govuk-radios__input", "textarea": "govuk-textarea"}.get(bound.widget_type, "")
            if css and css not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    @staticmethod
    def _field(question: Question) -> forms.Field:
        errors = {"invalid_choice": CHOOSE_SHOWN}
        if question.kind == Kind.RATING:
            return forms.TypedChoiceField(label=question.text, required=False, coerce=int, empty_value=None,
                                          choices=[(n, label) for n, label in RATING_LABELS.items()],
                                          widget=forms.RadioSelect, error_messages=errors)
        if question.kind == Kind.YES_NO:
            return forms.ChoiceField(label=question.text, required=False, choices=YesNo.choices,
                                     widget=forms.RadioSelect, error_messages=errors)
        return forms.CharField(label=question.text, required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 4}))

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
