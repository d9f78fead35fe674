from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.curriculum import services
from roadahead.curriculum.models import Scheme, Subject
from tests.curriculum.helpers import build_curriculum

pytestmark = pytest.mark.django_db


def test_create_subject_is_audited(world):
    subject = services.create_subject(school=world.school, by=world.careers_leader.user, name="  Science ")
    assert subject.name == "Science"
    entry = AuditEntry.objects.get(action="subject.created")
    assert entry.object_id == subject.pk
    assert entry.user == world.careers_leader.user


def test_create_subject_refuses_a_name_already_used_in_any_case(world):
    services.create_subject(school=world.school, by=world.careers_leader.user, name="Science")
    with pytest.raises(ValidationError, match="already a subject called"):
        services.create_subject(school=world.school, by=world.careers_leader.user, name="science")


def test_create_subject_allows_a_name_another_school_uses(world, other_world):
    services.create_subject(school=other_world.school, by=other_world.careers_leader.user, name="Science")
    services.create_subject(school=world.school, by=world.careers_leader.user, name="Science")
    assert Subject.objects.filter(name="Science").count() == 2


def test_rename_subject_keeps_its_schemes(world):
    c = build_curriculum(world.school)
    assert services.rename_subject(subject=c.maths, by=world.careers_leader.user, name="Numeracy") is True
    assert c.budgeting.__class__.objects.get(pk=c.budgeting.pk).subject.name == "Numeracy"
    assert AuditEntry.objects.filter(action="subject.renamed", data={"fields": ["name"]}).count() == 1


def test_rename_subject_to_the_same_name_changes_nothing(world):
    c = build_curriculum(world.school)
    assert services.rename_subject(subject=c.maths, by=world.careers_leader.user, name="Maths") is False
    assert not AuditEntry.objects.filter(action="subject.renamed").exists()


def test_create_scheme_with_phases_and_years(world):
    c = build_curriculum(world.school)
    scheme = services.create_scheme(
        school=world.school, by=world.class_teacher.user, subject=c.english, title="Reading signs",
        careers_statement="Every workplace has safety signs.", phases=[c.ks3], first_year="7", last_year="8")
    assert list(scheme.phases.all()) == [c.ks3]
    assert AuditEntry.objects.filter(action="scheme.created", object_id=scheme.pk).exists()


@pytest.mark.parametrize(("first", "last", "message"), [
    ("9", "7", "must not come before"),
    ("7", "", "or neither"),
    ("", "", "Tick the phases"),
])
def test_create_scheme_refuses_years_that_make_no_sense(world, first, last, message):
    c = build_curriculum(world.school)
    with pytest.raises(ValidationError, match=message):
        services.create_scheme(school=world.school, by=world.careers_leader.user, subject=c.english,
                               title="Reading signs", careers_statement="Signs.", first_year=first, last_year=last)
    assert not Scheme.objects.filter(title="Reading signs").exists()


def test_create_scheme_needs_a_careers_statement(world):
    c = build_curriculum(world.school)
    with pytest.raises(ValidationError) as error:
        services.create_scheme(school=world.school, by=world.careers_leader.user, subject=c.english,
                               title="Reading signs", careers_statement="  ", phases=[c.ks3])
    assert "careers_statement" in error.value.message_dict


def test_create_scheme_refuses_a_title_the_subject_already_has(world):
    c = build_curriculum(world.school)
    with pytest.raises(ValidationError, match="already has a scheme called"):
        services.create_scheme(school=world.school, by=world.careers_leader.user, subject=c.maths,
                               title="money and budgeting", careers_statement="Again.", phases=[c.ks3])


def test_create_scheme_refuses_another_schools_subject_or_phase(world, other_world):
    mine = build_curriculum(world.school)
    theirs = build_curriculum(other_world.school)
    with pytest.raises(ValidationError, match="your school's own phases"):
        services.create_scheme(school=world.school, by=world.careers_leader.user, subject=mine.maths,
                               title="Shapes", careers_statement="Tilers.", phases=[theirs.ks3])
    with pytest.raises(ValidationError, match="school's subjects"):
        services.create_scheme(school=world.school, by=world.careers_leader.user, subject=theirs.maths,
                               title="Shapes", careers_statement="Tilers.", phases=[mine.ks3])


def test_update_scheme_names_the_fields_changed(world):
    c = build_curriculum(world.school)
    changed = services.update_scheme(scheme=c.budgeting, by=world.careers_leader.user, title="Money",
                                     careers_statement=c.budgeting.careers_statement, phases=[c.ks4, c.post16])
    assert changed == ["title", "phases"]
    c.budgeting.refresh_from_db()
    assert c.budgeting.title == "Money"
    assert set(c.budgeting.phases.all()) == {c.ks4, c.post16}
    assert AuditEntry.objects.get(action="scheme.changed").data == {"fields": ["title", "phases"]}


def test_update_scheme_refuses_to_leave_it_nowhere(world):
    c = build_curriculum(world.school)
    with pytest.raises(ValidationError, match="Tick the phases"):
        services.update_scheme(scheme=c.budgeting, by=world.careers_leader.user, phases=[])
    assert list(c.budgeting.phases.all()) == [c.ks4]
