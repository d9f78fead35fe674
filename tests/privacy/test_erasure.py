"""Erasing a pupil (security.md G42): every row about them goes, 0 canaries remain anywhere."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from roadahead.activities.models import Activity, Participation
from roadahead.audit.models import AuditEntry
from roadahead.guidance.models import GuidanceMeeting
from roadahead.people.models import Pupil
from roadahead.privacy import services
from roadahead.privacy.models import Erasure
from roadahead.transition.models import TransitionVisit
from tests.conftest import TODAY
from tests.privacy.helpers import (
    CANARY,
    CANARY_UPN,
    canaries_in_database,
    fill_canaries,
    missing_tables,
    seed_everything,
)

pytestmark = pytest.mark.django_db


def test_seed_covers_every_table(world):
    """The seeding reaches every table that points at a pupil, so a new table must be seeded (and erased)."""
    seeded = seed_everything(world)
    assert missing_tables(seeded.pupil.pk, world.school) == []


def test_erasure_leaves_no_canary_anywhere_and_keeps_others(world, other_world):
    seeded = seed_everything(world)
    assert fill_canaries(world.school, seeded.pupil) > 20
    assert canaries_in_database(CANARY, CANARY_UPN)  # the canaries are there to find
    taken_part = Participation.objects.filter(pupil=seeded.pupil).count()
    other_words = Participation.objects.get(pupil=seeded.other, activity=seeded.shared_activity).response
    pupil_id = seeded.pupil.pk

    erasure = services.erase_pupil(school=world.school, pupil=seeded.pupil, by=world.careers_leader.user,
                                   reason="Added in error", today=TODAY)

    assert canaries_in_database(CANARY, CANARY_UPN) == {}
    assert services.remaining(school=world.school, pupil_id=pupil_id) == {}
    assert not Pupil.objects.filter(pk=pupil_id).exists()
    # The other pupil and the shared activity are untouched.
    assert Participation.objects.get(pupil=seeded.other, activity=seeded.shared_activity).response == other_words
    assert Activity.objects.filter(pk=seeded.shared_activity.pk).exists()
    assert Pupil.objects.filter(school=other_world.school).count() == len(other_world.pupils)
    # A minimal record: id, date, by whom, why; counts only.
    assert (erasure.pupil_id, erasure.erased_on, erasure.by, erasure.reason) == (
        pupil_id, TODAY, world.careers_leader.user, "Added in error")
    assert erasure.rows["activities.participation"] == taken_part
    entry = AuditEntry.objects.get(school=world.school, action="privacy.erased")
    assert entry.pupil_id == pupil_id


def test_the_pupils_own_meeting_activity_goes_and_the_erasure_needs_a_reason(world):
    seeded = seed_everything(world)
    own = [GuidanceMeeting.objects.get(pupil=seeded.pupil).activity_id,
           TransitionVisit.objects.get(pupil=seeded.pupil, pair=None).activity_id]
    with pytest.raises(ValidationError):
        services.erase_pupil(school=world.school, pupil=seeded.pupil, by=None, reason="  ", today=TODAY)
    services.erase_pupil(school=world.school, pupil=seeded.pupil, by=None, reason="Request upheld", today=TODAY)
    assert None not in own
    assert not Activity.objects.filter(pk__in=own).exists()
    assert Activity.objects.filter(pk=seeded.shared_activity.pk).exists()
    assert Erasure.objects.filter(school=world.school).count() == 1


def test_the_confirm_page_names_what_goes_and_the_erasure_needs_the_box_ticked(leader_client, world):
    seeded = seed_everything(world)
    url = reverse("privacy:erase", kwargs={"school_slug": world.school.slug, "pupil_pk": seeded.pupil.pk})
    page = leader_client.get(url).content.decode()
    assert "Guidance meetings" in page
    assert "Participations" in page
    assert "deleted for good" in page
    refused = leader_client.post(url, {"reason": "Added in error"})
    assert refused.status_code == 200
    assert "Confirm that you understand" in refused.content.decode()
    assert Pupil.objects.filter(pk=seeded.pupil.pk).exists()
    done = leader_client.post(url, {"reason": "Added in error", "confirm": "on"})
    assert done.status_code == 302
    assert not Pupil.objects.filter(pk=seeded.pupil.pk).exists()
    assert AuditEntry.objects.filter(school=world.school, action="privacy.erasure_previewed").exists()


def test_the_pupil_page_links_to_both_for_the_careers_leader_only(client, world):
    pupil = world.adviser_pupils[0]
    url = reverse("people:pupil_detail", kwargs={"school_slug": world.school.slug, "pk": pupil.pk})
    client.force_login(world.careers_leader.user)
    assert "Subject access request" in client.get(url).content.decode()
    client.force_login(world.class_teacher.user)
    page = client.get(url).content.decode()
    assert "Subject access request" not in page
    assert "Erase this record" not in page
