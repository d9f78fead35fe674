"""Reads of career profiles, intended destinations and My future pages.

`profile_for_pupil` and `intended_destination` take a pupil the caller has already resolved
through `people.selectors.visible_pupil` (other apps use them for reviews and documents); the
`*_for_member` reads below resolve visibility themselves and answer 404 for a pupil the member may
not see.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from roadahead.core.dates import academic_year_label
from roadahead.core.dates import academic_year_of as default_year_of
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.people.selectors import pupils_visible_to
from roadahead.profiles.enums import EntryKind, PictureSection
from roadahead.profiles.models import MyFuture, Picture, ProfileEntry, TransitionPlan
from roadahead.schools.models import AcademicYear, DestinationCategory, Pathway, School

PLAN_RELATED = ("pupil_category", "family_category", "school_category", "reviewed_by__user")


def profile_for_pupil(*, school: School, pupil: Pupil) -> dict[str, list[ProfileEntry]]:
    """The pupil's current entries (not ended), newest first, under every kind in display order.

    Every kind is a key, with an empty list when nothing is recorded: one query.
    """
    found: dict[str, list[ProfileEntry]] = {kind.value: [] for kind in EntryKind}
    entries = (ProfileEntry.objects.filter(school=school, pupil=pupil, ended_on__isnull=True)
               .select_related("recorded_by__user").order_by("-recorded_on", "-id"))
    for entry in entries:
        found[entry.kind].append(entry)
    return found


def intended_destination(*, school: School, pupil: Pupil, start_year: int | None = None) -> TransitionPlan | None:
    """The latest intended destination and transition plan, or None if none was ever recorded.

    With `start_year`, the latest one reviewed in that academic year or before it (a plan carries
    on until it is next reviewed). One query.
    """
    plans = TransitionPlan.objects.filter(school=school, pupil=pupil).select_related(*PLAN_RELATED)
    if start_year is not None:
        plans = plans.filter(start_year__lte=start_year)
    return plans.order_by("-start_year").first()


def visible_pupil_for_profile(*, membership: Membership, pk: int, day: dt.date) -> Pupil:
    pupil = pupils_visible_to(membership=membership, day=day).filter(pk=pk).first()
    if pupil is None:
        raise Http404
    return pupil


def entry_for_member(*, membership: Membership, pk: int, day: dt.date) -> ProfileEntry:
    """An entry about a pupil the member may see; anything else is a 404, as if it did not exist."""
    entry = (ProfileEntry.objects.filter(school=membership.school, pk=pk,
                                         pupil__in=pupils_visible_to(membership=membership, day=day))
             .select_related("pupil").first())
    if entry is None:
        raise Http404
    return entry


def picture_for_member(*, membership: Membership, pk: int, day: dt.date) -> Picture:
    picture = (Picture.objects.filter(school=membership.school, pk=pk,
                                      pupil__in=pupils_visible_to(membership=membership, day=day))
               .select_related("pupil").first())
    if picture is None:
        raise Http404
    return picture


# ## HISTORY ######################################################################################
@dataclass
class ProfileYear:
    start_year: int
    label: str
    added: list[ProfileEntry] = field(default_factory=list)
    ended: list[ProfileEntry] = field(default_factory=list)


def _year_finder(school: School):
    years = list(AcademicYear.objects.filter(school=school))

    def year_of(day: dt.date) -> int:
        for year in years:
            if year.contains(day):
                return year.start_year
        return default_year_of(day)

    return year_of


def profile_history(*, school: School, pupil: Pupil) -> list[ProfileYear]:
    """Year by year, newest first: what was added to the profile and what stopped being true.

    Two queries whatever the number of entries.
    """
    year_of = _year_finder(school)
    years: dict[int, ProfileYear] = {}

    def year(start: int) -> ProfileYear:
        if start not in years:
            years[start] = ProfileYear(start, academic_year_label(start))
        return years[start]

    entries = (ProfileEntry.objects.filter(school=school, pupil=pupil)
               .select_related("recorded_by__user", "superseded_by").order_by("recorded_on", "id"))
    for entry in entries:
        year(year_of(entry.recorded_on)).added.append(entry)
        if entry.ended_on is not None:
            year(year_of(entry.ended_on)).ended.append(entry)
    return [years[start] for start in sorted(years, reverse=True)]


# ## INTENDED DESTINATIONS ########################################################################
@dataclass
class AimView:
    who: str
    category: DestinationCategory | None
    text: str
    in_keeping: bool | None  # None: no pathway, or no category chosen, to judge by


@dataclass
class PlanView:
    plan: TransitionPlan
    label: str
    pathway: Pathway | None
    aims: list[AimView]


def transition_plans(*, school: School, pupil: Pupil) -> list[PlanView]:
    """Every year's plan, newest first, each against the pupil's pathway that year: its vision and
    whether each aim is one of the destinations in keeping with it. Three queries."""
    plans = list(TransitionPlan.objects.filter(school=school, pupil=pupil).select_related(*PLAN_RELATED)
                 .order_by("-start_year"))
    if not plans:
        return []
    enrolments = (Enrolment.objects.filter(school=school, pupil=pupil, pathway__isnull=False)
                  .select_related("academic_year", "pathway")
                  .prefetch_related(Prefetch("pathway__in_keeping_destinations",
                                             queryset=DestinationCategory.objects.filter(school=school))))
    pathway_by_year = {e.academic_year.start_year: e.pathway for e in enrolments}
    out = []
    for plan in plans:
        pathway = pathway_by_year.get(plan.start_year)
        in_keeping = {c.pk for c in pathway.in_keeping_destinations.all()} if pathway else set()
        aims = []
        for who, category, text in ((_("The pupil"), plan.pupil_category, plan.pupil_aim),
                                    (_("The family"), plan.family_category, plan.family_aim),
                                    (_("The school"), plan.school_category, plan.school_aim)):
            judged = None if pathway is None or category is None else category.pk in in_keeping
            aims.append(AimView(str(who), category, text, judged))
        out.append(PlanView(plan, academic_year_label(plan.start_year), pathway, aims))
    return out


def plan_for_year(*, school: School, pupil: Pupil, start_year: int) -> TransitionPlan | None:
    return TransitionPlan.objects.filter(school=school, pupil=pupil, start_year=start_year).first()


def destination_categories(*, school: School):
    return DestinationCategory.objects.filter(school=school).order_by("order", "name")


# ## MY FUTURE ####################################################################################
@dataclass
class MyFutureContent:
    pupil: Pupil
    page: MyFuture | None
    photo: Picture | None
    likes: list[ProfileEntry]
    good_at: list[ProfileEntry]
    want_next: list[ProfileEntry]
    destination: str
    next_steps: list[str]
    pictures: dict[str, list[Picture]]

    @property
    def like_lines(self) -> list[str]:
        return [entry.text for entry in self.likes]

    @property
    def good_at_lines(self) -> list[str]:
        return [entry.text for entry in self.good_at]

    @property
    def want_next_lines(self) -> list[str]:
        """The chosen aspirations and wishes, then the pupil's own aim after school."""
        lines = [entry.text for entry in self.want_next]
        if self.destination:
            lines.append(_("After school: %(aim)s") % {"aim": self.destination})
        return lines

    @property
    def empty(self) -> bool:
        return not (self.likes or self.good_at or self.want_next or self.destination or self.next_steps)


