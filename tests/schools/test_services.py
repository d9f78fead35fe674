from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.activities.models import Activity, ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.audit.models import AuditEntry
from roadahead.people.models import Pupil
from roadahead.schools import services
from roadahead.schools.enums import SchoolType, TermName
from roadahead.schools.models import AcademicYear, Pathway, Phase, School, Term
from tests import factories

pytestmark = pytest.mark.django_db


def entries(school, action):
    return list(AuditEntry.objects.filter(school=school, action=action))


def test_update_school_saves_switches_and_logs_field_names(world):
    school = world.school
    changed = services.update_school(school=school, by=world.careers_leader.user, name="Oakfield School",
                                     school_type=SchoolType.INDEPENDENT_SPECIAL, check_provider_access=False,
                                     careers_leader_email=" cl@oakfield.example ")
    school.refresh_from_db()
    assert changed == ["school_type", "careers_leader_email", "check_provider_access"]
    assert (school.school_type, school.check_provider_access) == (SchoolType.INDEPENDENT_SPECIAL, False)
    assert school.careers_leader_email == "cl@oakfield.example"
    [entry] = entries(school, "school.changed")
    assert entry.data == {"fields": changed}
    assert "cl@oakfield" not in str(entry.data)


def test_update_school_with_a_bad_email_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as error:
        services.update_school(school=world.school, by=world.careers_leader.user, careers_leader_email="nope")
    assert "careers_leader_email" in error.value.message_dict
    world.school.refresh_from_db()
    assert world.school.careers_leader_email == ""
    assert entries(world.school, "school.changed") == []


def test_create_pathway_with_destinations_in_keeping(world, other_world):
    college = factories.DestinationCategoryFactory(school=world.school, name="Specialist college")
    theirs = factories.DestinationCategoryFactory(school=other_world.school, name="Their category")
    pathway = services.create_pathway(school=world.school, by=world.careers_leader.user, name="Pathway 3",
                                      order=3, vision="Work with support", in_keeping_destinations=[college, theirs])
    assert list(pathway.in_keeping_destinations.all()) == [college]
    assert len(entries(world.school, "pathway.created")) == 1


def test_create_pathway_with_a_name_already_used_is_refused(world):
    factories.PathwayFactory(school=world.school, name="Sensory")
    with pytest.raises(ValidationError) as error:
        services.create_pathway(school=world.school, by=world.careers_leader.user, name="sensory", order=1)
    assert error.value.message_dict["name"] == ["There is already a pathway called sensory."]


def test_update_pathway_logs_vision_and_destination_changes(world):
    pathway = factories.PathwayFactory(school=world.school, name="Bridge")
    work = factories.DestinationCategoryFactory(school=world.school)
    changed = services.update_pathway(pathway=pathway, by=world.careers_leader.user, name="Bridge",
                                      vision="Paid work", order=pathway.order, in_keeping_destinations=[work])
    assert changed == ["vision", "in_keeping_destinations"]
    assert entries(world.school, "pathway.changed")[0].data == {"fields": changed}
    assert services.update_pathway(pathway=pathway, by=world.careers_leader.user, vision="Paid work",
                                   in_keeping_destinations=[work]) == []


def test_create_phase_with_first_year_after_last_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.create_phase(school=world.school, by=world.careers_leader.user, name="Upper",
                              first_year="11", last_year="9")
    assert "The first year of a phase must come before its last year." in error.value.messages
    assert not Phase.objects.filter(school=world.school).exists()


def test_create_and_update_phase_are_logged(world):
    phase = services.create_phase(school=world.school, by=world.careers_leader.user, name="Post 16",
                                  first_year="12", last_year="14", order=4)
    assert services.update_phase(phase=phase, by=world.careers_leader.user, name="Post-16") == ["name"]
    phase.refresh_from_db()
    assert phase.name == "Post-16"
    assert len(entries(world.school, "phase.created")) == len(entries(world.school, "phase.changed")) == 1


