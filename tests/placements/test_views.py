from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadahead.activities.models import Participation
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.services import ensure_default_rules
from roadahead.placements import services
from roadahead.placements.models import Placement, PlacementSession
from roadahead.standing.engine import standing
from roadahead.standing.periods import Status
from tests import factories
from tests.pdf_support import pdf_pages, pdf_text, save_first_page
from tests.placements.factories import assign, placement, spring_term

DOC_IMAGE = Path(__file__).resolve().parents[2] / "docs" / "images" / "placement-report.png"


def url(world, name, **kwargs):
    return reverse(f"placements:{name}", kwargs={"school_slug": world.school.slug, **kwargs})


def test_careers_leader_sets_up_a_placement_from_the_form(leader_client, world):
    provider = factories.ProviderFactory(school=world.school, name="Riverside Garden Centre")
    term = spring_term(world)
    response = leader_client.post(url(world, "create"), {
        "title": "Garden centre placement", "kind": "work_experience", "where": "off_site", "provider": provider.pk,
        "term": term.pk, "weekday": "1", "start_time": "9:30", "end_time": "12:00",
        "areas": "Tills\nPlanting\nStock room", "supervisor_name": "Shop manager",
        "health_safety_checked_on": "01/12/2025", "health_safety_expires_on": "30/11/2026"})
    made = Placement.objects.get(title="Garden centre placement")
    assert response.status_code == 302
    assert response["Location"] == url(world, "detail", pk=made.pk)
    assert [a.name for a in made.areas.all()] == ["Tills", "Planting", "Stock room"]
    assert (made.starts_on, made.ends_on) == (term.starts_on, term.ends_on)
    page = leader_client.get(response["Location"]).content.decode()
    assert "No employer&#x27;s liability insurance is recorded." in page


def test_the_form_says_what_each_provider_has_hosted_before(leader_client, world):
    made = placement(world)
    pupil = world.pupils[0]
    factories.PupilNeedFactory(pupil=pupil, need="ASD", rank=2)
    services.save_report(assignment=assign(world, made, pupil), by=world.careers_leader.user, outcome="went_well")
    page = leader_client.get(url(world, "create")).content.decode()
    assert f"{made.provider.name}: hosted 1 pupil (ASD, SLD), 1 of 1 went well" in page
    assert pupil.legal_surname not in page


def test_assigning_with_a_rotation_shows_the_plan_by_week(leader_client, world):
    made = placement(world)
    services.generate_sessions(placement=made, by=world.careers_leader.user)
    areas = list(made.areas.all())
    response = leader_client.post(url(world, "assign", pk=made.pk), {
        "pupil": world.pupils[1].pk, "rotate_weeks": "3", "rotate_from": areas[1].pk, "area": areas[2].pk})
    assert response.status_code == 302
    page = leader_client.get(url(world, "detail", pk=made.pk)).content.decode()
    plan = page.split('id="rotation-plan"')[1].split("</table>")[0]
    cells = [c.split(">", 1)[1].split("<")[0] for c in plan.split('<td class="govuk-table__cell"')[1:]]
    assert cells[:5] == ["Kitchen", "Garden", "Café counter", "Garden", "Garden"]
    assert len(cells) == 11  # a column per session


def _record(client, world, session, attendance):
    """Open the session from the placement page, then save on the activity recording screen."""
    response = client.post(url(world, "session_record", pk=session.pk))
    target = urlparse(response["Location"])
    pupils = [int(p) for p in parse_qs(target.query)["pupil"]]
    screen = client.get(response["Location"])
    assert screen.status_code == 200
    data = {"action": "save", "pupil": pupils}
    for pk in pupils:
        data[f"p{pk}-attendance"] = attendance.get(pk, "attended")
        data[f"p{pk}-engagement"] = "3"
    saved = client.post(target.path, data)
    assert saved.status_code == 302
    return pupils


def test_session_attendance_is_recorded_on_the_activity_screen_and_counts_for_benchmark_6(leader_client, world):
    ensure_default_rules(school=world.school)
    made = placement(world)
    on_it, absent = world.pupils[0], world.pupils[1]
    assign(world, made, on_it)
    assign(world, made, absent)
    sessions = services.generate_sessions(placement=made, by=world.careers_leader.user)
    for session in sessions[:2]:
        pupils = _record(leader_client, world, session, {absent.pk: "absent"})
        assert sorted(pupils) == sorted([on_it.pk, absent.pk])
    session = PlacementSession.objects.get(pk=sessions[0].pk)
    assert Participation.objects.filter(activity=session.activity, attendance="attended").count() == 1
    rule = EntitlementRule.objects.get(school=world.school, code="bm6-by-16")
    report = standing(school=world.school, as_of=dt.date(2026, 3, 10), rule_ids=[rule.pk])
    by_pupil = {row.pupil_id: row for row in report.rows}
    assert by_pupil[on_it.pk].achieved == 2
    assert by_pupil[on_it.pk].status == Status.MET
    assert by_pupil[absent.pk].achieved == 0
    page = leader_client.get(url(world, "detail", pk=made.pk)).content.decode()
    assert "1 of 2" in page  # attended of recorded, per session


