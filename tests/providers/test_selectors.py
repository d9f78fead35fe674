from __future__ import annotations

import pytest
from django.http import Http404

from roadahead.providers import selectors
from roadahead.providers.enums import ProviderKind
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(world, other_world):
    school = world.school
    return {
        "college": factories.ProviderFactory(school=school, name="Riverside College", kind=ProviderKind.COLLEGE,
                                             town="Leeds", hosts_send_placements=True),
        "cafe": factories.ProviderFactory(school=school, name="Corner Cafe", kind=ProviderKind.EMPLOYER,
                                          town="York", offers="Kitchen and till work"),
        "old": factories.ProviderFactory(school=school, name="Old Mill Day Centre", kind=ProviderKind.DAY_SERVICE,
                                         is_active=False, hosts_send_placements=True),
        "elsewhere": factories.ProviderFactory(school=other_world.school, name="Riverside Farm",
                                               kind=ProviderKind.EMPLOYER),
    }


def names(queryset):
    return [p.name for p in queryset]


def test_provider_list_shows_this_schools_active_providers_by_name(world, directory):
    assert names(selectors.provider_list(school=world.school)) == ["Corner Cafe", "Riverside College"]


def test_provider_list_search_looks_in_name_town_and_offers(world, directory):
    assert names(selectors.provider_list(school=world.school, search="riverside")) == ["Riverside College"]
    assert names(selectors.provider_list(school=world.school, search="york")) == ["Corner Cafe"]
    assert names(selectors.provider_list(school=world.school, search="kitchen till")) == ["Corner Cafe"]
    assert names(selectors.provider_list(school=world.school, search="kitchen leeds")) == []


def test_provider_list_filters_by_kind_send_and_status(world, directory):
    assert names(selectors.provider_list(school=world.school, kind=ProviderKind.EMPLOYER)) == ["Corner Cafe"]
    assert names(selectors.provider_list(school=world.school, hosts_send=True)) == ["Riverside College"]
    assert names(selectors.provider_list(school=world.school, hosts_send=False)) == ["Corner Cafe"]
    assert names(selectors.provider_list(school=world.school, active=False)) == ["Old Mill Day Centre"]
    assert names(selectors.provider_list(school=world.school, active=None, hosts_send=True)) == [
        "Old Mill Day Centre", "Riverside College"]


def test_provider_counts_count_this_school_only(world, directory):
    assert selectors.provider_counts(school=world.school) == {"total": 3, "active": 2, "hosts_send": 1}


def test_provider_detail_of_another_schools_provider_is_not_found(world, directory):
    assert selectors.provider_detail(school=world.school, pk=directory["cafe"].pk).name == "Corner Cafe"
    with pytest.raises(Http404):
        selectors.provider_detail(school=world.school, pk=directory["elsewhere"].pk)
