"""Reads of transition visits, within one school and the member's visible pupils.

Pupil-level reads are for careers leaders, class staff (their classes) and advisers (their
assigned pupils); see rules.py. Governors get `summary` only. Every list loads in a fixed number
of queries whatever its length.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Activity, Participation
from roadahead.core.privacy import SMALLEST_GROUP
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.people.selectors import pupils_visible_to
from roadahead.providers.models import Provider
from roadahead.schools.models import School
from roadahead.schools.selectors import academic_year_start_on, year_bounds
from roadahead.transition import rules
from roadahead.transition.enums import VisitKind
from roadahead.transition.models import TransitionPair, TransitionVisit

# Year 11 and post-16: the pupils who should be visiting possible next placements.
TRANSITION_YEARS = ("11", "12", "13", "14")
WENT = (Attendance.ATTENDED, Attendance.PART)
TRANSITION_TYPE = "transition-visit"


def transition_pupils(*, membership: Membership, day: dt.date) -> QuerySet[Pupil]:
    """The pupils whose transition visits this member may read: none for governors."""
    if not rules.can_view_transition(membership):
        return Pupil.objects.none()
    return pupils_visible_to(membership=membership, day=day)


def transition_pupil(*, membership: Membership, pk: int, day: dt.date) -> Pupil:
    pupil = transition_pupils(membership=membership, day=day).filter(pk=pk).first()
    if pupil is None:
        raise Http404
    return pupil


def _visible_visits(membership: Membership, day: dt.date) -> QuerySet[TransitionVisit]:
    """Visits the member may see: an individual visit by its pupil; a pair's half if the pair's
    group or anyone recorded on either half is a pupil they may see."""
    school = membership.school
    visits = TransitionVisit.objects.filter(school=school)
    if rules.sees_every_pupil(membership):
        return visits
    pupils = transition_pupils(membership=membership, day=day)
    pairs = _visible_pairs(membership, day, pupils)
    return visits.filter(Q(pupil__in=pupils) | Q(pair__in=pairs))


def _visible_pairs(membership: Membership, day: dt.date,
                   pupils: QuerySet[Pupil] | None = None) -> QuerySet[TransitionPair]:
    school = membership.school
    pairs = TransitionPair.objects.filter(school=school)
    if rules.sees_every_pupil(membership):
        return pairs
    pupils = pupils if pupils is not None else transition_pupils(membership=membership, day=day)
    in_group = TransitionPair.pupils.through.objects.filter(transitionpair_id=OuterRef("pk"), pupil__in=pupils)
    recorded = Participation.objects.filter(school=school, activity__transition_visit__pair=OuterRef("pk"),
                                            pupil__in=pupils)
    return pairs.filter(Q(Exists(in_group)) | Q(Exists(recorded)))


# ## A pair ########################################################################################
@dataclass
class PairRow:
    pupil: Pupil
    in_group: bool
    in_school: Participation | None
    at_provider: Participation | None


@dataclass
class PairView:
    pair: TransitionPair
    in_school: TransitionVisit | None
    at_provider: TransitionVisit | None
    rows: list[PairRow]
    hidden: int  # pupils on the pair the member may not see

    @property
    def group_ids(self) -> list[int]:
        return [row.pupil.pk for row in self.rows if row.in_group]


def pair_detail(*, membership: Membership, pk: int, day: dt.date) -> PairView:
    """A pair with both halves and each visible pupil's two responses side by side; else 404.

    Pupils listed are the group and anyone recorded on either half, only those the member may
    see. Five queries.
    """
    school = membership.school
    pair = (_visible_pairs(membership, day).filter(pk=pk).select_related("provider").first()
            if rules.can_view_transition(membership) else None)
    if pair is None:
        raise Http404
    visits = {v.kind: v for v in TransitionVisit.objects.filter(school=school, pair=pair)
              .select_related("activity__activity_type")}
    group = set(TransitionPair.pupils.through.objects.filter(transitionpair_id=pair.pk)
                .values_list("pupil_id", flat=True))
    participations = list(Participation.objects.filter(
        school=school, activity_id__in=[v.activity_id for v in visits.values()]))
    everyone = group | {p.pupil_id for p in participations}
    pupils = list(transition_pupils(membership=membership, day=day).filter(pk__in=everyone)
                  .order_by("legal_surname", "legal_forename", "id"))
    by_key = {(p.activity_id, p.pupil_id): p for p in participations}
    in_school, at_provider = visits.get(VisitKind.IN_SCHOOL), visits.get(VisitKind.AT_PROVIDER)
    rows = [PairRow(pupil, pupil.pk in group,
                    by_key.get((in_school.activity_id, pupil.pk)) if in_school else None,
                    by_key.get((at_provider.activity_id, pupil.pk)) if at_provider else None)
            for pupil in pupils]
    return PairView(pair, in_school, at_provider, rows, len(everyone) - len(pupils))


def pair_for_change(*, membership: Membership, pk: int, day: dt.date) -> TransitionPair:
    pair = _visible_pairs(membership, day).filter(pk=pk).select_related("provider").first()
    if pair is None or not rules.can_view_transition(membership):
        raise Http404
    return pair


# ## One visit #####################################################################################
def visit_detail(*, membership: Membership, pk: int, day: dt.date) -> TransitionVisit:
    """A visit the member may see (individual or one half of a pair), with its activity; else 404."""
    if not rules.can_view_transition(membership):
        raise Http404
    visit = (_visible_visits(membership, day).filter(pk=pk)
             .select_related("provider", "pupil", "pair", "activity__activity_type").first())
    if visit is None:
        raise Http404
    return visit


def response_of(*, visit: TransitionVisit, pupil: Pupil) -> Participation | None:
    return Participation.objects.filter(school=visit.school_id, activity_id=visit.activity_id, pupil=pupil).first()


def visit_pupil(*, membership: Membership, visit: TransitionVisit, pupil_pk: int, day: dt.date) -> Pupil:
    """A pupil who went on `visit` (or is in its pair's group) and whom the member may see; else 404."""
    pupil = transition_pupil(membership=membership, pk=pupil_pk, day=day)
    if visit.is_individual:
        ok = visit.pupil_id == pupil.pk
    else:
        ok = (Participation.objects.filter(school=visit.school_id, activity_id=visit.activity_id, pupil=pupil).exists()
              or TransitionPair.pupils.through.objects.filter(transitionpair_id=visit.pair_id,
                                                             pupil_id=pupil.pk).exists())
    if not ok:
        raise Http404
    return pupil


# ## A pupil's visits (also for the EHCP contribution) ###########################################
@dataclass(frozen=True)
class PupilVisit:
    visit: TransitionVisit
    date: dt.date
    kind: str
    kind_label: str
    provider_name: str
    attendance: str
    attendance_label: str
    engagement: int | None
    engagement_label: str
    reaction: str
    reaction_label: str
    response: str
    response_method: str
    response_method_label: str
    next_steps: str
    companions: tuple[str, ...] = field(default_factory=tuple)


def transition_for_pupil(*, school: School, pupil: Pupil) -> list[PupilVisit]:
    """The transition visits the pupil went on, newest first, each with their own response.

    Pair halves the pupil was recorded as attending (or part-attending), and their individual
    visits. The caller has already checked the pupil is one the member may see. Two queries.
    """
    participations = {p.activity_id: p for p in Participation.objects.filter(
        school=school, pupil=pupil, attendance__in=WENT, activity__transition_visit__isnull=False)}
    visits = (TransitionVisit.objects.filter(school=school, activity_id__in=list(participations))
              .select_related("provider", "activity")
              .order_by("-activity__date", "-activity_id"))
    out = []
    for visit in visits:
        p = participations[visit.activity_id]
        out.append(PupilVisit(
            visit=visit, date=visit.activity.date, kind=visit.kind, kind_label=str(visit.get_kind_display()),
            provider_name=visit.provider.name, attendance=p.attendance,
            attendance_label=str(p.get_attendance_display()),
            engagement=p.engagement, engagement_label=str(p.get_engagement_display()) if p.engagement else "",
            reaction=p.reaction, reaction_label=str(p.get_reaction_display()) if p.reaction else "",
            response=p.response, response_method=p.response_method,
            response_method_label=str(p.get_response_method_display()) if p.response_method else "",
            next_steps=visit.next_steps if visit.is_individual else "",
            companions=tuple(visit.get_companions_display())))
    return out


def planned_for_pupil(*, school: School, pupil: Pupil, day: dt.date) -> list[TransitionVisit]:
    """Visits still to come for the pupil: halves of pairs they are grouped for, and their own. One query."""
    return list(TransitionVisit.objects.filter(school=school, activity__date__gte=day)
                .filter(Q(pupil=pupil) | Q(pair__pupils=pupil))
                .select_related("provider", "activity").distinct().order_by("activity__date", "id"))


@dataclass
class PupilSummary:
    visits: int
    latest: PupilVisit | None
    upcoming: TransitionVisit | None


def pupil_summary(*, school: School, pupil: Pupil, day: dt.date) -> PupilSummary:
    went = transition_for_pupil(school=school, pupil=pupil)
    planned = planned_for_pupil(school=school, pupil=pupil, day=day)
    return PupilSummary(len(went), went[0] if went else None, planned[0] if planned else None)


# ## Lists ###########################################################################################
@dataclass
class VisitFilters:
    when: str = "upcoming"  # upcoming | past
    provider: int | None = None
    kind: str = ""


def visit_list(*, membership: Membership, day: dt.date, filters: VisitFilters | None = None) -> list[TransitionVisit]:
    """Upcoming visits soonest first, or past ones newest first, each with how many pupils the
    member may see went (`went`) and, for individual visits, the pupil. One query."""
    filters = filters or VisitFilters()
    school = membership.school
    visits = _visible_visits(membership, day)
    if filters.when == "past":
        visits = visits.filter(activity__date__lt=day).order_by("-activity__date", "-id")
    else:
        visits = visits.filter(activity__date__gte=day).order_by("activity__date", "id")
    if filters.provider:
        visits = visits.filter(provider_id=filters.provider)
    if filters.kind:
        visits = visits.filter(kind=filters.kind)
    pupils = transition_pupils(membership=membership, day=day)
    seen = Q(activity__participations__attendance__in=WENT, activity__participations__school=school)
    if not rules.sees_every_pupil(membership):
        seen &= Q(activity__participations__pupil__in=pupils)
    return list(visits.select_related("provider", "pupil", "pair", "activity__activity_type")
                .annotate(went=Count("activity__participations", filter=seen, distinct=True)))


@dataclass
class ProviderRow:
    provider: Provider
    visits: int
    pairs: int
    individual: int
    last: dt.date | None
    next: dt.date | None


def providers_overview(*, membership: Membership, day: dt.date, start_year: int) -> list[ProviderRow]:
    """Each provider with transition visits this academic year the member may see: one query."""
    first, last = year_bounds(school=membership.school, start_year=start_year)
    visits = _visible_visits(membership, day).filter(activity__date__range=(first, last))
    rows = (visits.values("provider_id")
            .annotate(n=Count("id"), pairs=Count("pair", distinct=True),
                      individual=Count("id", filter=Q(kind=VisitKind.INDIVIDUAL)),
                      last=Max("activity__date", filter=Q(activity__date__lt=day)),
                      next=Max("activity__date", filter=Q(activity__date__gte=day)))
            .order_by())
    found = {r["provider_id"]: r for r in rows}
    providers = Provider.objects.filter(school=membership.school, pk__in=list(found)).order_by("name")
    return [ProviderRow(p, found[p.pk]["n"], found[p.pk]["pairs"], found[p.pk]["individual"], found[p.pk]["last"],
                        found[p.pk]["next"]) for p in providers]


def _counted_activities(school: School, first: dt.date, last: dt.date) -> QuerySet[Activity]:
    """Activities that are transition visits: made here, or recorded elsewhere with the type."""
    return Activity.objects.filter(school=school, date__range=(first, last)).filter(
        Q(transition_visit__isnull=False) | Q(activity_type__code=TRANSITION_TYPE))


@dataclass
class PupilRow:
    pupil: Pupil
    enrolment: Enrolment | None
    visits: int
    latest: dt.date | None


def pupils_overview(*, membership: Membership, day: dt.date, without_only: bool = False) -> list[PupilRow]:
    """Year 11 and post-16 pupils on roll that the member may see, with their transition visits this
    academic year up to `day` (attended or part). Two queries, however many pupils."""
    school = membership.school
    start_year = academic_year_start_on(school=school, day=day)
    first, _last = year_bounds(school=school, start_year=start_year)
    counted = _counted_activities(school, first, day)
    went = Q(participations__attendance__in=WENT, participations__activity__in=counted,
             participations__school=school)
    pupils = (transition_pupils(membership=membership, day=day)
              .filter(Q(date_left__isnull=True) | Q(date_left__gt=day))
              .filter(id__in=Enrolment.objects.filter(school=school, academic_year__start_year=start_year,
                                                      nc_year__in=TRANSITION_YEARS).values("pupil_id"))
              .annotate(visit_count=Count("participations", filter=went, distinct=True),
                        latest=Max("participations__activity__date", filter=went)))
    if without_only:
        pupils = pupils.filter(visit_count=0)
    pupils = pupils.prefetch_related(Prefetch(
        "enrolments", queryset=Enrolment.objects.filter(school=school, academic_year__start_year=start_year)
        .select_related("class_group"), to_attr="current_enrolments"))
    return [PupilRow(p, (p.current_enrolments or [None])[0], p.visit_count, p.latest)  # type: ignore[attr-defined]
            for p in pupils.order_by("legal_surname", "legal_forename", "id")]


# ## Figures without names (governors) #############################################################
@dataclass
class Summary:
    start_year: int
    pairs: int
    halves: int
    individual: int
    providers: list[tuple[str, int]]  # name, visits
    by_year: list[tuple[str, int | None, int | None]]  # NC year, pupils, of whom with a visit (None: withheld)
    pupils: int | None
    with_visit: int | None


def summary(*, school: School, day: dt.date, suppress: bool) -> Summary:
    """This academic year's transition visits as figures: no names, no words. Four queries.

    With `suppress`, a pupil figure resting on fewer than five pupils is withheld (None).
    """
    start_year = academic_year_start_on(school=school, day=day)
    first, last = year_bounds(school=school, start_year=start_year)
    visits = TransitionVisit.objects.filter(school=school, activity__date__range=(first, last))
    kinds = Counter(dict(visits.values_list("kind").annotate(n=Count("id")).order_by()))
    pairs = visits.exclude(pair=None).values("pair").distinct().count()
    providers = list(visits.values_list("provider__name").annotate(n=Count("id")).order_by("-n", "provider__name"))
    counted = _counted_activities(school, first, day)
    rows = (Enrolment.objects.filter(school=school, academic_year__start_year=start_year,
                                     nc_year__in=TRANSITION_YEARS)
            .filter(Q(pupil__date_left__isnull=True) | Q(pupil__date_left__gt=day))
            .values("nc_year")
            .annotate(n=Count("id"), with_visit=Count("id", filter=Q(Exists(Participation.objects.filter(
                school=school, pupil=OuterRef("pupil"), attendance__in=WENT, activity__in=counted)))))
            .order_by())
    found = {r["nc_year"]: (r["n"], r["with_visit"]) for r in rows}

    def shown(n: int, total: int) -> int | None:
        return None if suppress and total < SMALLEST_GROUP else n

    by_year = []
    for year in TRANSITION_YEARS:
        n, with_visit = found.get(year, (0, 0))
        by_year.append((year, shown(n, n), shown(with_visit, n)))
    total = sum(n for n, _w in found.values())
    with_any = sum(w for _n, w in found.values())
    return Summary(start_year, pairs, kinds[VisitKind.IN_SCHOOL] + kinds[VisitKind.AT_PROVIDER],
                   kinds[VisitKind.INDIVIDUAL], [(name, n) for name, n in providers],
                   by_year, shown(total, total), shown(with_any, total))


def providers_for_choice(*, school: School) -> QuerySet[Provider]:
    return Provider.objects.filter(school=school, is_active=True).order_by("name")


def pair_list(*, membership: Membership, day: dt.date) -> list[TransitionPair]:
    """Pairs the member may see, newest first, with both halves and the group limited to the
    pupils they may see (`visible_pupil_ids`). Three queries."""
    if not rules.can_view_transition(membership):
        return []
    school = membership.school
    pairs = list(_visible_pairs(membership, day).select_related("provider")
                 .prefetch_related(Prefetch("visits", queryset=TransitionVisit.objects.filter(school=school)
                                            .select_related("activity").order_by("activity__date", "id")))
                 .order_by("-created_at", "-id"))
    visible = transition_pupils(membership=membership, day=day)
    links = (TransitionPair.pupils.through.objects.filter(transitionpair_id__in=[p.pk for p in pairs],
                                                          pupil__in=visible)
             .values_list("transitionpair_id", "pupil_id").order_by("pupil_id"))
    grouped: dict[int, list[int]] = {}
    for pair_id, pupil_id in links:
        grouped.setdefault(pair_id, []).append(pupil_id)
    for pair in pairs:
        pair.visible_pupil_ids = grouped.get(pair.pk, [])  # type: ignore[attr-defined]
    return pairs
