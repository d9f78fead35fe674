from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form, GovukDateInput
from roadahead.events.enums import Rating, Respondent
from roadahead.people.models import Pupil
from roadahead.providers.models import Provider

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


class ProviderChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Provider) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class EventForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Name of the event"), max_length=200,
                            help_text=_("For example: Spring careers and transition fair."))
    date = forms.DateField(label=_("Date"), input_formats=DATE_FORMATS, widget=GovukDateInput(),
                           help_text=_("For example, 12/03/2026."))
    end_date = forms.DateField(label=_("Last day"), input_formats=DATE_FORMATS, widget=GovukDateInput(),
                               required=False, help_text=_("Only for an event lasting more than one day."))
    purpose = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("What the event is for: who it helps and what they should find out."))
    invited = forms.CharField(label=_("Who was invited"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("For example: families of all pupils; Years 7 to 14 in person."))
    families_attended = forms.IntegerField(label=_("Families who came"), min_value=0, max_value=10000,
                                           required=False, initial=0,
                                           help_text=_("Leave at 0 until the event has happened."))
    stallholders = ProviderChoiceField(label=_("Stallholders"), queryset=Provider.objects.none(), required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("Choose from the provider directory. Add a provider to the "
                                                   "directory first if they are not listed."))

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stallholders"].queryset = providers
        self.fields["families_attended"].widget.attrs.update({"inputmode": "numeric"})

    def clean_families_attended(self) -> int:
        return self.cleaned_data.get("families_attended") or 0


class MakeLinksForm(Form):
    respondent = forms.ChoiceField(label=_("Who are the links for?"), choices=Respondent.choices,
                                   widget=forms.RadioSelect,
                                   help_text=_("The form uses words that suit them."))
    label = forms.CharField(label=_("A note to help you remember who you gave them to"), max_length=100,
                            required=False, help_text=_("For example: families at the fair, table 3. "
                                                        "Avoid full names."))
    count = forms.IntegerField(label=_("How many links?"), min_value=1, max_value=50, initial=1,
                               help_text=_("Each link works once, for one person. Up to 50 at a time."))
    valid_days = forms.IntegerField(label=_("Days the links work for"), min_value=1, max_value=365, initial=30)


class StaffFeedbackForm(Form):
    """Feedback collected on paper, with symbols or by talking it through, typed in by staff."""

    respondent = forms.ChoiceField(label=_("Who gave the feedback?"), choices=Respondent.choices,
                                   widget=forms.RadioSelect)
    pupil = forms.ModelChoiceField(label=_("Pupil"), queryset=Pupil.objects.none(), required=False,
                                   empty_label=_("No pupil"),
                                   help_text=_("For a pupil's own feedback, or a family's about their child."))
    provider = forms.ModelChoiceField(label=_("Stallholder"), queryset=Provider.objects.none(), required=False,
                                      empty_label=_("No stallholder"),
                                      help_text=_("For feedback from an employer or provider."))
    rating = forms.TypedChoiceField(label=_("How useful was it?"), choices=Rating.choices, coerce=int,
                                    required=False, empty_value=None, widget=forms.RadioSelect)
    liked = forms.CharField(label=_("What was good"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    improve = forms.CharField(label=_("What could be better"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label=_("What they want to find out or do next"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, pupils: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = pupils
        self.fields["pupil"].label_from_instance = lambda p: p.display_name
        self.fields["provider"].queryset = providers


# What each kind of respondent is asked, in words that suit them. Pupils get the shortest words:
# many read with symbols, or have the form read to them.
WORDING: dict[str, dict[str, Any]] = {
    Respondent.FAMILY: {
        "heading": _("Tell us what you thought of the event"),
        "intro": _("Your answers help us plan the next event for families. It takes about two minutes. "
                   "Every question is optional."),
        "rating": _("How useful was the event for you and your child?"),
        "liked": _("What was good about it?"),
        "improve": _("What could we do better next time?"),
        "next_steps": _("Is there anything you or your child would like to find out more about?"),
        "ratings": {1: _("Not useful"), 2: _("Quite useful"), 3: _("Useful"), 4: _("Very useful")},
    },
    Respondent.PROVIDER: {
        "heading": _("Tell us how the event went for you"),
        "intro": _("Thank you for having a stall. Your answers help us make the next event better for "
                   "pupils and for you. Every question is optional."),
        "rating": _("How useful was the event for your organisation?"),
        "liked": _("What went well?"),
        "improve": _("What could the school do better?"),
        "next_steps": _("Would you like to do more with the school? Tell us what."),
        "ratings": {1: _("Not useful"), 2: _("Quite useful"), 3: _("Useful"), 4: _("Very useful")},
    },
    Respondent.PUPIL: {
        "heading": _("What did you think?"),
        "intro": _("Tell us about the event. You can answer some questions or all of them."),
        "rating": _("Did the event help you?"),
        "liked": _("What did you like?"),
        "improve": _("What did you not like?"),
        "next_steps": _("What do you want to find out or do next?"),
        "ratings": {1: _("No"), 2: _("A little"), 3: _("Yes"), 4: _("Yes, a lot")},
    },
    Respondent.STAFF: {
        "heading": _("How did the event go for your pupils?"),
        "intro": _("Your view helps the careers leader plan the next event. Every question is optional."),
        "rating": _("How useful was the event for your pupils?"),
        "liked": _("What worked well?"),
        "improve": _("What could be better?"),
        "next_steps": _("What should pupils find out or do next?"),
        "ratings": {1: _("Not useful"), 2: _("Quite useful"), 3: _("Useful"), 4: _("Very useful")},
    },
}


class PublicFeedbackForm(Form):
    """The one-time form a family, provider, pupil or member of staff fills in from a link."""

    show_optional = False
    rating = forms.TypedChoiceField(choices=Rating.choices, coerce=int, required=False, empty_value=None,
                                    widget=forms.RadioSelect)
    liked = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    improve = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    next_steps = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, respondent: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wording = WORDING[respondent]
        for name in ("rating", "liked", "improve", "next_steps"):
            self.fields[name].label = self.wording[name]
        self.fields["rating"].choices = list(self.wording["ratings"].items())
        # The GOV.UK mixin has already bound the fields; bind them again to pick up the new labels.
        self._bound_fields_cache = {}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("rating") and not any(data.get(n) for n in ("liked", "improve", "next_steps")):
            raise forms.ValidationError(_("Choose an answer or write something in one of the boxes, "
                                          "then press Send."))
        return data
