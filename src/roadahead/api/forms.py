from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadahead.core.forms import Form

READ = "read"
WRITE = "write"


class TokenForm(Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100,
                           help_text=_("For example: weekly export to the trust's dashboard."))
    access = forms.ChoiceField(label=_("What it can do"), widget=forms.RadioSelect, initial=READ,
                               choices=[(READ, _("Read only")), (WRITE, _("Read and make changes"))])

    def __init__(self, *args: Any, can_write: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_write:
            # Senior leaders and governors only read, so the choice would be meaningless.
            del self.fields["access"]

    @property
    def read_only(self) -> bool:
        return self.cleaned_data.get("access", READ) != WRITE
