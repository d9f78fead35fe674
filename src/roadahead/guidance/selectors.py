"""Reads of guidance meetings and actions, within one school and the member's visible pupils.

Pupil-level guidance is for careers leaders, advisers (their assigned pupils) and class staff
(their classes); see rules.py. Every list here loads in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from roadahead.guidance import rules
from roadahead.guidance.models import GuidanceAction, GuidanceMeeting
from roadahead.people.enums import Role
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.people.selectors import enrolled_in, pupils_visible_to
from roadahead.schools.models import School
from roadahead.schools.selectors import academic_year_start_on


def _actions_prefetch(school: School) -> Prefetch:
    return Prefetch("actions", queryset=GuidanceAction.objects.filter(school=school)
                    .select_related("owner_member__user").order_by("id"))


def meetings_for_pupil(*, school: School, pupil: Pupil) -> list[GuidanceMeeting]:
    """A pupil's guidance meetings, newest first, with their adviser and actions loaded (3 queries).

    The caller has already checked the pupil is one the member may see (visible_pupil): this
    reads whatever pupil it is given.
    """
    return list(GuidanceMeeting.objects.filter(school=school, pupil=pupil)
                .select_related("adviser__user")
                .prefetch_related(_actions_prefetch(school))
                .order_by("-date", "-id"))


def guidance_pupils(*, membership: Membership, day: dt.date) -> QuerySet[Pupil]:
    """The pupils whose guidance this member may read: none for roles without guidance access."""
    if not rules.can_view_guidance(membership):
        return Pupil.objects.none()
    return pupils_visible_to(membership=membership, day=day)


def guidance_pupil(*, membership: Membership, pk: int, day: dt.date) -> Pupil:
    pupil = guidance_pupils(membership=membership, day=day).filter(pk=pk).first()
    if pupil is None:
        raise Http404
    return pupil


def meeting_detail(*, membership: Membership, pk: int, day: dt.date) -> GuidanceMeeting:
    """One meeting of a pupil the member may see, with pupil, adviser and actions; else 404."""
    meeting = (GuidanceMeeting.objects
               .filter(school=membership.school, pk=pk,
                       pupil__in=guidance_pupils(membership=membership, day=day))
               .select_related("pupil", "adviser__user", "activity")
               .prefetch_related(_actions_prefetch(membership.school)).first())
    if meeting is None:
        raise Http404
    return meeting


def action_detail(*, membership: Membership, pk: int, day: dt.date) -> GuidanceAction:
    action = (GuidanceAction.objects
              .filter(school=membership.school, pk=pk,
                      meeting__pupil__in=guidance_pupils(membership=membership, day=day))
              .select_related("meeting__pupil").first())
    if action is None:
        raise Http404
    return action


@dataclass
class PupilSummary:
    latest: GuidanceMeeting | None
    next_due: dt.date | None
    outstanding: int
    meetings: int


def pupil_summary(*, school: School, pupil: Pupil) -> PupilSummary:
    """What the pupil page shows: the latest meeting, when the next is due, actions still open."""
    meetings = meetings_for_pupil(school=school, pupil=pupil)
    latest = meetings[0] if meetings else None
    outstanding = sum(1 for m in meetings for a in m.actions.all() if a.done_on is None)
    return PupilSummary(latest, latest.next_due if latest else None, outstanding, len(meetings))


# ## Lists ##########################################################################################
@dataclass
class MeetingFilters:
    adviser: int | None = None
    nc_year: str = ""
    class_group: int | None = None


def _latest_meetings(*, membership: Membership, day: dt.date, filters: MeetingFilters) -> QuerySet[GuidanceMeeting]:
    """Each on-roll visible pupil's most recent meeting: the one whose "next due" still stands."""
    school = membership.school
    latest = (GuidanceMeeting.objects.filter(school=school, pupil=OuterRef("pupil"))
              .order_by("-date", "-id").values("pk")[:1])
    pupils = guidance_pupils(membership=membership, day=day).filter(Q(date_left__isnull=True) | Q(date_left__gt=day))
    start_year = academic_year_start_on(school=school, day=day)
    pupils = enrolled_in(pupils, school=school, start_year=start_year, nc_year=filters.nc_year,
                         class_group=filters.class_group)
    found = GuidanceMeeting.objects.filter(school=school, pk=Subquery(latest), pupil__in=pupils)
    if filters.adviser:
        found = found.filter(adviser_id=filters.adviser)
    return (found.select_related("pupil", "adviser__user")
            .prefetch_related(Prefetch(
                "pupil__enrolments",
                queryset=Enrolment.objects.filter(school=school, academic_year__start_year=start_year)
                .select_related("class_group"), to_attr="current_enrolments")))


