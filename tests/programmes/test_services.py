"""Loading a programme file into a school: create, update, reload without duplicates, write nothing on error."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.audit.models import AuditEntry
from roadahead.programmes import services
from roadahead.programmes.schema import ProgrammeInvalid
from roadahead.programmes.services import load_programme
from roadahead.schools.models import AcademicYear, ClassGroup, DestinationCategory, Pathway, Phase, School, Term
from tests.programmes.conftest import SMALL

pytestmark = pytest.mark.django_db

MODELS = (School, AcademicYear, Term, Phase, DestinationCategory, Pathway, ClassGroup)


def row_counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts["in_keeping"] = Pathway.in_keeping_destinations.through.objects.count()
    return counts


def test_five_pathway_example_creates_the_school(five_pathway):
    result = load_programme(text=five_pathway, school_slug=None)

    school = School.objects.get(slug="parkside")
    assert result.school_created
    assert (school.name, school.school_type, school.careers_leader_email) == (
        "Parkside School", "maintained_special", "careers@parkside.example")
    assert school.check_provider_access
    assert school.check_independent_guidance
    assert school.check_gatsby_benchmarks
    assert list(Phase.objects.filter(school=school).values_list("name", "first_year", "last_year")) == [
        ("Lower", "R", "2"), ("Middle", "3", "6"), ("Upper", "7", "9"), ("14-19", "10", "14")]
    assert Term.objects.filter(school=school).count() == 12
    autumn = Term.objects.get(school=school, academic_year__start_year=2025, name="autumn")
    assert autumn.half_terms() == [(dt.date(2025, 9, 3), dt.date(2025, 10, 24)),
                                   (dt.date(2025, 11, 3), dt.date(2025, 12, 19))]
    pathway_1 = Pathway.objects.get(school=school, name="Pathway 1")
    assert sorted(pathway_1.in_keeping_destinations.values_list("code", flat=True)) == [
        "day-service", "social-care-package"]
    assert DestinationCategory.objects.get(school=school, code="supported-internship").nccis_code == "460"
    assert ClassGroup.objects.get(school=school, name="Ash").phase.name == "14-19"
    assert result.changes["pathways"].created == 5


def test_four_pathway_example_creates_the_school(four_pathway):
    result = load_programme(text=four_pathway, school_slug=None)

    school = result.school
    assert (school.slug, school.school_type) == ("heathfield", "academy_special")
    assert list(Pathway.objects.filter(school=school).values_list("name", flat=True)) == [
        "Sensory", "Active", "Bridge", "Intentional"]
    assert list(Phase.objects.filter(school=school).values_list("name", flat=True)) == ["EY to Year 11", "Post 16"]


def test_loading_again_changes_and_duplicates_nothing(five_pathway):
    load_programme(text=five_pathway, school_slug=None)
    before = row_counts()

    result = load_programme(text=five_pathway, school_slug=None)

    assert row_counts() == before
    assert not result.changed
    assert all(c.created == 0 and c.updated == 0 for c in result.changes.values())
    assert result.changes["terms"].unchanged == 12
    assert "Nothing changed: the school already matched the file." in result.summary()


def test_changing_a_vision_updates_only_that_pathway(five_pathway):
    load_programme(text=five_pathway, school_slug=None)
    changed = five_pathway.replace("People who know me well look after me", "People who know me well care for me")

    result = load_programme(text=changed, school_slug=None)

    assert Pathway.objects.get(name="Pathway 1").vision.startswith("People who know me well care for me")
    assert (result.changes["pathways"].updated, result.changes["pathways"].unchanged) == (1, 4)
    assert "pathways: 0 created, 1 updated, 4 unchanged" in result.summary()


def test_changing_in_keeping_destinations_updates_the_pathway():
    load_programme(text=SMALL, school_slug=None)
    changed = SMALL.replace("      - day-service\n", "")

    result = load_programme(text=changed, school_slug=None)

    pathway = Pathway.objects.get(name="Pathway A")
    assert list(pathway.in_keeping_destinations.values_list("code", flat=True)) == ["specialist-college"]
    assert result.changes["pathways"].updated == 1


def test_changing_term_dates_and_school_details_updates_them():
    load_programme(text=SMALL, school_slug=None)
    changed = SMALL.replace("ends: 2026-03-27", "ends: 2026-03-26").replace("Sam Carter", "Alex Carter")

    result = load_programme(text=changed, school_slug=None)

    assert Term.objects.get(name="spring").ends_on == dt.date(2026, 3, 26)
    assert School.objects.get(slug="brookfield").careers_leader_name == "Alex Carter"
    assert result.school_updated
    assert result.changes["terms"].updated == 1


def test_rows_missing_from_the_file_are_kept_and_listed():
    load_programme(text=SMALL, school_slug=None)
    without_post_16 = SMALL.replace("  - name: Post 16\n    first_year: 12\n    last_year: 14\n", "")

    result = load_programme(text=without_post_16, school_slug=None)

    assert Phase.objects.filter(name="Post 16").exists()
    assert ("These phases are in Road Ahead but not in the file; they were kept, not deleted: Post 16."
            in result.warnings)


def test_invalid_file_writes_nothing():
    before = row_counts()
    audit_before = AuditEntry.objects.count()

    with pytest.raises(ProgrammeInvalid):
        load_programme(text=SMALL.replace("first_year: 7", "first_year: 15"), school_slug=None)

    assert row_counts() == before
    assert AuditEntry.objects.count() == audit_before


def test_failure_part_way_through_rolls_everything_back(monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "log_action", fail)

    with pytest.raises(RuntimeError):
        load_programme(text=SMALL, school_slug=None)

    assert not School.objects.filter(slug="brookfield").exists()
    assert Phase.objects.count() == 0


def test_loading_writes_one_audit_entry_with_counts_only():
    result = load_programme(text=SMALL, school_slug=None)

    entry = AuditEntry.objects.get(action="programme.loaded")
    assert entry.school == result.school
    assert entry.data["phases"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert "Sam Carter" not in str(entry.data)


def test_school_slug_given_wins_over_the_file(world):
    result = load_programme(text=SMALL, school_slug="oakfield")

    world.school.refresh_from_db()
    assert result.school == world.school
    assert world.school.name == "Brookfield School"
    assert not School.objects.filter(slug="brookfield").exists()
    assert "The file is for the school 'brookfield'; it was loaded into 'oakfield' as asked." in result.warnings
    # The existing academic year is updated in place rather than duplicated.
    assert AcademicYear.objects.filter(school=world.school, start_year=2025).count() == 1


def test_file_without_a_slug_needs_one_given():
    text = SMALL.replace("  slug: brookfield\n", "")

    with pytest.raises(ProgrammeInvalid) as caught:
        load_programme(text=text, school_slug=None)

    assert "Say which school this file is for" in str(caught.value)
    assert School.objects.count() == 0
