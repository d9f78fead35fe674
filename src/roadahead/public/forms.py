from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import GovukDateInput, ModelForm
from roadahead.public.models import PublicPage
from roadahead.public.services import PAGE_FIELDS


class PublicPageForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PublicPage
        fields = list(PAGE_FIELDS)
        widgets = {
            "next_review_on": GovukDateInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "impact": forms.Textarea(attrs={"rows": 4}),
            "guidance": forms.Textarea(attrs={"rows": 4}),
            "pal_how_to_ask": forms.Textarea(attrs={"rows": 3}),
            "pal_refusal_grounds": forms.Textarea(attrs={"rows": 3}),
            "pal_premises": forms.Textarea(attrs={"rows": 3}),
            "pal_times": forms.Textarea(attrs={"rows": 3}),
            "safeguarding": forms.Textarea(attrs={"rows": 3}),
            "easy_read": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "leader_phone": _("The school's number with an extension is fine."),
            "next_review_on": _("For example, 1/9/2026. Staff are warned when this date has passed."),
            "pal_how_to_ask": _("For example: email the careers leader with the dates you can offer."),
            "pal_contact": _("A name, job title, email address or phone number."),
            "pal_refusal_grounds": _("For example: a clash with exams, or no safeguarding check yet."),
            "easy_read": _("Short sentences, one idea each. Leave it empty to show only the main points."),
            "published": _("Anyone can read the page once it is published."),
        }
        labels = {"published": _("Publish this page")}