def test_class_staff_record_sessions_for_their_own_pupils_only(client, world):
    made = placement(world)
    mine, not_mine = world.class_pupils[0], world.pupils[1]
    assign(world, made, mine)
    assign(world, made, not_mine)
    session = services.generate_sessions(placement=made, by=world.careers_leader.user)[0]
    client.force_login(world.class_teacher.user)
    assert _record(client, world, session, {}) == [mine.pk]
    page = client.get(url(world, "detail", pk=made.pk)).content.decode()
    assert mine.display_name in page
    assert not_mine.display_name not in page


def test_placements_without_a_members_pupils_are_404(client, world):
    made = placement(world)
    assign(world, made, world.pupils[3])  # in neither the teacher's class nor the adviser's list
    assignment = made.assignments.get()
    for member in (world.class_teacher, world.adviser):
        client.force_login(member.user)
        assert client.get(url(world, "detail", pk=made.pk)).status_code == 404
        assert client.get(url(world, "report", pk=assignment.pk)).status_code == 404
        assert client.get(url(world, "report_pdf", pk=assignment.pk)).status_code == 404
        assert client.get(url(world, "pupil", pupil_pk=world.pupils[3].pk)).status_code == 404
        assert client.get(url(world, "pupil_section", pupil_pk=world.pupils[3].pk)).status_code == 404
        assert made.title not in client.get(url(world, "list")).content.decode()
    session = services.generate_sessions(placement=made, by=world.careers_leader.user)[0]
    client.force_login(world.class_teacher.user)
    assert client.post(url(world, "session_record", pk=session.pk)).status_code == 404
    assert PlacementSession.objects.get(pk=session.pk).activity is None


def test_adviser_reads_their_pupils_placement_but_cannot_record(client, world):
    made = placement(world)
    assignment = assign(world, made, world.adviser_pupils[0])
    session = services.generate_sessions(placement=made, by=world.careers_leader.user)[0]
    client.force_login(world.adviser.user)
    page = client.get(url(world, "detail", pk=made.pk)).content.decode()
    assert "Record attendance" not in page
    assert client.post(url(world, "session_record", pk=session.pk)).status_code == 403
    assert client.get(url(world, "report", pk=assignment.pk)).status_code == 200
    assert client.get(url(world, "report_edit", pk=assignment.pk)).status_code == 403


def test_governors_see_counts_never_pupils(client, world):
    made = placement(world)
    assign(world, made, world.pupils[0])
    client.force_login(world.leader.user)
    page = client.get(url(world, "list")).content.decode()
    assert "Pupil places" in page
    counts = page.split("Work experience</th>")[1].split("</tr>")[0]
    assert '">1</td>' in counts  # one placement, one pupil place
    assert made.title not in page
    assert world.pupils[0].display_name not in page
    assert client.get(url(world, "pupil_section", pupil_pk=world.pupils[0].pk)).content == b""


def test_another_schools_placement_is_404(client, world, other_world):
    theirs = placement(other_world)
    client.force_login(world.careers_leader.user)
    assert client.get(url(world, "detail", pk=theirs.pk)).status_code == 404
    assert client.get(url(world, "edit", pk=theirs.pk)).status_code == 404


