from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.core.forms import add_validation_errors
from roadahead.people import rules
from roadahead.people.decorators import school_view
from roadahead.providers import selectors, services
from roadahead.providers.forms import ProviderFilterForm, ProviderForm
from roadahead.providers.models import Provider

PAGE_SIZE = 50


@school_view(rules.can_view_providers)
def provider_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    form = ProviderFilterForm(request.GET or None)
    filters = form.filters()
    providers = selectors.provider_list(school=school, **filters)
    page = Paginator(providers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "providers/list.html", {
        "form": form, "page_obj": page, "providers": page.object_list,
        "counts": selectors.provider_counts(school=school),
        "querystring_without_page": (query.urlencode() + "&") if query else "",
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "can_edit": rules.can_edit_providers(membership),
    })


@school_view(rules.can_view_providers)
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = selectors.provider_detail(school=request.school, pk=pk)  # type: ignore[attr-defined]
    return render(request, "providers/detail.html", {
        "provider": provider, "can_edit": rules.can_edit_providers(request.membership),  # type: ignore[attr-defined]
    })


def _provider_form_view(request: HttpRequest, provider: Provider | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    initial = {"version": provider.version} if provider is not None else None
    form = ProviderForm(request.POST or None, instance=provider, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in services.PROVIDER_FIELDS}
        try:
            if provider is None:
                saved = services.create_provider(school=school, by=request.user, **values)
            else:
                # The bound form has copied its values onto `provider`; the service compares
                # against the stored row so it sees what really changed.
                saved = selectors.provider_detail(school=school, pk=provider.pk)
                services.update_provider(provider=saved, by=request.user, expected_version=data.get("version"),
                                         **values)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
            return redirect("providers:detail", school_slug=school.slug, pk=saved.pk)
    return render(request, "providers/form.html", {"form": form, "provider": provider})


@school_view(rules.can_edit_providers)
def provider_create(request: HttpRequest) -> HttpResponse:
    return _provider_form_view(request, None)


@school_view(rules.can_edit_providers)
def provider_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider = selectors.provider_detail(school=request.school, pk=pk)  # type: ignore[attr-defined]
    return _provider_form_view(request, provider)


@require_POST
@school_view(rules.can_edit_providers)
def provider_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-button "no longer working with us" (and back) on a provider's page."""
    school = request.school  # type: ignore[attr-defined]
    provider = selectors.provider_detail(school=school, pk=pk)
    is_active = request.POST.get("is_active") == "yes"
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.set_active(provider=provider, by=request.user, is_active=is_active, expected_version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is marked as still working with us.") % {"name": provider.name}
                         if is_active else
                         _("%(name)s is marked as no longer working with us.") % {"name": provider.name})
    return redirect("providers:detail", school_slug=school.slug, pk=provider.pk)
