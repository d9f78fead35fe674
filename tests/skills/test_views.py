from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from roadahead.audit.models import AuditEntry
from roadahead.skills.models import Assessment, Framework
from tests.skills.factories import assess

pytestmark = pytest.mark.django_db

BASE = "/s/oakfield/skills/"


def _as(client, member):
    client.force_login(member.user)
    return client


def test_recording_several_skills_for_one_pupil(client, world, skills):
    pupil = world.pupils[0]
    url = f"{BASE}pupils/{pupil.pk}/record/"
    page = _as(client, world.class_teacher).get(url).content.decode()
    assert "Essential skills" in page
    assert "Not assessed this time" in page
    response = client.post(url, {
        "date": "02/03/2026", "method": "observation", "evidence": "Asked the shop assistant for help",
        f"step_{skills['speaking'].pk}": "6", f"step_{skills['independence'].pk}": "3",
        f"step_{skills['listening'].pk}": ""})
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}pupils/{pupil.pk}/"
    made = Assessment.objects.filter(pupil=pupil).order_by("skill__name")
    assert [(a.skill.name, a.step, a.date, a.assessed_by) for a in made] == [
        ("Independence", 3, dt.date(2026, 3, 2), world.class_teacher),
        ("Speaking", 6, dt.date(2026, 3, 2), world.class_teacher)]


def test_recording_nothing_or_in_the_future_is_refused(client, world, skills):
    url = f"{BASE}pupils/{world.pupils[0].pk}/record/"
    _as(client, world.class_teacher)
    page = client.post(url, {"date": "02/03/2026", "method": "observation"}).content.decode()
    assert "Choose a step for at least one skill." in page
    page = client.post(url, {"date": "02/04/2026", "method": "observation",
                             f"step_{skills['speaking'].pk}": "6"}).content.decode()
    assert "The date cannot be in the future." in page
    assert not Assessment.objects.exists()


