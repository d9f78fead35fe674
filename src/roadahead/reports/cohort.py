"""The cohort summary: one cohort (year group, class, pathway or phase) on one page.

The cohort is chosen as the coverage pages choose it (`standing.coverage.CohortFilters` and
`cohort`), from the pupils the member may see. Standing comes from the engine, coverage from the
coverage selector, skills from the skills cohort summary. With `suppress` (senior leaders and
governors) a cohort or group of fewer than five pupils has its figures withheld. A fixed number of
queries whatever the number of pupils.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from roadahead.core import dates
from roadahead.people.models import Pupil
from roadahead.profiles.models import TransitionPlan
from roadahead.reports.common import PalLine, RuleLine, pal_lines, rule_lines
from roadahead.reports.shares import Share, share, size_text
from roadahead.schools.models import DestinationCategory, School
from roadahead.schools.selectors import year_bounds
from roadahead.skills.models import Framework, Skill
from roadahead.skills.selectors import Cell, frameworks
from roadahead.skills.selectors import Cohort as SkillsCohort
from roadahead.skills.selectors import cohort_summary as skills_cohort_summary
from roadahead.standing.coverage import SUPPRESS_BELOW, CohortFilters, benchmark_coverage, cohort
from roadahead.standing.engine import standing


@dataclass
class CoverageLine:
    benchmark: int
    title: str
    share: Share


@dataclass
class SkillsLines:
    framework: Framework
    rows: list[tuple[Skill, Cell]]


def _skills(cohort: SkillsCohort) -> SkillsLines:
    return SkillsLines(framework=cohort.framework, rows=list(zip(cohort.skills, cohort.total.cells, strict=True)))


@dataclass
class CohortSummary:
    school: School
    label: str
    start_year: int
    year_start: dt.date
    as_of: dt.date
    size: int
    size_text: str
    suppressed: bool
    coverage: list[CoverageLine]
    rules: list[RuleLine]
    pal: list[PalLine]
    skills: list[SkillsLines]
    destinations: list[tuple[str, Share]] = field(default_factory=list)
    destinations_recorded: Share | None = None

    @property
    def year_label(self) -> str:
        return dates.academic_year_label(self.start_year)


def cohort_summary(*, school: School, filters: CohortFilters, label: str, start_year: int, as_of: dt.date,
                   visible: QuerySet[Pupil], suppress: bool) -> CohortSummary:
    year_start, year_end = year_bounds(school=school, start_year=start_year)
    as_of = max(min(as_of, year_end), year_start)
    pupils = cohort(school=school, filters=filters, start_year=start_year, day=as_of, visible=visible)
    report = standing(school=school, as_of=as_of, pupils=pupils)
    size = len(report.pupils)
    small = suppress and 0 < size < SUPPRESS_BELOW
    coverage = benchmark_coverage(school=school, start=year_start, end=as_of, pupils=pupils)
    plans = TransitionPlan.objects.filter(school=school, pupil=OuterRef("pk"), start_year__lte=start_year)
    aims = Counter(pupils.order_by().annotate(aim=Subquery(
        plans.order_by("-start_year").values("pupil_category_id")[:1])).values_list("aim", flat=True))
    recorded = sum(n for aim, n in aims.items() if aim is not None)
    categories = list(DestinationCategory.objects.filter(school=school).order_by("order", "name")
                      .values_list("pk", "name"))
    return CohortSummary(
        school=school, label=label, start_year=start_year, year_start=year_start, as_of=as_of, size=size,
        size_text=size_text(size, suppress=suppress), suppressed=small,
        coverage=[CoverageLine(r.benchmark, r.title, share(r.with_evidence, r.cohort_size, suppress=suppress))
                  for r in coverage],
        rules=rule_lines(report, suppress=suppress),
        pal=pal_lines(school=school, report=report, start_year=start_year, year_start=year_start, as_of=as_of,
                      suppress=suppress, pupils=pupils),
        skills=[_skills(skills_cohort_summary(school=school, framework=f, pupils=pupils, start_year=start_year,
                                              as_of=as_of, by="year", suppress=suppress))
                for f in frameworks(school=school, include_archived=False)],
        destinations=[(name, share(aims[pk], size, suppress=suppress)) for pk, name in categories if aims[pk]],
        destinations_recorded=share(recorded, size, suppress=suppress))


def describe(filters: CohortFilters, *, names: dict[str, dict[int, str]]) -> str:
    """The cohort in words: "Year 10, Oak class", or "All pupils"."""
    parts = []
    if filters.year_from or filters.year_to:
        first, last = filters.year_from or filters.year_to, filters.year_to or filters.year_from
        parts.append(dates.nc_year_label(first) if first == last else _("%(first)s to %(last)s") % {
            "first": dates.nc_year_label(first), "last": dates.nc_year_label(last)})
    for key in ("class_group", "pathway", "phase"):
        value = getattr(filters, key)
        if value and value in names.get(key, {}):
            parts.append(names[key][value])
    return ", ".join(parts) if parts else _("All pupils")
