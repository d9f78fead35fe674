from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.activities import services
from roadahead.activities.enums import Attendance, Engagement
from roadahead.activities.models import Activity, Participation, ParticipationRevision, Series
from roadahead.audit.models import AuditEntry
from roadahead.people.selectors import pupils_visible_to
from tests.activities.conftest import add_class_pupils, make_activity
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def record_post(pupils, **overrides) -> dict:
    data: dict = {"action": "save", "pupil": [p.pk for p in pupils]}
    for p in pupils:
        data[f"p{p.pk}-attendance"] = "attended"
        data[f"p{p.pk}-engagement"] = "3"
    data.update(overrides)
    return data


def test_create_an_activity_for_a_class_then_record_it(client, world, types):
    client.force_login(world.class_teacher.user)
    response = client.post("/s/oakfield/activities/new/", {
        "activity_type": types["workplace-visit"].pk, "title": "Visit to the bakery", "date": "02/03/2026",
        "setting": "off_site", "class_group": world.class_group.pk, "purpose_shared": "on", "outcomes_fitted": "on",
        "two_way": "on", "reflection": "on"})
    activity = Activity.objects.get(title="Visit to the bakery")
    assert response.status_code == 302
    assert response["Location"] == f"/s/oakfield/activities/{activity.pk}/record/?class_group={world.class_group.pk}"
    # No benchmarks ticked: the type's usual ones. Not meaningful: no employer task or feedback.
    assert {b.number for b in activity.benchmarks.all()} == {5, 6}
    assert not activity.meaningful
    page = client.get(response["Location"]).content.decode()
    for pupil in world.class_pupils:
        assert f"{pupil.surname}, {pupil.forename}" in page
    other = next(p for p in world.pupils if p not in world.class_pupils)
    assert other.surname not in page
    first, second = world.class_pupils
    saved = client.post(response["Location"], record_post(world.class_pupils, **{
        "class_group": world.class_group.pk, f"p{second.pk}-attendance": "absent",
        f"p{second.pk}-engagement": "", f"p{first.pk}-reaction": "liked", f"p{first.pk}-response": "Bread smells nice",
        f"p{first.pk}-response_method": "own_words"}))
    assert saved.status_code == 302
    records = {p.pupil_id: p for p in Participation.objects.filter(activity=activity)}
    assert records[first.pk].engagement == Engagement.ENGAGED
    assert records[first.pk].reaction == "liked"
    assert records[first.pk].response == "Bread smells nice"
    assert records[second.pk].attendance == Attendance.ABSENT
    assert records[second.pk].engagement is None
    detail = client.get(saved["Location"]).content.decode()
    assert "Bread smells nice" in detail


