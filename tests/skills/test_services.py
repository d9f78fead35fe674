from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.activities.models import ActivityType, Participation
from roadahead.activities.services import create_activity, ensure_activity_types
from roadahead.audit.models import AuditEntry
from roadahead.core.locking import StaleEdit
from roadahead.skills import services
from roadahead.skills.defaults import DEFAULT_FRAMEWORKS
from roadahead.skills.enums import Method
from roadahead.skills.models import Assessment, Framework

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


def test_defaults_are_installed_once(world):
    made = services.ensure_default_frameworks(school=world.school)
    again = services.ensure_default_frameworks(school=world.school)
    assert [f.code for f in made] == [f.code for f in DEFAULT_FRAMEWORKS]
    assert again == []
    essential = Framework.objects.get(school=world.school, code="essential-skills")
    assert essential.steps.count() == 16
    assert essential.skills.count() == 8
    confidence = Framework.objects.get(school=world.school, code="confidence-independence")
    assert list(confidence.steps.values_list("value", flat=True)) == [0, 1, 2, 3, 4]
    assert AuditEntry.objects.filter(action="skills.defaults_installed").count() == 1


def test_record_several_skills_for_one_pupil(world, skills):
    pupil = world.pupils[0]
    made = services.record_assessments(
        school=world.school, by=world.class_teacher.user, assessed_by=world.class_teacher, date=DAY,
        method=Method.OBSERVATION, entries=[
            services.Entry(pupil=pupil, skill=skills["listening"], step=4, evidence=" Followed two steps "),
            services.Entry(pupil=pupil, skill=skills["confidence"], step=2)])
    assert len(made) == 2
    listening = Assessment.objects.get(pupil=pupil, skill=skills["listening"])
    assert (listening.step, listening.evidence, listening.assessed_by) == (4, "Followed two steps",
                                                                          world.class_teacher)
    entry = AuditEntry.objects.get(action="skills.assessed")
    assert entry.pupil_id == pupil.pk
    assert entry.data == {"assessments": 2, "pupils": 1, "skills": 2, "method": "observation"}
    assert "Followed" not in str(entry.data)


def test_a_step_off_the_scale_saves_nothing(world, skills):
    pupil = world.pupils[0]
    with pytest.raises(ValidationError) as caught:
        services.record_assessments(
            school=world.school, by=None, assessed_by=None, date=DAY, method=Method.SELF, entries=[
                services.Entry(pupil=pupil, skill=skills["listening"], step=3),
                services.Entry(pupil=pupil, skill=skills["confidence"], step=9)])
    assert "Choose one of the steps of Confidence and independence" in str(caught.value)
    assert not Assessment.objects.exists()


def test_archived_skills_take_no_new_assessments(world, skills):
    leadership = skills["leadership"]
    services.update_skill(skill=leadership, by=None, expected_version=1, archived=True)
    with pytest.raises(ValidationError, match="archived"):
        services.record_assessments(school=world.school, by=None, assessed_by=None, date=DAY, method=Method.SELF,
                                    entries=[services.Entry(pupil=world.pupils[0], skill=leadership, step=3)])


def test_other_schools_pupils_and_skills_are_refused(world, other_world, skills):
    with pytest.raises(ValidationError, match="in your school"):
        services.record_assessments(school=world.school, by=None, assessed_by=None, date=DAY, method=Method.SELF,
                                    entries=[services.Entry(pupil=other_world.pupils[0], skill=skills["listening"],
                                                            step=3)])
    with pytest.raises(ValidationError, match="staff"):
        services.record_assessments(school=world.school, by=None, assessed_by=other_world.class_teacher, date=DAY,
                                    method=Method.SELF,
                                    entries=[services.Entry(pupil=world.pupils[0], skill=skills["listening"],
                                                            step=3)])


def test_evidence_activity_must_be_the_pupils_own(world, skills):
    ensure_activity_types(school=world.school)
    activity = create_activity(school=world.school, by=None, title="Garden centre visit", date=dt.date(2026, 2, 1),
                               activity_type=ActivityType.objects.get(school=world.school, code="workplace-visit"))
    theirs = Participation.objects.create(school=world.school, activity=activity, pupil=world.pupils[1])
    with pytest.raises(ValidationError, match="took part in"):
        services.record_assessments(school=world.school, by=None, assessed_by=None, date=DAY, method=Method.EMPLOYER,
                                    entries=[services.Entry(pupil=world.pupils[0], skill=skills["teamwork"], step=5,
                                                            participation=theirs)])
    mine = Participation.objects.create(school=world.school, activity=activity, pupil=world.pupils[0])
    services.record_assessments(school=world.school, by=None, assessed_by=None, date=DAY, method=Method.EMPLOYER,
                                entries=[services.Entry(pupil=world.pupils[0], skill=skills["teamwork"], step=5,
                                                        participation=mine)])
    assert Assessment.objects.get().participation == mine


def test_nothing_to_record_is_refused(world, skills):
    with pytest.raises(ValidationError, match="at least one"):
        services.record_assessments(school=world.school, by=None, assessed_by=None, date=DAY, method=Method.SELF,
                                    entries=[])


def test_renaming_and_archiving_a_framework_with_optimistic_locking(world, skills):
    framework = skills["listening"].framework
    changed = services.update_framework(framework=framework, by=world.careers_leader.user, expected_version=1,
                                        name="Skills for life", archived=True)
    assert changed == ["name", "archived"]
    framework.refresh_from_db()
    assert (framework.name, framework.archived, framework.version) == ("Skills for life", True, 2)
    with pytest.raises(StaleEdit):
        services.update_framework(framework=framework, by=None, expected_version=1, name="Another name")
    assert AuditEntry.objects.get(action="skills.framework_changed").data == {"fields": ["name", "archived"]}


def test_adding_a_skill_gives_it_a_free_code_and_the_last_place(world, skills):
    framework = skills["listening"].framework
    first = services.add_skill(framework=framework, by=None, name="Using money")
    second = services.add_skill(framework=framework, by=None, name="Using  money!")
    assert (first.code, first.position) == ("using-money", 8)
    assert (second.code, second.position) == ("using-money-2", 9)
    with pytest.raises(ValidationError):
        services.add_skill(framework=framework, by=None, name="Using money")


def test_removing_an_assessment_is_audited(world, skills):
    made = services.record_assessments(school=world.school, by=None, assessed_by=None, date=DAY, method=Method.SELF,
                                       entries=[services.Entry(pupil=world.pupils[0], skill=skills["listening"],
                                                               step=1)])
    services.remove_assessment(assessment=made[0], by=world.careers_leader.user)
    assert not Assessment.objects.exists()
    assert AuditEntry.objects.get(action="skills.assessment_removed").pupil_id == world.pupils[0].pk