def meetings_due(*, membership: Membership, day: dt.date, weeks: int,
                 filters: MeetingFilters | None = None) -> list[GuidanceMeeting]:
    """Pupils whose next meeting falls due from `day` to `weeks` weeks ahead, soonest first."""
    found = _latest_meetings(membership=membership, day=day, filters=filters or MeetingFilters())
    last = day + dt.timedelta(weeks=weeks)
    return list(found.filter(next_due__gte=day, next_due__lte=last).order_by("next_due", "pupil__legal_surname"))


def meetings_overdue(*, membership: Membership, day: dt.date,
                     filters: MeetingFilters | None = None) -> list[GuidanceMeeting]:
    """Pupils whose next meeting was due before `day` and has not been held, longest overdue first."""
    found = _latest_meetings(membership=membership, day=day, filters=filters or MeetingFilters())
    return list(found.filter(next_due__lt=day).order_by("next_due", "pupil__legal_surname"))


@dataclass
class ActionFilters:
    owner: int | None = None  # a membership id
    due: str = ""  # "" any | "overdue" | "soon" (the next four weeks)
    adviser: int | None = None


def outstanding_actions(*, membership: Membership, day: dt.date,
                        filters: ActionFilters | None = None) -> list[GuidanceAction]:
    """Actions not yet done for pupils the member may see, by due date (undated last), then owner."""
    filters = filters or ActionFilters()
    school = membership.school
    found = GuidanceAction.objects.filter(
        school=school, done_on__isnull=True,
        meeting__pupil__in=guidance_pupils(membership=membership, day=day))
    if filters.owner:
        found = found.filter(owner_member_id=filters.owner)
    if filters.adviser:
        found = found.filter(meeting__adviser_id=filters.adviser)
    if filters.due == "overdue":
        found = found.filter(due_on__lt=day)
    elif filters.due == "soon":
        found = found.filter(due_on__gte=day, due_on__lte=day + dt.timedelta(weeks=4))
    rows = list(found.select_related("meeting__pupil", "meeting__adviser__user", "owner_member__user"))
    # Undated actions last; in Python so SQLite and PostgreSQL sort NULLs the same way.
    rows.sort(key=lambda a: (a.due_on is None, a.due_on or day, a.owner_label.lower(), a.pk))
    return rows


def advisers(*, school: School) -> QuerySet[Membership]:
    """Members who may hold a guidance meeting: advisers first, then the careers leader and class staff."""
    return (Membership.objects.filter(school=school, is_active=True,
                                      role__in=[Role.ADVISER, Role.CAREERS_LEADER, Role.STAFF])
            .select_related("user").order_by("role", "user__full_name"))


def staff(*, school: School) -> QuerySet[Membership]:
    return (Membership.objects.filter(school=school, is_active=True).exclude(role=Role.LEADER)
            .select_related("user").order_by("user__full_name"))


def meetings_for_export(*, membership: Membership, day: dt.date) -> QuerySet[GuidanceMeeting]:
    """Every meeting of the pupils whose guidance this member may read, oldest first, with actions."""
    school = membership.school
    return (GuidanceMeeting.objects.filter(school=school, pupil__in=guidance_pupils(membership=membership, day=day))
            .select_related("pupil", "adviser__user").prefetch_related(_actions_prefetch(school))
            .order_by("date", "pupil__legal_surname", "pupil__legal_forename", "pk"))
