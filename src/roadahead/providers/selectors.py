"""Reads of the provider directory, always within one school."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from roadahead.providers.models import Provider
from roadahead.schools.models import School

# The fields a search box looks in: what a careers leader remembers about a provider.
SEARCH_FIELDS = ("name", "town", "postcode", "offers", "contact_name")


def provider_list(*, school: School, search: str = "", kind: str = "", hosts_send: bool | None = None,
                  active: bool | None = True) -> QuerySet[Provider]:
    """The school's providers matching the filters, in name order.

    `active` True keeps the providers the school still works with, False the ones it no longer
    does, None all of them. Every word of `search` must appear in one of the searched fields.
    One query per page whatever the number of providers: the list shows only the provider's
    own columns.
    """
    providers = Provider.objects.filter(school=school)
    for word in search.split()[:5]:
        match = Q()
        for name in SEARCH_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        providers = providers.filter(match)
    if kind:
        providers = providers.filter(kind=kind)
    if hosts_send is not None:
        providers = providers.filter(hosts_send_placements=hosts_send)
    if active is not None:
        providers = providers.filter(is_active=active)
    return providers.order_by("name", "id")


def provider_counts(*, school: School) -> dict[str, int]:
    """How many providers the school has, still works with, and can host SEND placements: one query."""
    return Provider.objects.filter(school=school).aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(is_active=True)),
        hosts_send=Count("id", filter=Q(is_active=True, hosts_send_placements=True)),
    )


def provider_detail(*, school: School, pk: int) -> Provider:
    """The school's provider with this id; another school's provider is a 404, as if it did not exist."""
    provider = Provider.objects.filter(school=school, pk=pk).first()
    if provider is None:
        raise Http404
    return provider