def test_update_phase_to_another_phases_name_is_refused(world):
    factories.PhaseFactory(school=world.school, name="Lower")
    phase = factories.PhaseFactory(school=world.school, name="Middle")
    with pytest.raises(ValidationError) as error:
        services.update_phase(phase=phase, by=world.careers_leader.user, name="Lower")
    assert error.value.message_dict["name"] == ["There is already a phase called Lower."]


def test_create_class_group_in_this_year_with_a_phase(world):
    phase = factories.PhaseFactory(school=world.school, name="14-19")
    year = AcademicYear.objects.get(school=world.school, start_year=2025)
    group = services.create_class_group(school=world.school, by=world.careers_leader.user, academic_year=year,
                                        name=" Willow ", phase=phase)
    assert (group.name, group.phase, group.academic_year) == ("Willow", phase, year)
    assert len(entries(world.school, "class_group.created")) == 1


def test_create_class_group_with_a_name_used_this_year_is_refused(world):
    year = AcademicYear.objects.get(school=world.school, start_year=2025)
    with pytest.raises(ValidationError) as error:
        services.create_class_group(school=world.school, by=world.careers_leader.user, academic_year=year, name="oak")
    assert error.value.message_dict["name"] == ["There is already a class called oak in 2025/26."]


def test_update_class_group_rejects_another_schools_phase(world, other_world):
    theirs = factories.PhaseFactory(school=other_world.school)
    with pytest.raises(ValidationError) as error:
        services.update_class_group(group=world.class_group, by=world.careers_leader.user, phase=theirs)
    assert "phase" in error.value.message_dict


def test_update_class_group_renames_and_logs(world):
    assert services.update_class_group(group=world.class_group, by=world.careers_leader.user,
                                       name="Oak Class") == ["name"]
    world.class_group.refresh_from_db()
    assert world.class_group.name == "Oak Class"
    assert entries(world.school, "class_group.changed")[0].data == {"fields": ["name"]}


def test_create_academic_year_defaults_to_september_to_august(world):
    year = services.create_academic_year(school=world.school, by=world.careers_leader.user, start_year=2026)
    assert (year.starts_on, year.ends_on) == (dt.date(2026, 9, 1), dt.date(2027, 8, 31))
    assert len(entries(world.school, "academic_year.created")) == 1


def test_create_academic_year_twice_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.create_academic_year(school=world.school, by=world.careers_leader.user, start_year=2025)
    assert error.value.message_dict["start_year"] == ["2025/26 is already set up."]


def test_create_academic_year_overlapping_another_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.create_academic_year(school=world.school, by=world.careers_leader.user, start_year=2026,
                                      starts_on=dt.date(2026, 8, 20), ends_on=dt.date(2027, 7, 31))
    assert error.value.messages == ["These dates overlap 2025/26 (1 September 2025 to 31 August 2026)."]


def test_create_academic_year_ending_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.create_academic_year(school=world.school, by=world.careers_leader.user, start_year=2027,
                                      starts_on=dt.date(2027, 9, 1), ends_on=dt.date(2027, 8, 1))
    assert "The first day must be before the last day." in error.value.messages


@pytest.fixture
def year(world):
    return AcademicYear.objects.get(school=world.school, start_year=2025)


def test_create_term_with_half_term_dates(world, year):
    term = services.create_term(academic_year=year, by=world.careers_leader.user, name=TermName.SPRING,
                                starts_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 3, 27),
                                first_half_ends_on=dt.date(2026, 2, 13),
                                second_half_starts_on=dt.date(2026, 2, 23))
    assert term.half_terms() == [(dt.date(2026, 1, 5), dt.date(2026, 2, 13)),
                                 (dt.date(2026, 2, 23), dt.date(2026, 3, 27))]
    assert entries(world.school, "term.created")[0].object_id == term.pk


