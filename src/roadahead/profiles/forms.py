from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form, GovukDateInput
from roadahead.profiles import images
from roadahead.profiles.enums import CaptureMethod, EntryKind, PictureSection, Source
from roadahead.profiles.models import ProfileEntry

DATE_HELP = _("For example, 14/03/2026.")


class EntryForm(Form):
    kind = forms.ChoiceField(label=_("What kind of entry is it?"), choices=EntryKind.choices,
                             widget=forms.RadioSelect)
    text = forms.CharField(label=_("What it says"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Use the pupil's own words where you have them."))
    source = forms.ChoiceField(label=_("Where it came from"), choices=Source.choices)
    captured = forms.ChoiceField(label=_("How it was captured"), choices=CaptureMethod.choices,
                                 widget=forms.RadioSelect)
    recorded_on = forms.DateField(label=_("Date"), widget=GovukDateInput(), help_text=DATE_HELP)
    on_my_future = forms.BooleanField(label=_("Show on the pupil's My future page"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EndEntryForm(Form):
    ended_on = forms.DateField(label=_("No longer true from"), widget=GovukDateInput(), help_text=DATE_HELP)
    reason = forms.CharField(label=_("Why it changed"), max_length=300, required=False,
                             help_text=_("For example: after the college taster day she chose catering."))
    replacement = forms.CharField(label=_("What is true now"), max_length=500, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("Leave empty if nothing replaces it. A new entry of the same kind, "
                                              "source and capture is added."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CategoryField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=None, required=False, empty_label=_("Not decided"), **kwargs)


class PlanForm(Form):
    pupil_category = CategoryField(label=_("What the pupil aims for after school"))
    pupil_aim = forms.CharField(label=_("In the pupil's words"), max_length=2000, required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    family_category = CategoryField(label=_("What the family aims for"))
    family_aim = forms.CharField(label=_("What the family says"), max_length=2000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    school_category = CategoryField(label=_("What the school aims for"))
    school_aim = forms.CharField(label=_("The school's view"), max_length=2000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    plan = forms.CharField(label=_("Transition plan"), max_length=5000, required=False,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("The steps agreed towards leaving school: visits, tasters, applications, "
                                       "travel training."))
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=GovukDateInput(), help_text=DATE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, categories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("pupil_category", "family_category", "school_category"):
            self.fields[name].queryset = categories


class EntryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ProfileEntry) -> str:  # type: ignore[override]
        return f"{obj.get_kind_display()}: {obj.text}"


class MyFutureForm(Form):
    entries = EntryChoiceField(label=_("What the page shows"), queryset=None, required=False,
                               widget=forms.CheckboxSelectMultiple,
                               help_text=_("Likes and interests go under What I like, strengths under What I am "
                                           "good at, aspirations and wishes under What I want next."))
    next_steps = forms.CharField(label=_("My next steps"), max_length=2000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("In simple words, one step on each line. For example: "
                                             "Visit the college with Mum in May."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, entries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries


class PictureForm(Form):
    image = forms.FileField(label=_("Photo or picture"),
                            help_text=_("A JPEG, PNG, GIF or WebP picture smaller than 5 MB. Use photos the "
                                        "school may use, or pictures the pupil drew or chose; do not upload "
                                        "symbols from a paid symbol set."))
    section = forms.ChoiceField(label=_("Where it goes"), choices=PictureSection.choices)
    alt_text = forms.CharField(label=_("What the picture shows"), max_length=200,
                               help_text=_("Read out by screen readers. For example: Sam feeding a goat at the "
                                           "city farm."))

    def clean_image(self) -> bytes:
        upload = self.cleaned_data["image"]
        if upload.size > images.MAX_BYTES:
            raise forms.ValidationError(_("The picture must be smaller than 5 MB."))
        data = upload.read(images.MAX_BYTES + 1)
        try:
            images.clean_image(data)  # checked here to show the error on the field; stored by the service
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return data
