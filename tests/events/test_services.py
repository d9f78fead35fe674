from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.audit.models import AuditEntry
from roadahead.events import selectors, services
from roadahead.events.models import Feedback, FeedbackLink, Stallholder
from tests import factories
from tests.events.helpers import make_event

pytestmark = pytest.mark.django_db

MARCH_10 = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def stall_names(event):
    return sorted(Stallholder.objects.filter(event=event).values_list("provider__name", flat=True))


def test_create_event_records_a_careers_event_activity_with_its_stallholders(world):
    college = factories.ProviderFactory(school=world.school, name="Riverside College")
    bakery = factories.ProviderFactory(school=world.school, name="Corner Bakery")
    event = services.create_event(school=world.school, by=world.careers_leader.user, title="Transition fair",
                                  date=dt.date(2026, 3, 20), stallholders=[college, bakery, college],
                                  invited="Families of Years 9 to 14", families_attended=0,
                                  purpose="Meet post-19 providers")
    activity = event.activity
    assert activity.activity_type.code == "careers-event"
    assert activity.title == "Transition fair"
    assert activity.academic_year.start_year == 2025
    assert sorted(b.number for b in activity.benchmarks.all()) == [2, 3, 7]
    assert stall_names(event) == ["Corner Bakery", "Riverside College"]
    # The pupils' timelines see whom they met through the activity's providers.
    assert sorted(p.name for p in activity.providers.all()) == ["Corner Bakery", "Riverside College"]
    assert AuditEntry.objects.filter(action="event.created", object_id=event.pk).count() == 1


def test_create_event_with_another_schools_provider_is_refused(world, other_world):
    theirs = factories.ProviderFactory(school=other_world.school)
    with pytest.raises(ValidationError, match="another school"):
        services.create_event(school=world.school, by=world.careers_leader.user, title="Fair",
                              date=dt.date(2026, 3, 20), stallholders=[theirs])


def test_create_event_ending_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError):
        services.create_event(school=world.school, by=world.careers_leader.user, title="Fair",
                              date=dt.date(2026, 3, 20), end_date=dt.date(2026, 3, 19))


def test_update_event_changes_details_and_stallholders(world):
    event = make_event(world, stallholders=2)
    keep = Stallholder.objects.filter(event=event).order_by("provider__name").first().provider
    newcomer = factories.ProviderFactory(school=world.school, name="Day Service")
    changed = services.update_event(event=event, by=world.careers_leader.user,
                                    expected_version=event.activity.version, title="Renamed fair",
                                    families_attended=23, stallholders=[keep, newcomer])
    assert set(changed) == {"title", "providers", "families_attended"}
    event.refresh_from_db()
    assert event.activity.title == "Renamed fair"
    assert event.families_attended == 23
    assert stall_names(event) == ["Day Service", "Stall 0"]
    assert sorted(p.name for p in event.activity.providers.all()) == ["Day Service", "Stall 0"]


def test_update_event_from_a_stale_form_is_refused_even_for_event_only_fields(world):
    event = make_event(world)
    opened = event.activity.version
    services.update_event(event=event, by=world.careers_leader.user, expected_version=opened, title="First save")
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.update_event(event=event, by=world.careers_leader.user, expected_version=opened,
                              families_attended=40)
    event.refresh_from_db()
    assert event.families_attended == 0


def test_add_and_remove_stallholder_keep_the_activity_providers_in_step(world):
    event = make_event(world, stallholders=0)
    provider = factories.ProviderFactory(school=world.school, name="Garden Centre")
    services.add_stallholder(event=event, provider=provider, by=world.careers_leader.user, notes="Plant potting")
    services.add_stallholder(event=event, provider=provider, by=world.careers_leader.user, notes="Plant potting")
    assert Stallholder.objects.get(event=event).notes == "Plant potting"
    assert list(event.activity.providers.all()) == [provider]
    assert services.remove_stallholder(event=event, provider=provider, by=world.careers_leader.user) is True
    assert services.remove_stallholder(event=event, provider=provider, by=world.careers_leader.user) is False
    assert not Stallholder.objects.filter(event=event).exists()
    assert not event.activity.providers.exists()


