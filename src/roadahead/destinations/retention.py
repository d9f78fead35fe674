"""Anonymising leavers on the school's schedule (default: three years after leaving).

`due_for_anonymising` is the one query behind both the preview and the action, so what the careers
leader is shown is exactly what is anonymised; `anonymise` also refuses to go ahead if the list
changed since it was shown.

What goes: names, UPN, the day and month of birth, how the pupil communicates, EHCP review dates,
the free-text notes on their destinations and check-ins, and (through `people.signals.pupils_anonymised`)
every other app's free text about them: what they said at activities, guidance meetings' words and
actions, profile entries' words, intended destinations' aims, My future and its pictures, skills
evidence, placement reports, transition visit notes, EHCP review notes and PfA outcomes' words,
and event feedback. What stays, so reports still add up:
sex, needs, looked-after status, enrolments (so the pathway), the leaving date (so the year of
leaving), each destination's category, provider and judgement, and each check-in's outcome.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.destinations.models import Anonymisation, CheckIn, Destination
from roadahead.destinations.scheduling import left_on_or_before
from roadahead.destinations.services import retention_years
from roadahead.people.models import Pupil
from roadahead.people.signals import pupils_anonymised
from roadahead.schools.models import School

ANONYMOUS_FORENAME = "Former"
ANONYMOUS_SURNAME = "pupil"


# A backstop on age, whatever the leaving date (or none recorded): a pupil's record is kept until
# their 25th birthday at most (IRMS toolkit, pupil file; docs/admin/privacy.md).
AGE_LIMIT_YEARS = 25


def due_for_anonymising(*, school: School, today: dt.date) -> QuerySet[Pupil]:
    """Leavers whose retention period has run out, and anyone who has reached their 25th birthday, not yet
    anonymised; oldest leavers first."""
    cut_off = left_on_or_before(today, retention_years(school=school))
    born_cut_off = left_on_or_before(today, AGE_LIMIT_YEARS)  # the same anniversary rule, leap days included
    # A subquery rather than a join, so `anonymise` can lock the rows (PostgreSQL refuses FOR UPDATE
    # on the nullable side of an outer join).
    done = Anonymisation.objects.filter(school=school).values("pupil_id")
    return (Pupil.objects.filter(school=school)
            .filter(Q(date_left__isnull=False, date_left__lte=cut_off) | Q(date_of_birth__lte=born_cut_off))
            .exclude(pk__in=done).order_by("date_left", "id"))


def anonymise(*, school: School, today: dt.date, user: Any, expected_ids: set[int] | None = None) -> list[int]:
    """Anonymise every leaver due today. With `expected_ids` (the preview the careers leader saw), refuse
    if the list has changed since, so nobody is anonymised who was not shown. Returns the pupils' ids."""
    with transaction.atomic():
        pupils = list(due_for_anonymising(school=school, today=today).select_for_update())
        ids = [p.pk for p in pupils]
        if expected_ids is not None and set(ids) != expected_ids:
            raise ValidationError(_("The list of leavers to anonymise has changed since you looked at it. "
                                    "Check it again."))
        if not ids:
            return []
        for pupil in pupils:
            pupil.legal_forename, pupil.legal_surname = ANONYMOUS_FORENAME, f"{ANONYMOUS_SURNAME} {pupil.pk}"
            pupil.preferred_forename = pupil.preferred_surname = ""
            # Never a real UPN (a letter and 12 digits), and unique in the school.
            pupil.upn = f"ANON{pupil.pk}"[:13]
            pupil.date_of_birth = dt.date(pupil.date_of_birth.year, 1, 1)
            pupil.communication_notes = ""
            pupil.ehcp_last_review = pupil.ehcp_next_review = None
        Pupil.objects.bulk_update(pupils, ["legal_forename", "legal_surname", "preferred_forename",
                                           "preferred_surname", "upn", "date_of_birth", "communication_notes",
                                           "ehcp_last_review", "ehcp_next_review"])
        # Anyone with the pupil's page open can no longer save over the anonymised record.
        Pupil.objects.filter(school=school, pk__in=ids).update(version=F("version") + 1)
        Destination.objects.filter(school=school, pupil_id__in=ids).update(notes="", override_reason="")
        CheckIn.objects.filter(school=school, pupil_id__in=ids).update(notes="")
        # Every other app clears its own free text about these pupils (profiles, guidance, reviews, ...).
        pupils_anonymised.send(sender=Pupil, school=school, pupil_ids=ids)
        by = user if getattr(user, "is_authenticated", False) else None
        Anonymisation.objects.bulk_create([Anonymisation(school=school, pupil_id=pk, anonymised_on=today, by=by)
                                           for pk in ids])
        log_action(school=school, user=user, action="retention.anonymised", data={
            "pupils": len(ids), "pupil_ids": ids, "years_after_leaving": retention_years(school=school)})
    return ids