# Which kinds of chosen entry fill which part of the page.
MY_FUTURE_PARTS = {
    "likes": {EntryKind.LIKE, EntryKind.INTEREST},
    "good_at": {EntryKind.STRENGTH},
    "want_next": {EntryKind.ASPIRATION, EntryKind.WISH},
}


def my_future_page(*, school: School, pupil: Pupil) -> MyFuture | None:
    return MyFuture.objects.filter(school=school, pupil=pupil).first()


def pictures(*, school: School, pupil: Pupil) -> list[Picture]:
    return list(Picture.objects.filter(school=school, pupil=pupil).order_by("section", "id"))


def my_future(*, school: School, pupil: Pupil) -> MyFutureContent:
    """What the pupil's My future page shows: the current entries staff chose, the pupil's own
    intended destination, staff's next steps in simple words, and the pictures. Four queries."""
    chosen = (ProfileEntry.objects.filter(school=school, pupil=pupil, ended_on__isnull=True, on_my_future=True)
              .order_by("recorded_on", "id"))
    parts: dict[str, list[ProfileEntry]] = defaultdict(list)
    for entry in chosen:
        for part, kinds in MY_FUTURE_PARTS.items():
            if entry.kind in kinds:
                parts[part].append(entry)
    plan = intended_destination(school=school, pupil=pupil)
    destination = ""
    if plan is not None:
        destination = plan.pupil_aim.strip() or (plan.pupil_category.name if plan.pupil_category else "")
    page = my_future_page(school=school, pupil=pupil)
    steps = [line.strip(" -•\t") for line in (page.next_steps if page else "").splitlines()]
    by_section: dict[str, list[Picture]] = defaultdict(list)
    for picture in pictures(school=school, pupil=pupil):
        by_section[picture.section].append(picture)
    photos = by_section.pop(PictureSection.PHOTO, [])
    return MyFutureContent(pupil=pupil, page=page, photo=photos[-1] if photos else None,
                           likes=parts["likes"], good_at=parts["good_at"], want_next=parts["want_next"],
                           destination=destination, next_steps=[s for s in steps if s],
                           pictures=dict(by_section))


def summary(*, school: School, pupil: Pupil) -> dict[str, object]:
    """For the pupil page's section: counts of current entries, the aspirations and the latest plan."""
    current = profile_for_pupil(school=school, pupil=pupil)
    return {"counts": {kind: len(entries) for kind, entries in current.items()},
            "total": sum(len(entries) for entries in current.values()),
            "aspirations": current[EntryKind.ASPIRATION][:3],
            "plan": intended_destination(school=school, pupil=pupil)}


def entries_for_export(*, membership: Membership, day: dt.date) -> QuerySet[ProfileEntry]:
    """Every profile entry (current and ended) of the pupils this member may see, oldest first."""
    return (ProfileEntry.objects.filter(school=membership.school,
                                        pupil__in=pupils_visible_to(membership=membership, day=day))
            .select_related("pupil", "recorded_by__user")
            .order_by("pupil__legal_surname", "pupil__legal_forename", "pupil_id", "recorded_on", "pk"))