def test_feedback_link_keeps_only_a_hash_of_its_token(world):
    event = make_event(world)
    link, raw = services.make_feedback_link(event=event, respondent="family", label="Table 3",
                                            by=world.careers_leader.user, today=dt.date(2026, 3, 10))
    stored = FeedbackLink.objects.filter(pk=link.pk).values().get()
    assert raw not in str(stored)
    assert stored["token_hash"] == services.hash_token(raw)
    assert stored["expires_on"] == dt.date(2026, 4, 9)
    assert len(raw) >= 40


def test_submit_feedback_works_once_then_refuses(world):
    event = make_event(world)
    _link, raw = services.make_feedback_link(event=event, respondent="family", label="", by=world.careers_leader.user,
                                             today=dt.date(2026, 3, 10))
    feedback = services.submit_feedback(link_token=raw, data={"rating": 4, "liked": "The college stall"},
                                        now=MARCH_10)
    assert feedback.respondent == "family"
    assert feedback.pupil is None
    with pytest.raises(services.LinkRefused, match="already been used") as refused:
        services.submit_feedback(link_token=raw, data={"rating": 1}, now=MARCH_10)
    assert refused.value.reason == "used"
    assert Feedback.objects.filter(event=event).count() == 1


def test_submit_feedback_after_the_link_expires_is_refused(world):
    event = make_event(world)
    _link, raw = services.make_feedback_link(event=event, respondent="provider", label="", valid_days=2,
                                             by=world.careers_leader.user, today=dt.date(2026, 3, 10))
    # Still good on the last day, in the school's time zone (late evening in London).
    services.check_link(services.find_link(token=raw), now=dt.datetime(2026, 3, 12, 23, 30, tzinfo=dt.UTC))
    with pytest.raises(services.LinkRefused, match="out of date"):
        services.submit_feedback(link_token=raw, data={"rating": 3}, now=dt.datetime(2026, 3, 13, 9, tzinfo=dt.UTC))
    assert not Feedback.objects.exists()


def test_submit_feedback_with_an_unknown_token_is_refused(world):
    with pytest.raises(services.LinkRefused, match="cannot find"):
        services.submit_feedback(link_token="made-up", data={"rating": 3}, now=MARCH_10)


def test_submit_feedback_with_nothing_filled_in_keeps_the_link_usable(world):
    event = make_event(world)
    _link, raw = services.make_feedback_link(event=event, respondent="family", label="", by=world.careers_leader.user,
                                             today=dt.date(2026, 3, 10))
    with pytest.raises(ValidationError, match="Choose how useful"):
        services.submit_feedback(link_token=raw, data={"rating": None, "liked": "  "}, now=MARCH_10)
    assert services.submit_feedback(link_token=raw, data={"rating": 2}, now=MARCH_10).rating == 2


def test_submit_feedback_loses_a_race_for_the_same_link_cleanly(world, monkeypatch):
    """Two phones submit at once: both read the link unused, only the first claim wins."""
    event = make_event(world)
    _link, raw = services.make_feedback_link(event=event, respondent="family", label="", by=world.careers_leader.user,
                                             today=dt.date(2026, 3, 10))
    stale = services.find_link(token=raw)  # read before the other submission lands
    services.submit_feedback(link_token=raw, data={"rating": 4}, now=MARCH_10)
    monkeypatch.setattr(services, "find_link", lambda token: stale)
    assert stale.used_at is None
    with pytest.raises(services.LinkRefused) as refused:
        services.submit_feedback(link_token=raw, data={"rating": 1}, now=MARCH_10)
    assert refused.value.reason == "used"
    assert list(Feedback.objects.filter(event=event).values_list("rating", flat=True)) == [4]


