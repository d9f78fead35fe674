"""A plain reference implementation of the standing engine: a loop per pupil and per rule, reading
each participation through the ORM. Slow and obvious on purpose; the property tests check the engine
agrees with it."""

from __future__ import annotations

import datetime as dt

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Participation
from roadahead.core import dates
from roadahead.entitlements.enums import Period
from roadahead.entitlements.models import EntitlementRule
from roadahead.people.models import Enrolment, Pupil
from roadahead.schools.models import School
from roadahead.standing.engine import load_calendar
from roadahead.standing.enums import Status
from roadahead.standing.periods import cutoff_date, judge


def _counts(rule: EntitlementRule, participation: Participation) -> bool:
    activity = participation.activity
    if participation.attendance == Attendance.ABSENT:
        return False
    if participation.attendance == Attendance.PART and not rule.count_part:
        return False
    types = set(rule.activity_types.values_list("pk", flat=True))
    if types and activity.activity_type_id not in types:
        return False
    if rule.settings and activity.setting not in rule.settings:
        return False
    if rule.meaningful_only and not activity.meaningful:
        return False
    if rule.pal_only and not activity.counts_for_pal:
        return False
    wanted = set(rule.evidences.values_list("pk", flat=True))
    if wanted and not wanted & set(activity.benchmarks.values_list("pk", flat=True)):
        return False
    kinds = set(activity.providers.values_list("kind", flat=True))
    return not (rule.provider_kinds and not set(rule.provider_kinds) & kinds)


def reference_standing(*, school: School, as_of: dt.date) -> set[tuple]:
    """{(pupil id, rule id, period start, period end, required, achieved, status)}"""
    calendar = load_calendar(school=school, as_of=as_of)
    checks = {"": True, "provider_access": school.check_provider_access,
              "independent_guidance": school.check_independent_guidance,
              "gatsby_benchmarks": school.check_gatsby_benchmarks}
    result = set()
    for pupil in Pupil.objects.filter(school=school):
        if pupil.date_left and pupil.date_left < as_of:
            continue
        if pupil.date_joined and pupil.date_joined > as_of:
            continue
        enrolment = Enrolment.objects.filter(school=school, pupil=pupil,
                                             academic_year__start_year=calendar.start_year).first()
        needs = set(pupil.needs.values_list("need", flat=True))
        for rule in EntitlementRule.objects.filter(school=school, is_active=True):
            if not checks[rule.school_check]:
                continue
            ordinal = dates.nc_year_ordinal(enrolment.nc_year) if enrolment else None
            if rule.first_year:
                first, last = dates.nc_year_ordinal(rule.first_year), dates.nc_year_ordinal(rule.last_year)
                if ordinal is None or not first <= ordinal <= last:
                    continue
            pathways = set(rule.pathways.values_list("pk", flat=True))
            if pathways and (enrolment is None or enrolment.pathway_id not in pathways):
                continue
            if rule.needs and not set(rule.needs) & needs:
                continue
            if rule.period == Period.ACADEMIC_YEAR:
                start, end = calendar.year
            elif rule.period == Period.TERM:
                if calendar.term is None:
                    continue
                start, end = calendar.term
            elif rule.period == Period.HALF_TERM:
                if calendar.half_term is None:
                    continue
                start, end = calendar.half_term
            else:
                first_start = calendar.start_year - (ordinal - dates.nc_year_ordinal(rule.first_year))
                last_start = calendar.start_year + (dates.nc_year_ordinal(rule.last_year) - ordinal)
                start = dt.date(first_start, 9, 1)
                end = (cutoff_date(last_start, rule.cutoff_month, rule.cutoff_day) if rule.cutoff_month
                       else dt.date(last_start + 1, 8, 31))
            achieved = 0
            for participation in Participation.objects.filter(school=school, pupil=pupil).select_related("activity"):
                day = participation.activity.date
                if rule.period == Period.YEARS:
                    year = participation.activity.academic_year.start_year
                    if not first_start <= year <= last_start:
                        continue
                    if rule.cutoff_month and year == last_start and day > end:
                        continue
                    if day > as_of:
                        continue
                elif not start <= day <= as_of:
                    continue
                if _counts(rule, participation):
                    achieved += 1
            begin = max(start, pupil.date_joined) if pupil.date_joined else start
            status = judge(required=rule.required, achieved=achieved, start=begin, end=end, as_of=as_of)
            if not rule.required_of_pupils and status != Status.MET:
                status = Status.ON_TRACK  # offered, not required of pupils: a pupil short of it owes nothing
            result.add((pupil.pk, rule.pk, start, end, rule.required, achieved, status.value))
    return result
