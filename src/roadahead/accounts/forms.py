from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form


class CodeForm(Form):
    code = forms.CharField(
        label=_("Code"), max_length=40, strip=True,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false",
                                      "class": "govuk-input--width-10", "autocapitalize": "off"}))


class SetupCodeForm(Form):
    code = forms.CharField(
        label=_("Code from the app"), max_length=10, strip=True,
        help_text=_("The 6 digits the app shows for Road Ahead."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "spellcheck": "false", "class": "govuk-input--width-5"}))
