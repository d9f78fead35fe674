from __future__ import annotations

import datetime as dt

import pytest

from roadahead.lmi.models import LmiItem, LmiShare
from tests.lmi.helpers import item, share

pytestmark = pytest.mark.django_db

BASE = "/s/oakfield/lmi/"


def _as(client, member):
    client.force_login(member.user)
    return client


def test_list_shows_the_years_summary_in_words(client, world):
    care = item(world.school, dt.date(2025, 9, 20))
    share(care, dt.date(2025, 10, 1), classes=[world.class_group], families=True)
    share(care, dt.date(2025, 10, 2), staff=True)
    page = _as(client, world.leader).get(BASE).content.decode()
    assert ("1 item received, shared 2 times: 1 with classes, 0 with pathways, 1 with families, 1 with staff."
            in page)
    assert "Oak; families" in page
    assert "Add information received" not in page  # governors read only


def test_list_for_another_year(client, world):
    item(world.school, dt.date(2024, 10, 1), "Old news")
    from tests import factories
    factories.AcademicYearFactory(school=world.school, start_year=2024)
    _as(client, world.careers_leader)
    assert "Old news" not in client.get(BASE).content.decode()
    page = client.get(BASE + "?year=2024").content.decode()
    assert "Old news" in page
    assert "In 2024/25" in page


def test_class_teacher_adds_an_item_then_records_sharing_it(client, world):
    _as(client, world.class_teacher)
    response = client.post(BASE + "new/", {"received_on": "05/01/2026", "source": "Careers hub",
                                            "title": "Jobs in care", "summary": "", "link": ""})
    entry = LmiItem.objects.get(title="Jobs in care")
    assert response["Location"] == f"{BASE}{entry.pk}/"
    response = client.post(f"{BASE}{entry.pk}/shared/", {
        "shared_on": "12/01/2026", "class_groups": [world.class_group.pk], "format": "easy_read", "notes": ""})
    assert response.status_code == 302
    made = LmiShare.objects.get(item=entry)
    assert list(made.class_groups.all()) == [world.class_group]
    assert "Easy-read or symbol version" in client.get(f"{BASE}{entry.pk}/").content.decode()


def test_share_form_explains_a_share_with_no_one(client, world):
    entry = item(world.school, dt.date(2026, 1, 5))
    page = _as(client, world.careers_leader).post(f"{BASE}{entry.pk}/shared/", {
        "shared_on": "12/01/2026", "format": "display"}).content.decode()
    assert "There is a problem" in page
    assert "Say who it was shared with" in page


def test_share_form_offers_this_years_classes(client, world):
    entry = item(world.school, dt.date(2026, 1, 5))
    page = _as(client, world.careers_leader).get(f"{BASE}{entry.pk}/shared/").content.decode()
    assert ">Oak</label>" in page
    assert ">Ash</label>" in page


def test_adviser_reads_but_cannot_add(client, world):
    entry = item(world.school, dt.date(2026, 1, 5))
    _as(client, world.adviser)
    assert "Record sharing it" not in client.get(f"{BASE}{entry.pk}/").content.decode()
    assert client.post(BASE + "new/", {"received_on": "05/01/2026", "source": "x", "title": "y"}).status_code == 403
    assert LmiItem.objects.count() == 1


def test_remove_a_share(client, world):
    entry = item(world.school, dt.date(2026, 1, 5))
    made = share(entry, dt.date(2026, 1, 6), staff=True)
    response = _as(client, world.careers_leader).post(f"{BASE}shared/{made.pk}/delete/")
    assert response["Location"] == f"{BASE}{entry.pk}/"
    assert not LmiShare.objects.exists()


def test_another_schools_item_and_share_are_not_found(client, world, other_world):
    theirs = item(other_world.school, dt.date(2026, 1, 5))
    made = share(theirs, dt.date(2026, 1, 6), staff=True)
    _as(client, world.careers_leader)
    assert client.get(f"{BASE}{theirs.pk}/").status_code == 404
    assert client.get(f"{BASE}shared/{made.pk}/edit/").status_code == 404
    assert client.post(f"{BASE}shared/{made.pk}/delete/").status_code == 404
    assert LmiShare.objects.filter(pk=made.pk).exists()