def test_placement_report_page_and_pdf_show_the_report_and_attendance(leader_client, world, tmp_path):
    made = placement(world)
    pupil = world.pupils[0]
    assignment = assign(world, made, pupil, rotate=3, settle=2)
    sessions = services.generate_sessions(placement=made, by=world.careers_leader.user)
    _record(leader_client, world, sessions[0], {})
    _record(leader_client, world, sessions[1], {pupil.pk: "absent"})
    response = leader_client.post(url(world, "report_edit", pk=assignment.pk), {
        "strengths": "Greets customers with a smile", "achievements": "Ran the till with a visual price list",
        "development": "Asking for help when the queue is long", "employer_feedback": "A real asset on Wednesdays",
        "reflection": "I like the coffee machine", "reflection_method": "symbols", "outcome": "went_well",
        "outcome_notes": "A quiet break area helped."})
    assert response.status_code == 302
    page = leader_client.get(url(world, "report", pk=assignment.pk)).content.decode()
    assert "Greets customers with a smile" in page
    assert "How it was captured: Symbols or AAC." in page
    assert "Attended 1, part of 0, absent from 1: 2 sessions recorded of 8 held so far." in page
    pdf = leader_client.get(url(world, "report_pdf", pk=assignment.pk))
    assert pdf["Content-Type"] == "application/pdf"
    assert f"placement-report-{assignment.pk}.pdf" in pdf["Content-Disposition"]
    assert pupil.legal_surname not in pdf["Content-Disposition"]
    text = " ".join(pdf_text(pdf.content).split())
    assert f"Placement report: {pupil.display_name}" in text
    assert "A real asset on Wednesdays" in text
    assert "Areas for development" in text
    assert "Attended 1, part of 0, absent from 1" in text
    assert len(pdf_pages(pdf.content)) == 1
    # The picture in the user guide is this page: refresh it with ROADAHEAD_UPDATE_DOC_IMAGES=1.
    target = DOC_IMAGE if os.environ.get("ROADAHEAD_UPDATE_DOC_IMAGES") == "1" else tmp_path / "page.png"
    save_first_page(pdf.content, target)
    assert target.read_bytes().startswith(b"\x89PNG")


def test_provider_page_shows_needs_hosted_and_how_it_went_without_names(client, world):
    made = placement(world)
    first, second = world.pupils[0], world.pupils[1]
    factories.PupilNeedFactory(pupil=first, need="ASD", rank=2)
    services.save_report(assignment=assign(world, made, first), by=world.careers_leader.user, outcome="went_well",
                         outcome_notes="Visual timetable on the wall helped.")
    services.save_report(assignment=assign(world, made, second), by=world.careers_leader.user, outcome="mixed")
    client.force_login(world.leader.user)  # governors see it too: counts, never names
    provider_page = client.get(reverse("providers:detail", kwargs={"school_slug": world.school.slug,
                                                                   "pk": made.provider.pk})).content.decode()
    assert url(world, "provider_section", pk=made.provider.pk) in provider_page
    fragment = client.get(url(world, "provider_section", pk=made.provider.pk)).content.decode()
    assert "SLD: 2" in fragment
    assert "ASD: 1" in fragment
    assert "Went well: 1" in fragment
    assert "Mixed: 1" in fragment
    for pupil in (first, second):
        assert pupil.display_name not in fragment
        assert pupil.legal_surname not in fragment
    assert "Visual timetable" not in fragment  # notes are for the careers leader
    client.force_login(world.careers_leader.user)
    assert "Visual timetable" in client.get(url(world, "provider_section", pk=made.provider.pk)).content.decode()


def test_pupil_page_links_current_and_past_placements(leader_client, world):
    pupil = world.pupils[0]
    past = placement(world, title="Autumn at the library", term=None, starts_on=dt.date(2025, 9, 10),
                     ends_on=dt.date(2025, 12, 10))
    now = placement(world, title="Spring at the café")
    assign(world, past, pupil)
    assign(world, now, pupil)
    fragment = leader_client.get(url(world, "pupil_section", pupil_pk=pupil.pk)).content.decode()
    assert fragment.index("Spring at the café") < fragment.index("Autumn at the library")
    assert url(world, "detail", pk=now.pk) in fragment
    pupil_page = leader_client.get(reverse("people:pupil_detail", kwargs={"school_slug": world.school.slug,
                                                                          "pk": pupil.pk})).content.decode()
    assert url(world, "pupil_section", pupil_pk=pupil.pk) in pupil_page


def _count(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["careers_leader", "class_teacher"])
def test_list_and_detail_pages_take_the_same_queries_for_one_or_many(client, world, role):
    client.force_login(getattr(world, role).user)
    first = placement(world)
    assign(world, first, world.class_pupils[0], rotate=3)
    services.generate_sessions(placement=first, by=world.careers_leader.user)
    client.get(url(world, "list"))  # the first request of a session also loads the session and caches
    one_list = _count(client, url(world, "list"))
    one_detail = _count(client, url(world, "detail", pk=first.pk))
    one_pupil = _count(client, url(world, "pupil", pupil_pk=world.class_pupils[0].pk))
    for i in range(4):
        more = placement(world, title=f"More {i}")
        assign(world, more, world.class_pupils[0], rotate=2)
    for pupil in world.pupils[1:]:
        assign(world, first, pupil, rotate=3, settle=1)
    assert _count(client, url(world, "list")) == one_list
    assert _count(client, url(world, "detail", pk=first.pk)) == one_detail
    assert _count(client, url(world, "pupil", pupil_pk=world.class_pupils[0].pk)) == one_pupil