def test_create_term_outside_the_academic_year_is_refused(world, year):
    with pytest.raises(ValidationError) as error:
        services.create_term(academic_year=year, by=world.careers_leader.user, name=TermName.SUMMER,
                             starts_on=dt.date(2026, 4, 13), ends_on=dt.date(2026, 9, 10))
    assert error.value.messages == [
        "The term must fall inside the academic year 2025/26 (1 September 2025 to 31 August 2026)."]
    assert not Term.objects.filter(school=world.school).exists()


def test_create_term_with_half_term_break_outside_the_term_is_refused(world, year):
    with pytest.raises(ValidationError) as error:
        services.create_term(academic_year=year, by=world.careers_leader.user, name=TermName.AUTUMN,
                             starts_on=dt.date(2025, 9, 3), ends_on=dt.date(2025, 12, 19),
                             first_half_ends_on=dt.date(2025, 10, 24), second_half_starts_on=dt.date(2026, 1, 5))
    assert "The half-term break must fall inside the term." in error.value.messages


def test_create_term_with_only_one_half_term_date_is_refused(world, year):
    with pytest.raises(ValidationError) as error:
        services.create_term(academic_year=year, by=world.careers_leader.user, name=TermName.AUTUMN,
                             starts_on=dt.date(2025, 9, 3), ends_on=dt.date(2025, 12, 19),
                             first_half_ends_on=dt.date(2025, 10, 24))
    assert "Give both half-term dates, or neither." in error.value.messages


def test_create_term_twice_or_overlapping_is_refused(world, year):
    by = world.careers_leader.user
    services.create_term(academic_year=year, by=by, name=TermName.AUTUMN,
                         starts_on=dt.date(2025, 9, 3), ends_on=dt.date(2025, 12, 19))
    with pytest.raises(ValidationError) as twice:
        services.create_term(academic_year=year, by=by, name=TermName.AUTUMN,
                             starts_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 3, 27))
    assert twice.value.message_dict["name"] == ["Autumn term 2025/26 is already set up."]
    with pytest.raises(ValidationError) as overlap:
        services.create_term(academic_year=year, by=by, name=TermName.SPRING,
                             starts_on=dt.date(2025, 12, 1), ends_on=dt.date(2026, 3, 27))
    assert overlap.value.messages == ["These dates overlap the Autumn term."]


def test_update_term_adds_half_term_dates_and_logs(world, year):
    by = world.careers_leader.user
    term = services.create_term(academic_year=year, by=by, name=TermName.AUTUMN,
                                starts_on=dt.date(2025, 9, 3), ends_on=dt.date(2025, 12, 19))
    changed = services.update_term(term=term, by=by, first_half_ends_on=dt.date(2025, 10, 24),
                                   second_half_starts_on=dt.date(2025, 11, 3))
    assert changed == ["first_half_ends_on", "second_half_starts_on"]
    assert entries(world.school, "term.changed")[0].data == {"fields": changed}


def test_services_never_touch_another_school(world, other_world):
    factories.PathwayFactory(school=other_world.school, name="Sensory")
    pathway = services.create_pathway(school=world.school, by=world.careers_leader.user, name="Sensory")
    assert Pathway.objects.filter(name="Sensory").count() == 2
    assert pathway.school == world.school


def test_deleting_a_school_takes_every_record_with_it_despite_protected_links(world, other_world):
    ensure_activity_types(school=world.school)
    visit = ActivityType.objects.get(school=world.school, code="workplace-visit")
    activity = create_activity(school=world.school, by=world.careers_leader.user, title="Visit",
                               date=dt.date(2026, 1, 20), activity_type=visit)
    record_participations(activity=activity, by=None, entries=[ParticipationInput(pupil=world.pupils[0])])
    services.delete_school(school=world.school)
    assert not School.objects.filter(pk=world.school.pk).exists()
    assert not Activity.objects.filter(school_id=world.school.pk).exists()
    assert Pupil.objects.filter(school=other_world.school).exists()
