from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form, ModelForm
from roadahead.providers.enums import ProviderKind
from roadahead.providers.models import Provider
from roadahead.providers.services import PROVIDER_FIELDS


class ProviderFilterForm(Form):
    show_optional = False
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        help_text=_("Name, town, postcode, contact or what they offer."))
    kind = forms.ChoiceField(label=_("Kind of provider"), required=False,
                             choices=[("", _("Any")), *ProviderKind.choices])
    send = forms.ChoiceField(label=_("SEND placements"), required=False,
                             choices=[("", _("Any")), ("yes", _("Hosts SEND placements")),
                                      ("no", _("Does not host them yet"))])
    status = forms.ChoiceField(label=_("Show"), required=False,
                               choices=[("active", _("Still working with us")),
                                        ("inactive", _("No longer working with us")),
                                        ("all", _("All providers"))])

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments for the submitted filters (the defaults if invalid)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "search": data.get("q", ""),
            "kind": data.get("kind", ""),
            "hosts_send": {"yes": True, "no": False}.get(data.get("send", "")),
            "active": {"active": True, "inactive": False, "all": None}.get(data.get("status") or "active"),
        }


class ProviderForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Declared by hand to say which scheme a bare "example.org" gets (Django 6 changes the default).
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Provider
        fields = list(PROVIDER_FIELDS)
        widgets = {
            "kind": forms.RadioSelect,
            "send_confidence": forms.RadioSelect,
            "offers": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "send_adjustments": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["contact_phone"].widget.attrs.update({"autocomplete": "off"})
        self.fields["postcode"].widget.attrs.update({"class": self.fields["postcode"].widget.attrs.get(
            "class", "") + " govuk-input--width-10", "autocomplete": "off"})
        self.fields["hosts_send_placements"].help_text = _(
            "Tick if they take pupils with SEND on placements or visits.")
        self.fields["is_active"].help_text = _("Untick when the school stops working with them. "
                                               "They stay in the directory so past records still make sense.")

    def validate_unique(self) -> None:
        """Names are unique per school; the service checks that, since it knows the school."""