def test_pupil_page_shows_chart_table_and_history_and_is_audited(client, world, skills):
    pupil = world.pupils[0]
    assess(pupil, skills["listening"], 3, dt.date(2025, 9, 20), by=world.class_teacher, evidence="=cmd|' /C calc'!A0")
    assess(pupil, skills["listening"], 5, dt.date(2026, 2, 20), by=world.class_teacher)
    page = _as(client, world.careers_leader).get(f"{BASE}pupils/{pupil.pk}/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="ra-chart" role="img"' in page
    assert "Essential skills: steps over time" in page
    assert "Listening from step 3 to step 5." in page
    assert "+2" in page
    assert "Beginning (top step)" in page  # step 3's label in the history
    assert AuditEntry.objects.filter(action="pupil.skills_viewed", pupil_id=pupil.pk).exists()


def test_pupil_summary_fragment_lists_latest_steps(client, world, skills):
    pupil = world.pupils[0]
    assess(pupil, skills["teamwork"], 2, dt.date(2025, 11, 3))
    assess(pupil, skills["teamwork"], 7, dt.date(2026, 3, 3))
    page = _as(client, world.class_teacher).get(f"{BASE}pupils/{pupil.pk}/summary/").content.decode()
    assert "Teamwork" in page
    assert "3 Mar 2026" in page
    assert "Record skills" in page


def test_pupil_page_includes_the_skills_section_for_staff_only(client, world, skills):
    pupil = world.adviser_pupils[0]
    page = _as(client, world.class_teacher).get(f"/s/oakfield/pupils/{pupil.pk}/").content.decode()
    assert f'hx-get="{BASE}pupils/{pupil.pk}/summary/"' in page
    page = _as(client, world.leader).get(f"/s/oakfield/pupils/{pupil.pk}/").content.decode()
    assert f"{BASE}pupils/{pupil.pk}/summary/" not in page


def test_class_view_assesses_many_pupils_on_one_skill(client, world, skills):
    _as(client, world.class_teacher)
    skill = skills["problem-solving"]
    url = f"{BASE}class/?class_group={world.class_group.pk}&skill={skill.pk}"
    page = client.get(url).content.decode()
    for pupil in world.class_pupils:
        assert pupil.display_name in page
    outside = [p for p in world.pupils if p not in world.class_pupils]
    assert outside[0].display_name not in page
    first, second = world.class_pupils
    response = client.post(url, {"date": "09/03/2026", "method": "observation", "evidence": "Sorting task",
                                 f"pupil_{first.pk}": "4", f"pupil_{second.pk}": ""})
    assert response.status_code == 302
    made = Assessment.objects.get()
    assert (made.pupil, made.skill, made.step, made.evidence) == (first, skill, 4, "Sorting task")
    page = client.get(url).content.decode()
    assert "Last time: step 4 on 09/03/2026." in page


def test_class_staff_choose_only_their_own_classes(client, world, skills):
    _as(client, world.class_teacher)
    page = client.get(f"{BASE}class/").content.decode()
    assert "Oak" in page
    assert ">Ash<" not in page
    response = client.get(f"{BASE}class/?class_group={world.other_class.pk}&skill={skills['creativity'].pk}")
    assert "Select a valid choice" in response.content.decode()


def test_cohort_summary_with_groups_and_drill_down(client, world, skills):
    listening = skills["listening"]
    for i, pupil in enumerate(world.pupils):
        assess(pupil, listening, 2, dt.date(2025, 6, 1))  # last year: the baseline
        assess(pupil, listening, 2 + (i % 2), dt.date(2026, 2, 1))
    page = _as(client, world.careers_leader).get(BASE).content.decode()
    assert "Essential skills in 2025/26" in page
    assert "2 of 4 (50%)" in page  # in the chart
    assert "2.5<br>" in page
    drill = f"{BASE}cohort/year/10/"
    assert drill in page
    page = client.get(drill).content.decode()
    for pupil in world.pupils:
        assert pupil.sort_name in page


def test_governors_see_no_figures_for_groups_under_five_and_no_names(client, world, skills):
    for pupil in world.pupils:
        assess(pupil, skills["listening"], 4, dt.date(2026, 2, 1))
    page = _as(client, world.leader).get(f"{BASE}?by=class").content.decode()
    assert "fewer than 5" in page
    assert "4.0<br>" not in page
    assert "/cohort/" not in page
    for pupil in world.pupils:
        assert pupil.display_name not in page
        assert pupil.sort_name not in page


def test_class_staff_cohort_counts_only_their_pupils(client, world, skills):
    for pupil in world.pupils:
        assess(pupil, skills["listening"], 4, dt.date(2026, 2, 1))
    page = _as(client, world.class_teacher).get(BASE).content.decode()
    assert "All pupils (2 on roll)" in page


def test_export_is_formula_safe_and_scoped(client, world, skills):
    assess(world.pupils[0], skills["listening"], 3, dt.date(2026, 1, 9), by=world.class_teacher,
           evidence="=HYPERLINK(\"http://x\")")
    assess(world.pupils[1], skills["listening"], 5, dt.date(2026, 1, 9))
    response = _as(client, world.careers_leader).get(f"{BASE}export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["upn", "forename", "surname"]
    assert len(rows) == 3
    assert "'=HYPERLINK(\"http://x\")" in [cell for row in rows for cell in row]
    adviser_rows = list(csv.reader(io.StringIO(_as(client, world.adviser).get(f"{BASE}export.csv")
                                               .content.decode())))
    assert [r[0] for r in adviser_rows[1:]] == [world.adviser_pupils[0].upn]


def test_removing_an_assessment_only_your_own_unless_careers_leader(client, world, skills):
    pupil = world.adviser_pupils[0]
    theirs = assess(pupil, skills["listening"], 3, dt.date(2026, 1, 9), by=world.careers_leader)
    assert _as(client, world.class_teacher).post(f"{BASE}assessments/{theirs.pk}/remove/").status_code == 403
    mine = assess(pupil, skills["listening"], 4, dt.date(2026, 1, 10), by=world.class_teacher)
    assert client.post(f"{BASE}assessments/{mine.pk}/remove/").status_code == 302
    assert _as(client, world.careers_leader).post(f"{BASE}assessments/{theirs.pk}/remove/").status_code == 302
    assert not Assessment.objects.exists()


def test_careers_leader_renames_archives_and_adds_skills(client, world, skills):
    _as(client, world.careers_leader)
    framework = Framework.objects.get(school=world.school, code="essential-skills")
    response = client.post(f"{BASE}frameworks/{framework.pk}/edit/", {
        "name": "Skills for life", "description": "", "archived": "on", "version": "1"})
    assert response.status_code == 302
    framework.refresh_from_db()
    assert (framework.name, framework.archived) == ("Skills for life", True)
    page = client.post(f"{BASE}frameworks/{framework.pk}/edit/", {
        "name": "Another", "description": "", "version": "1"}).content.decode()
    assert "Someone else changed this" in page
    assert client.post(f"{BASE}frameworks/{framework.pk}/skills/new/", {"name": "Using money"}).status_code == 302
    skill = skills["teamwork"]
    assert client.post(f"{BASE}frameworks/skills/{skill.pk}/edit/", {
        "name": "Working together", "description": "", "version": "1"}).status_code == 302
    page = client.get(f"{BASE}frameworks/").content.decode()
    assert "Using money" in page
    assert "Working together" in page
    assert "Archived" in page


def test_record_page_reminds_how_the_pupil_communicates_and_class_view_is_audited(client, world, skills):
    pupil = world.class_pupils[0]
    pupil.communication_notes = "Uses a symbol book; give time to choose."
    pupil.save()
    _as(client, world.class_teacher)
    page = client.get(f"{BASE}pupils/{pupil.pk}/record/").content.decode()
    assert "Uses a symbol book; give time to choose." in page
    client.get(f"{BASE}class/?class_group={world.class_group.pk}&skill={skills['teamwork'].pk}")
    entry = AuditEntry.objects.get(action="skills.class_viewed")
    assert entry.data == {"skill": skills["teamwork"].pk, "pupils": 2}
