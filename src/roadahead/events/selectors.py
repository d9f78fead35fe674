"""Reads for events, always within one school and in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Participation
from roadahead.events.enums import Rating, Respondent
from roadahead.events.models import Event, Feedback, FeedbackLink, Stallholder
from roadahead.people.models import Membership
from roadahead.people.selectors import pupils_visible_to
from roadahead.schools.models import School


def _events(school: School) -> QuerySet[Event]:
    return (Event.objects.filter(school=school).select_related("activity")
            .annotate(stallholder_count=Count("stallholders", distinct=True),
                      feedback_count=Count("feedback", distinct=True)))


def upcoming_events(*, school: School, today: dt.date) -> QuerySet[Event]:
    """Events still to come (or happening today), soonest first."""
    return _events(school).filter(activity__date__gte=today).order_by("activity__date", "id")


def past_events(*, school: School, today: dt.date) -> QuerySet[Event]:
    """Events that have happened, latest first."""
    return _events(school).filter(activity__date__lt=today).order_by("-activity__date", "-id")


def event_detail(*, school: School, pk: int) -> Event:
    """The school's event with its activity and stallholders; another school's is a 404."""
    event = (Event.objects.filter(school=school, pk=pk).select_related("school", "activity", "activity__activity_type")
             .prefetch_related(Prefetch("stallholders",
                                        queryset=Stallholder.objects.filter(school=school)
                                        .select_related("provider").order_by("provider__name"),
                                        to_attr="stall_list"))
             .first())
    if event is None:
        raise Http404
    return event


def pupils_who_came(*, event: Event) -> int:
    """How many pupils are recorded as coming to all or part of the event (a count, not names)."""
    return Participation.objects.filter(school=event.school, activity=event.activity_id,
                                        attendance__in=[Attendance.ATTENDED, Attendance.PART]).count()


@dataclass
class Comment:
    respondent: str
    text: str


@dataclass
class RatingRow:
    value: int
    label: str
    count: int


@dataclass
class RespondentRow:
    code: str
    label: str
    count: int
    rated: int = 0
    mean: float | None = None


@dataclass
class FeedbackSummary:
    total: int = 0
    respondents: list[RespondentRow] = field(default_factory=list)
    ratings: list[RatingRow] = field(default_factory=list)
    rated: int = 0
    mean: float | None = None
    liked: list[Comment] = field(default_factory=list)
    improve: list[Comment] = field(default_factory=list)
    next_steps: list[Comment] = field(default_factory=list)


def feedback_summary(*, event: Event) -> FeedbackSummary:
    """Counts per respondent type, the spread and mean of ratings, and the comments grouped by question.

    One query whatever the amount of feedback. Comments carry the kind of respondent, never a name.
    Means are rounded to one decimal place, as shown.
    """
    rows = list(Feedback.objects.filter(school=event.school, event=event)
                .order_by("created_at", "id").values_list("respondent", "rating", "liked", "improve", "next_steps"))
    labels = dict(Respondent.choices)
    summary = FeedbackSummary(total=len(rows))
    by_type = {code: RespondentRow(code, str(label), 0) for code, label in Respondent.choices}
    sums = dict.fromkeys(by_type, 0)
    spread = dict.fromkeys(Rating.values, 0)
    for respondent, rating, liked, improve, next_steps in rows:
        row = by_type[respondent]
        row.count += 1
        if rating:
            row.rated += 1
            sums[respondent] += rating
            spread[rating] += 1
        for text, bucket in ((liked, summary.liked), (improve, summary.improve), (next_steps, summary.next_steps)):
            if text:
                bucket.append(Comment(str(labels[respondent]), text))
    for code, row in by_type.items():
        if row.rated:
            row.mean = round(sums[code] / row.rated, 1)
    summary.respondents = list(by_type.values())
    summary.ratings = [RatingRow(value, str(label), spread[value]) for value, label in Rating.choices]
    summary.rated = sum(spread.values())
    if summary.rated:
        summary.mean = round(sum(v * n for v, n in spread.items()) / summary.rated, 1)
    return summary


def pupil_feedback(*, event: Event, membership: Membership, day: dt.date) -> list[Feedback]:
    """Feedback about pupils on this event, only for the pupils this member may see."""
    visible = pupils_visible_to(membership=membership, day=day).values("pk")
    return list(Feedback.objects.filter(school=event.school, event=event, pupil__in=visible)
                .select_related("pupil").order_by("pupil__legal_surname", "pupil__legal_forename", "id"))


def feedback_for_pupil(*, event: Event, membership: Membership, pk: int, day: dt.date) -> Feedback:
    """One piece of this event's feedback about a pupil the member may see; otherwise 404."""
    visible = pupils_visible_to(membership=membership, day=day).values("pk")
    feedback = (Feedback.objects.filter(school=event.school, event=event, pk=pk, pupil__in=visible)
                .select_related("pupil", "school", "event").first())
    if feedback is None:
        raise Http404
    return feedback


def event_links(*, event: Event) -> list[FeedbackLink]:
    """The feedback links made for this event, newest first (the addresses themselves are not kept)."""
    return list(FeedbackLink.objects.filter(school=event.school, event=event).order_by("-created_at", "-id"))


def link_counts(*, event: Event, today: dt.date) -> dict[str, int]:
    return FeedbackLink.objects.filter(school=event.school, event=event).aggregate(
        made=Count("id"), used=Count("id", filter=Q(used_at__isnull=False)),
        open=Count("id", filter=Q(used_at__isnull=True, expires_on__gte=today)))
