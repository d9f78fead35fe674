"""The provider directory: every member may read it; careers leaders and class staff may change it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from roadahead.api.common import page_of, problems, require
from roadahead.api.schemas import (
    Message,
    ProviderCreate,
    ProviderOut,
    ProviderPage,
    ProviderPatch,
    ProviderQuery,
    ValidationProblems,
)
from roadahead.people import rules
from roadahead.providers import selectors, services
from roadahead.providers.models import Provider

router = Router(tags=["providers"])

FIELDS = ("id", "name", "kind", "offers", "contact_name", "contact_email", "contact_phone", "website", "address",
          "town", "postcode", "hosts_send_placements", "send_adjustments", "send_confidence", "notes",
          "is_active", "version")


def provider_out(provider: Provider) -> dict[str, Any]:
    return {name: getattr(provider, name) for name in FIELDS}


@router.get("/providers", response={200: ProviderPage, 422: ValidationProblems}, summary="List providers")
def list_providers(request: HttpRequest, filters: Query[ProviderQuery]) -> dict[str, Any]:
    membership = require(request, rules.can_view_providers)
    found = selectors.provider_list(school=membership.school, search=filters.search, kind=filters.kind or "",
                                    hosts_send=filters.hosts_send_placements, active=filters.is_active)
    page = page_of(found, page=filters.page, page_size=filters.page_size)
    return {**page.__dict__, "items": [provider_out(p) for p in page.items]}


@router.get("/providers/{provider_id}", response={200: ProviderOut, 404: Message}, summary="One provider")
def get_provider(request: HttpRequest, provider_id: int) -> dict[str, Any]:
    membership = require(request, rules.can_view_providers)
    return provider_out(selectors.provider_detail(school=membership.school, pk=provider_id))


@router.post("/providers", response={201: ProviderOut, 403: Message, 422: ValidationProblems},
             summary="Add a provider (careers leaders and class staff)")
def create_provider(request: HttpRequest, payload: ProviderCreate) -> Status[dict[str, Any]]:
    membership = require(request, rules.can_edit_providers)
    try:
        provider = services.create_provider(school=membership.school, by=request.user, **payload.model_dump())
    except ValidationError as error:
        raise problems(error) from None
    return Status(201, provider_out(provider))


@router.patch("/providers/{provider_id}",
              response={200: ProviderOut, 403: Message, 404: Message, 409: Message, 422: ValidationProblems},
              summary="Change a provider (careers leaders and class staff)")
def update_provider(request: HttpRequest, provider_id: int, payload: ProviderPatch) -> dict[str, Any]:
    """Send only the fields to change, and the `version` you read to be told (409) instead of
    overwriting someone else's change."""
    membership = require(request, rules.can_edit_providers)
    provider = selectors.provider_detail(school=membership.school, pk=provider_id)
    given = payload.model_dump(exclude_unset=True)
    version = given.pop("version", None)
    stale = _("Someone else changed this provider since you read it. Nothing has been saved: "
              "read the provider again and send your change with the new version.")
    if version is not None and version != provider.version:
        raise HttpError(409, stale)
    try:
        services.update_provider(provider=provider, by=request.user, expected_version=version, **given)
    except services.StaleEdit:
        raise HttpError(409, stale) from None
    except ValidationError as error:
        raise problems(error) from None
    return provider_out(selectors.provider_detail(school=membership.school, pk=provider.pk))
