from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from roadahead.people import selectors
from roadahead.people.selectors import PupilFilters
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)


def ids(queryset):
    return sorted(p.pk for p in queryset)


def test_careers_leader_and_governor_see_every_pupil_of_their_school_only(world, other_world):
    expected = sorted(p.pk for p in world.pupils)
    assert ids(selectors.pupils_visible_to(membership=world.careers_leader, day=TODAY)) == expected
    assert ids(selectors.pupils_visible_to(membership=world.leader, day=TODAY)) == expected


def test_class_staff_see_the_pupils_in_their_classes_this_year(world):
    assert ids(selectors.pupils_visible_to(membership=world.class_teacher, day=TODAY)) == sorted(
        p.pk for p in world.class_pupils)
    # Next academic year the class list has not been made yet, so they see nobody.
    assert ids(selectors.pupils_visible_to(membership=world.class_teacher, day=dt.date(2026, 9, 1))) == []


def test_adviser_sees_only_assigned_pupils(world, other_world):
    assert ids(selectors.pupils_visible_to(membership=world.adviser, day=TODAY)) == sorted(
        p.pk for p in world.adviser_pupils)


def test_visible_pupil_is_404_for_another_schools_pupil_and_unassigned_pupils(world, other_world):
    with pytest.raises(Http404):
        selectors.visible_pupil(membership=world.careers_leader, pk=other_world.pupils[0].pk, day=TODAY)
    with pytest.raises(Http404):
        selectors.visible_pupil(membership=world.adviser, pk=world.pupils[1].pk, day=TODAY)


def test_pupil_list_filters(world):
    pathway = factories.PathwayFactory(school=world.school, name="Intentional")
    target = world.pupils[1]
    enrolment = target.enrolments.get()
    enrolment.pathway, enrolment.nc_year = pathway, "12"
    enrolment.save()
    target.looked_after = True
    target.legal_surname = "Okonkwo"
    target.save()
    factories.PupilNeedFactory(pupil=target, need="ASD", rank=2)
    leaver = world.pupils[2]
    leaver.date_left = dt.date(2025, 7, 20)
    leaver.save()

    def run(**kwargs):
        return ids(selectors.pupil_list(membership=world.careers_leader, filters=PupilFilters(**kwargs), day=TODAY))

    assert run(pathway=pathway.pk) == [target.pk]
    assert run(nc_year="12") == [target.pk]
    assert run(need="ASD") == [target.pk]
    assert run(looked_after=True) == [target.pk]
    assert run(search="okon") == [target.pk]
    assert run(search=target.upn.lower()) == [target.pk]
    assert run(class_group=world.class_group.pk) == sorted(p.pk for p in world.class_pupils if p != leaver)
    assert run(status="left") == [leaver.pk]
    assert leaver.pk not in run()
    assert len(run(status="all")) == 4


def test_pupil_list_attaches_this_years_enrolment_and_ranked_needs(world):
    pupils = list(selectors.pupil_list(membership=world.careers_leader, filters=PupilFilters(), day=TODAY))
    first = pupils[0]
    assert selectors.current_enrolment(first).nc_year == "10"
    assert [n.need for n in first.need_list] == ["SLD"]