def test_enter_feedback_for_another_schools_pupil_is_refused(world, other_world):
    event = make_event(world)
    with pytest.raises(ValidationError, match="another school"):
        services.enter_feedback(event=event, by=world.careers_leader.user, respondent="pupil",
                                pupil=other_world.pupils[0], rating=3)


def test_enter_feedback_saves_who_entered_it_and_audits_the_pupil(world):
    event = make_event(world)
    pupil = world.pupils[1]
    feedback = services.enter_feedback(event=event, by=world.class_teacher.user, respondent="pupil", pupil=pupil,
                                       rating=4, liked="Pointed to the bakery symbol")
    assert feedback.entered_by == world.class_teacher.user
    entry = AuditEntry.objects.get(action="event.feedback_entered")
    assert entry.pupil_id == pupil.pk
    assert pupil.legal_surname not in str(entry.data)


def test_add_feedback_to_profile_marks_it_once(world):
    event = make_event(world)
    feedback = services.enter_feedback(event=event, by=world.careers_leader.user, respondent="pupil",
                                       pupil=world.pupils[0], rating=3)
    assert services.add_feedback_to_profile(feedback=feedback, by=world.careers_leader.user) is True
    assert services.add_feedback_to_profile(feedback=feedback, by=world.careers_leader.user) is False
    feedback.refresh_from_db()
    assert feedback.added_to_profile
    assert AuditEntry.objects.filter(action="event.feedback_added_to_profile", pupil_id=world.pupils[0].pk).count() == 1


def test_add_feedback_without_a_pupil_to_a_profile_is_refused(world):
    event = make_event(world)
    feedback = services.enter_feedback(event=event, by=world.careers_leader.user, respondent="provider", rating=3)
    with pytest.raises(ValidationError, match="Only feedback about a pupil"):
        services.add_feedback_to_profile(feedback=feedback, by=world.careers_leader.user)


def test_feedback_summary_counts_ratings_and_groups_comments_exactly(world):
    event = make_event(world)
    other = make_event(world, title="Another fair")
    by = world.careers_leader.user
    services.enter_feedback(event=event, by=by, respondent="family", rating=4, liked="Friendly", next_steps="College")
    services.enter_feedback(event=event, by=by, respondent="family", rating=3, improve="More seats")
    services.enter_feedback(event=event, by=by, respondent="provider", rating=2, improve="Longer slot")
    services.enter_feedback(event=event, by=by, respondent="pupil", pupil=world.pupils[0], liked="Cakes")
    services.enter_feedback(event=other, by=by, respondent="staff", rating=1, liked="Not this event")
    with CaptureQueriesContext(connection) as queries:
        summary = selectors.feedback_summary(event=event)
    assert len(queries) == 1
    assert summary.total == 4
    counts = {row.code: (row.count, row.rated, row.mean) for row in summary.respondents}
    assert counts == {"pupil": (1, 0, None), "family": (2, 2, 3.5), "provider": (1, 1, 2.0), "staff": (0, 0, None)}
    assert [(r.value, r.count) for r in summary.ratings] == [(1, 0), (2, 1), (3, 1), (4, 1)]
    assert summary.rated == 3
    assert summary.mean == 3.0
    assert [(c.respondent, c.text) for c in summary.liked] == [("Parent or carer", "Friendly"), ("Pupil", "Cakes")]
    assert [c.text for c in summary.improve] == ["More seats", "Longer slot"]
    assert [c.text for c in summary.next_steps] == ["College"]


def test_feedback_summary_queries_do_not_grow_with_feedback(world):
    event = make_event(world)
    for i in range(30):
        services.enter_feedback(event=event, by=world.careers_leader.user, respondent="family", rating=i % 4 + 1,
                                liked=f"Comment {i}")
    with CaptureQueriesContext(connection) as queries:
        summary = selectors.feedback_summary(event=event)
    assert len(queries) == 1
    assert summary.total == 30
