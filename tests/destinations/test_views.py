"""The destination pages: recording, who sees which leaver, query counts, the report and the LA file."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadahead.destinations import services
from roadahead.destinations.enums import CheckInStatus
from roadahead.destinations.models import CheckIn, Destination
from tests import factories
from tests.destinations.factories import categories, destination, leave, pathway

D = dt.date


def url(world, name, **kwargs):
    return reverse(f"destinations:{name}", kwargs={"school_slug": world.school.slug, **kwargs})


def test_the_careers_leader_records_a_destination_and_it_is_judged(client, world):
    work = pathway(world.school, "Pathway 5", ["supported-internship"])
    pupil = leave(world.pupils[1], D(2025, 7, 18), pathway_=work)
    provider = factories.ProviderFactory(school=world.school, name="Riverside College")
    client.force_login(world.careers_leader.user)
    response = client.post(url(world, "record", pupil_pk=pupil.pk), {
        "category": categories(world.school)["supported-internship"].pk, "provider": provider.pk,
        "start_date": "08/09/2025", "notes": "Job coach three days a week"})
    assert response.status_code == 302
    made = Destination.objects.get(pupil=pupil)
    assert made.in_keeping is True
    assert made.start_date == D(2025, 9, 8)
    assert made.recorded_by == world.careers_leader
    assert CheckIn.objects.filter(pupil=pupil).count() == 3
    page = client.get(url(world, "pupil", pupil_pk=pupil.pk)).content.decode()
    assert "Supported internship" in page
    assert "Riverside College" in page
    assert "In keeping" in page


def test_a_form_with_problems_says_so(client, world):
    pupil = leave(world.pupils[1])
    client.force_login(world.careers_leader.user)
    response = client.post(url(world, "record", pupil_pk=pupil.pk), {"category": ""})
    assert response.status_code == 200
    assert "Choose a destination" in response.content.decode()
    assert not Destination.objects.exists()


def test_a_pupil_on_roll_has_no_destination_pages(client, world):
    client.force_login(world.careers_leader.user)
    assert client.get(url(world, "pupil", pupil_pk=world.pupils[1].pk)).status_code == 404
    assert client.get(url(world, "record", pupil_pk=world.pupils[1].pk)).status_code == 404
    section = client.get(url(world, "fragment", pupil_pk=world.pupils[1].pk))
    assert "once the pupil has left" in section.content.decode()


def test_advisers_reach_only_their_assigned_leavers(client, world):
    mine, other = leave(world.pupils[0]), leave(world.pupils[1])
    theirs = destination(other)
    destination(mine)
    client.force_login(world.adviser.user)
    for name, kwargs in (("pupil", {"pupil_pk": other.pk}), ("record", {"pupil_pk": other.pk}),
                         ("fragment", {"pupil_pk": other.pk}), ("edit", {"pk": theirs.pk}),
                         ("check_in", {"pk": CheckIn.objects.get(pupil=other, number=1).pk})):
        assert client.get(url(world, name, **kwargs)).status_code == 404, name
    listing = client.get(url(world, "list")).content.decode()
    assert mine.display_name in listing
    assert other.display_name not in listing
    assert other.display_name not in client.get(url(world, "check_ins")).content.decode()


def test_governors_see_figures_with_small_groups_withheld(client, world):
    for pupil in world.pupils:
        destination(leave(pupil))
    client.force_login(world.leader.user)
    page = client.get(url(world, "report")).content.decode()
    assert "fewer than 5 leavers" in page
    assert "leaver" in page
    assert world.pupils[0].display_name not in page
    client.force_login(world.careers_leader.user)
    page = client.get(url(world, "report")).content.decode()
    assert "fewer than 5 leavers" not in page
    for heading in ("By pathway", "By year of leaving", "By primary need", "By sex", "By looked after"):
        assert heading in page
    download = client.get(url(world, "report") + "?format=csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(download)))
    assert rows[0]["group"] == "All leavers"
    assert rows[0]["leavers"] == "4"


def test_the_la_file_has_nccis_codes_and_is_safe_from_formulas(client, world):
    pupil = leave(world.pupils[0], D(2025, 7, 18))
    pupil.legal_surname = "=HYPERLINK(\"http://example.invalid\")"
    pupil.save()
    provider = factories.ProviderFactory(school=world.school, name="+Riverside College")
    destination(pupil, "supported-internship", provider=provider, start_date=D(2025, 9, 8))
    client.force_login(world.careers_leader.user)
    response = client.get(url(world, "export"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["UPN"] == pupil.upn
    assert row["NCCIS code"] == "460"
    assert row["NCCIS activity"] == "Supported internship"
    assert row["Surname"].startswith("'=")
    assert row["Provider"] == "'+Riverside College"
    assert row["Date left"] == "2025-07-18"
    assert row["Year of leaving"] == "2024/25"
    assert row["Start date"] == "2025-09-08"


@pytest.mark.parametrize("name", ["list", "check_ins"])
def test_lists_take_the_same_queries_for_one_leaver_or_many(client, world, name):
    client.force_login(world.careers_leader.user)
    destination(leave(world.pupils[0], D(2025, 3, 1)))
    client.get(url(world, name))  # the session's first request does its own one-off work
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(world, name)).status_code == 200
    for i in range(12):
        pupil = factories.PupilFactory(school=world.school, upn=f"Q{i:012d}")
        destination(leave(pupil, D(2025, 3, 1)), provider=factories.ProviderFactory(school=world.school))
    with CaptureQueriesContext(connection) as many:
        page = client.get(url(world, name))
    assert page.status_code == 200
    assert len(many) == len(one)


def test_a_check_in_is_recorded_from_the_due_list(client, world):
    pupil = leave(world.pupils[0], D(2025, 3, 1))
    destination(pupil, "specialist-college")
    client.force_login(world.careers_leader.user)
    page = client.get(url(world, "check_ins")).content.decode()
    assert pupil.display_name in page
    item = CheckIn.objects.get(pupil=pupil, number=1)
    response = client.post(url(world, "check_in", pk=item.pk), {
        "done_on": "02/03/2026", "status": "same", "sustained": "yes", "notes": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.sustained is True
    assert item.done_on == D(2026, 3, 2)
    assert pupil.display_name not in client.get(url(world, "check_ins")).content.decode()


def test_retention_page_lists_and_anonymises_what_it_shows(client, world):
    old = factories.PupilFactory(school=world.school, upn="R000000000001")
    leave(old, D(2022, 7, 20))
    client.force_login(world.careers_leader.user)
    page = client.get(url(world, "retention")).content.decode()
    assert old.display_name in page
    response = client.post(url(world, "anonymise"), {"ids": str(old.pk)}, follow=True)
    assert "1 leavers were anonymised" in response.content.decode()
    old.refresh_from_db()
    assert old.legal_forename == "Former"


def test_the_pupil_page_and_its_section_do_not_grow_with_destinations_or_check_ins(client, world):
    pupil = leave(world.pupils[0], D(2023, 3, 1))
    client.force_login(world.careers_leader.user)
    page_url = reverse("people:pupil_detail", kwargs={"school_slug": world.school.slug, "pk": pupil.pk})
    section_url = url(world, "fragment", pupil_pk=pupil.pk)

    def count(address: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    count(page_url)  # the first request after signing in also loads the session and user
    assert section_url in client.get(page_url).content.decode()
    page_before, section_before = count(page_url), count(section_url)
    first = destination(pupil, "day-service")
    for item in CheckIn.objects.filter(pupil=pupil).order_by("number")[:2]:
        services.record_check_in(check_in=item, user=None, member=None, done_on=item.due_on,
                                 status=CheckInStatus.CHANGED, sustained=True, new_category=first.category,
                                 today=D(2026, 3, 10))
    assert count(page_url) == page_before
    assert count(section_url) == section_before + 1  # with a destination, its check-ins are read too
    assert "Day service" in client.get(section_url).content.decode()
