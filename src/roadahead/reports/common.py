"""Pieces more than one report shares: standing per rule as shares, PAL by key phase, the period.

Standing is never worked out here: the lines are counts of the standing engine's rows
(`roadahead.standing.engine.standing`), with a rule offered rather than required of pupils shown as
"optional" exactly as the grid shows it (`standing.selectors.display_status`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from roadahead.activities.models import Participation
from roadahead.core import dates
from roadahead.people.models import Pupil
from roadahead.reports.shares import Share, share, size_text
from roadahead.schools.models import School
from roadahead.standing.coverage import EVIDENCE_ATTENDANCE
from roadahead.standing.engine import StandingReport
from roadahead.standing.enums import Status
from roadahead.standing.selectors import OPTIONAL, display_status


@dataclass(frozen=True)
class RuleLine:
    code: str
    name: str
    benchmark: int | None
    required_of_pupils: bool
    pupils: int
    pupils_text: str
    met: Share
    on_track: Share
    at_risk: Share
    not_met: Share
    optional: Share


def rule_lines(report: StandingReport, *, suppress: bool) -> list[RuleLine]:
    """One line per rule that applies to anyone: how many pupils it applies to and the share in each status."""
    counts: dict[int, Counter[str]] = {rule_id: Counter() for rule_id in report.rules}
    for row in report.rows:
        counts[row.rule_id][display_status(report.rules[row.rule_id], row)] += 1
    lines = []
    for rule_id, rule in report.rules.items():
        found = counts[rule_id]
        total = sum(found.values())
        if not total:
            continue
        lines.append(RuleLine(
            code=rule.code, name=rule.name, benchmark=rule.benchmark, required_of_pupils=rule.required_of_pupils,
            pupils=total, pupils_text=size_text(total, suppress=suppress),
            met=share(found[Status.MET.value], total, suppress=suppress),
            on_track=share(found[Status.ON_TRACK.value], total, suppress=suppress),
            at_risk=share(found[Status.AT_RISK.value], total, suppress=suppress),
            not_met=share(found[Status.NOT_MET.value], total, suppress=suppress),
            optional=share(found[OPTIONAL], total, suppress=suppress)))
    return lines


@dataclass(frozen=True)
class PalLine:
    phase: int
    name: str
    years: str  # "Years 8-9"
    required_of_pupils: bool
    pupils: int
    pupils_text: str
    both: Share  # pupils with both (all required) encounters in their window
    encounters: int  # provider encounters delivered this academic year to pupils of the phase


def pal_lines(*, school: School, report: StandingReport, start_year: int, year_start: dt.date, as_of: dt.date,
              suppress: bool, pupils: QuerySet[Pupil] | None = None) -> list[PalLine]:
    """Each PAL key phase (the rules with a key phase, first of each): one query per phase."""
    chosen: dict[int, int] = {}
    for rule in report.rules.values():
        if rule.pal_key_phase and rule.pal_key_phase not in chosen:
            chosen[rule.pal_key_phase] = rule.id
    lines = []
    for phase, rule_id in sorted(chosen.items()):
        rule = report.rules[rule_id]
        rows = [row for row in report.rows if row.rule_id == rule_id]
        met = sum(1 for row in rows if row.achieved >= row.required)
        codes = [code for code in dates.NC_YEAR_CODES
                 if (o := dates.nc_year_ordinal(code)) is not None and rule.first is not None
                 and rule.last is not None and rule.first <= o <= rule.last]
        delivered = Participation.objects.filter(
            school=school, attendance__in=EVIDENCE_ATTENDANCE, activity__school=school,
            activity__counts_for_pal=True, activity__date__gte=year_start, activity__date__lte=as_of,
            pupil__enrolments__school=school, pupil__enrolments__academic_year__start_year=start_year,
            pupil__enrolments__nc_year__in=codes)
        if pupils is not None:
            delivered = delivered.filter(pupil__in=pupils.order_by().values("pk"))
        first, last = (codes[0], codes[-1]) if codes else ("", "")
        lines.append(PalLine(
            phase=phase, name=rule.name, years=_("%(first)s to %(last)s") % {
                "first": dates.nc_year_label(first), "last": dates.nc_year_label(last)} if codes else "",
            required_of_pupils=rule.required_of_pupils, pupils=len(rows),
            pupils_text=size_text(len(rows), suppress=suppress), both=share(met, len(rows), suppress=suppress),
            encounters=delivered.order_by().values("activity_id").distinct().count()))
    return lines