def test_create_with_no_title_shows_the_error(client, world, types):
    client.force_login(world.careers_leader.user)
    response = client.post("/s/oakfield/activities/new/", {"activity_type": types["careers-lesson"].pk,
                                                           "date": "02/03/2026", "setting": "on_site"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Activity.objects.exists()


def test_staff_cannot_record_for_a_pupil_outside_their_classes(client, world):
    talk = make_activity(world)
    outsider = next(p for p in world.pupils if p not in world.class_pupils)
    client.force_login(world.class_teacher.user)
    response = client.post(f"/s/oakfield/activities/{talk.pk}/record/",
                           record_post([*world.class_pupils, outsider]))
    assert response.status_code == 400
    assert not Participation.objects.exists()


def test_staff_saving_their_class_leaves_other_classes_records_alone(client, world):
    talk = make_activity(world)
    services.record_participations(activity=talk, by=world.careers_leader.user,
                                   entries=[services.ParticipationInput(pupil=p) for p in world.pupils])
    client.force_login(world.class_teacher.user)
    gone = world.class_pupils[1]
    response = client.post(f"/s/oakfield/activities/{talk.pk}/record/",
                           record_post(world.class_pupils, **{f"p{gone.pk}-remove": "on"}))
    assert response.status_code == 302
    left = set(Participation.objects.filter(activity=talk).values_list("pupil_id", flat=True))
    assert left == {p.pk for p in world.pupils} - {gone.pk}


def test_editing_a_record_keeps_history_for_the_careers_leader(client, world):
    talk = make_activity(world)
    pupil = world.class_pupils[0]
    services.record_participations(activity=talk, by=world.class_teacher.user, entries=[
        services.ParticipationInput(pupil=pupil, engagement=2)])
    client.force_login(world.class_teacher.user)
    page = client.get(f"/s/oakfield/activities/{talk.pk}/record/").content.decode()
    assert f'value="2" class="ra-seg__input" id="id_p{pupil.pk}-engagement_1" checked' in page
    client.post(f"/s/oakfield/activities/{talk.pk}/record/", record_post([pupil]))
    assert ParticipationRevision.objects.get().previous["engagement"] == 2
    assert "Changes to the record" not in client.get(f"/s/oakfield/activities/{talk.pk}/").content.decode()
    client.force_login(world.careers_leader.user)
    detail = client.get(f"/s/oakfield/activities/{talk.pk}/").content.decode()
    assert "Changes to the record" in detail
    assert "Engaged with support" in detail
    assert "Class Teacher" in detail


def test_mark_everyone_attended_without_script_sets_the_radios_and_saves_nothing(client, world):
    talk = make_activity(world)
    client.force_login(world.careers_leader.user)
    pupils = world.class_pupils
    data = record_post(pupils, action="all_attended", **{f"p{p.pk}-attendance": "absent" for p in pupils})
    page = client.post(f"/s/oakfield/activities/{talk.pk}/record/", data).content.decode()
    assert "Everyone is marked as attended" in page
    assert all(f'id="id_p{p.pk}-attendance_0" required checked' in page for p in pupils)
    assert 'value="absent" class="ra-seg__input" id="id_p{pupils[0].pk}-attendance_2" required checked' not in page
    assert not Participation.objects.exists()


def test_edit_with_a_stale_version_is_refused(client, world, types):
    talk = make_activity(world)
    client.force_login(world.careers_leader.user)
    form = {"activity_type": types["employer-talk"].pk, "title": "Changed", "date": "02/03/2026",
            "setting": "on_site", "version": 1}
    assert client.post(f"/s/oakfield/activities/{talk.pk}/edit/", form).status_code == 302
    again = client.post(f"/s/oakfield/activities/{talk.pk}/edit/", {**form, "title": "Mine"})
    assert "Someone else changed this activity" in again.content.decode()
    assert Activity.objects.get(pk=talk.pk).title == "Changed"


def test_staff_may_change_only_activities_they_created(client, world):
    own = make_activity(world, by=world.class_teacher.user)
    theirs = make_activity(world)
    client.force_login(world.class_teacher.user)
    assert client.get(f"/s/oakfield/activities/{own.pk}/edit/").status_code == 200
    assert client.get(f"/s/oakfield/activities/{theirs.pk}/edit/").status_code == 403


def test_delete_removes_the_activity_and_its_records(client, world):
    talk = make_activity(world)
    services.record_participations(activity=talk, by=world.careers_leader.user,
                                   entries=[services.ParticipationInput(pupil=world.pupils[0])])
    client.force_login(world.careers_leader.user)
    assert client.post(f"/s/oakfield/activities/{talk.pk}/delete/").status_code == 302
    assert not Activity.objects.exists()
    assert not Participation.objects.exists()


def test_another_schools_activity_and_pupil_are_not_found(client, world, other_world):
    theirs = make_activity(other_world)
    client.force_login(world.careers_leader.user)
    base = f"/s/oakfield/activities/{theirs.pk}"
    for url in (f"{base}/", f"{base}/record/", f"{base}/edit/",
                f"/s/oakfield/activities/timeline/{other_world.pupils[0].pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/s/oakfield/activities/{theirs.pk}/delete/").status_code == 404
    assert Activity.objects.filter(pk=theirs.pk).exists()


def test_detail_lists_only_pupils_the_viewer_may_see(client, world):
    talk = make_activity(world)
    services.record_participations(activity=talk, by=world.careers_leader.user,
                                   entries=[services.ParticipationInput(pupil=p) for p in world.pupils])
    client.force_login(world.adviser.user)
    page = client.get(f"/s/oakfield/activities/{talk.pk}/").content.decode()
    shown = [p for p in world.pupils if f"{p.surname}, {p.forename}" in page]
    assert shown == world.adviser_pupils
    assert "3 more pupils were recorded by other staff." in page


def test_timeline_is_audited_and_hidden_from_those_who_may_not_see_the_pupil(client, world):
    talk = make_activity(world, title="Fire service talk")
    pupil = world.pupils[1]
    services.record_participations(activity=talk, by=world.careers_leader.user,
                                   entries=[services.ParticipationInput(pupil=pupil)])
    client.force_login(world.careers_leader.user)
    page = client.get(f"/s/oakfield/activities/timeline/{pupil.pk}/").content.decode()
    assert "Fire service talk" in page
    assert AuditEntry.objects.filter(action="pupil.timeline_viewed", pupil_id=pupil.pk).count() == 1
    client.force_login(world.adviser.user)
    assert client.get(f"/s/oakfield/activities/timeline/{pupil.pk}/").status_code == 404


def test_series_create_then_detail_shows_sessions_and_totals(client, world, types):
    client.force_login(world.class_teacher.user)
    response = client.post("/s/oakfield/activities/series/new/", {
        "title": "Garden centre", "activity_type": types["work-experience"].pk, "frequency": "weekly",
        "weekday": "2", "starts_on": "02/03/2026", "ends_on": "25/03/2026", "setting": "off_site",
        "class_group": world.class_group.pk})
    series = Series.objects.get()
    assert response.status_code == 302
    assert set(series.pupils.all()) == set(world.class_pupils)
    assert Activity.objects.filter(series=series).count() == 4
    first = Activity.objects.filter(series=series).order_by("date").first()
    client.post(f"/s/oakfield/activities/{first.pk}/record/", record_post(world.class_pupils))
    page = client.get(response["Location"]).content.decode()
    assert "2 took part" in page
    assert "Still to come" in page
    assert all(f"{p.surname}, {p.forename}" in page for p in world.class_pupils)


def test_list_filters_by_type(client, world, types):
    make_activity(world, title="A talk")
    make_activity(world, code="careers-lesson", title="A lesson")
    client.force_login(world.leader.user)
    page = client.get("/s/oakfield/activities/", {"type": types["careers-lesson"].pk}).content.decode()
    assert "A lesson" in page
    assert "A talk" not in page


# ## Query counts ######################################################################################

def count_queries(client, method: str, url: str, data: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
        assert response.status_code in {200, 302}
    return len(queries)


def test_recording_screen_queries_do_not_grow_with_pupils(client, world):
    client.force_login(world.class_teacher.user)
    small = make_activity(world, title="Small")
    large = make_activity(world, title="Large")
    add_class_pupils(world, 1)  # three in the class
    three = list(pupils_visible_to(membership=world.class_teacher, day=TODAY))
    assert len(three) == 3
    count_queries(client, "get", f"/s/oakfield/activities/{small.pk}/record/")  # first request writes the session
    for_class = f"?class_group={world.class_group.pk}"
    get_small = count_queries(client, "get", f"/s/oakfield/activities/{small.pk}/record/{for_class}")
    post_small = count_queries(client, "post", f"/s/oakfield/activities/{small.pk}/record/", record_post(three))
    add_class_pupils(world, 9)
    twelve = list(pupils_visible_to(membership=world.class_teacher, day=TODAY))
    assert len(twelve) == 12
    get_large = count_queries(client, "get", f"/s/oakfield/activities/{large.pk}/record/{for_class}")
    post_large = count_queries(client, "post", f"/s/oakfield/activities/{large.pk}/record/", record_post(twelve))
    assert get_small == get_large
    assert post_small == post_large
    # Changing a recorded class (keeping revisions) costs the same for three pupils as for twelve.
    change_small = count_queries(client, "post", f"/s/oakfield/activities/{small.pk}/record/",
                                 record_post(three, **{f"p{p.pk}-engagement": "4" for p in three}))
    change_large = count_queries(client, "post", f"/s/oakfield/activities/{large.pk}/record/",
                                 record_post(twelve, **{f"p{p.pk}-engagement": "4" for p in twelve}))
    assert change_small == change_large
    assert ParticipationRevision.objects.count() == 15


def test_timeline_queries_do_not_grow_with_activities(client, world):
    pupil = world.pupils[0]
    client.force_login(world.careers_leader.user)
    url = f"/s/oakfield/activities/timeline/{pupil.pk}/"
    provider_day = dt.date(2026, 1, 5)

    def add(n: int) -> None:
        for i in range(n):
            activity = make_activity(world, code=["employer-talk", "workplace-visit", "careers-lesson"][i % 3],
                                     day=provider_day + dt.timedelta(days=i), title=f"Activity {i}")
            services.record_participations(activity=activity, by=world.careers_leader.user,
                                           entries=[services.ParticipationInput(pupil=pupil, response="Good")])

    add(1)
    count_queries(client, "get", url)
    one = count_queries(client, "get", url)
    filtered_one = count_queries(client, "get", url + "?benchmark=5&year=2025")
    add(14)
    fifteen = count_queries(client, "get", url)
    assert one == fifteen
    assert filtered_one == count_queries(client, "get", url + "?benchmark=5&year=2025")
