"""The page where a member creates and revokes their own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.api import selectors, services
from roadahead.api.forms import TokenForm
from roadahead.people.decorators import school_view


def _page(request: HttpRequest, form: TokenForm, *, new_token: str = "", new_token_name: str = "") -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    response = render(request, "api/token_list.html", {
        "form": form, "tokens": selectors.tokens_of(membership=membership), "new_token": new_token,
        "new_token_name": new_token_name, "can_write": services.may_write(membership),
    })
    # The page may carry a token's value: no browser or proxy may keep a copy.
    patch_cache_control(response, no_store=True)
    return response


@school_view()
def token_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    return _page(request, TokenForm(can_write=services.may_write(membership)))


@require_POST
@school_view()
def token_create(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    can_write = services.may_write(membership)
    form = TokenForm(request.POST, can_write=can_write)
    if form.is_valid():
        try:
            token, raw = services.create_token(membership=membership, name=form.cleaned_data["name"],
                                               read_only=form.read_only)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            # The value is shown in this one response and never again: it is not in the address,
            # the session or the database. Reloading would post the form again, not show it again.
            return _page(request, TokenForm(can_write=can_write), new_token=raw, new_token_name=token.name)
    return _page(request, form)


@require_POST
@school_view()
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    token = selectors.own_token(membership=membership, pk=pk)
    name = token.name
    services.revoke_token(token=token, by=request.user)
    messages.success(request, _("The token '%(name)s' has been revoked. Programs using it can no longer "
                                "connect.") % {"name": name})
    return redirect("api_tokens:list", school_slug=request.school.slug)  # type: ignore[attr-defined]
