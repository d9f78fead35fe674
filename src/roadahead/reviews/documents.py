"""What goes into the careers and Preparing for Adulthood contribution to an annual review, and the
careers section of a looked-after pupil's personal education plan (ePEP).

Both are built from records the school already keeps, read through each app's own selectors so that
they say exactly what the pages say. The caller has checked the member may see the pupil.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from roadahead.activities.selectors import TOOK_PART, pupil_timeline
from roadahead.core import dates
from roadahead.people.models import Membership, Pupil
from roadahead.reviews import selectors
from roadahead.reviews.due import due_status, next_due
from roadahead.reviews.enums import DueStatus, PfaArea, ProgressLevel
from roadahead.standing.pupil_views import pupil_standing_rows

# The contribution looks back over two years: long enough to show change, short enough to read.
CONTRIBUTION_YEARS = 2
# The ePEP is reviewed each term; a year of activities is what its careers section asks about.
EPEP_DAYS = 365


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class Document:
    pupil: Pupil
    today: dt.date
    since: dt.date
    next_due: dt.date | None
    due_status: DueStatus
    reviews: list[Any] = field(default_factory=list)
    activities: list[Any] = field(default_factory=list)
    activity_years: list[Any] = field(default_factory=list)
    standing: list[dict[str, Any]] = field(default_factory=list)
    pfa_groups: list[selectors.AreaGroup] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    # Sections from other apps, filled when their selectors are available; None leaves the section out.
    guidance: list[Any] | None = None
    profile: Any = None
    destination: Any = None
    skills: Any = None

    @property
    def has_outcomes(self) -> bool:
        return any(group.outcomes for group in self.pfa_groups)

    @property
    def year_label(self) -> str:
        return dates.nc_year_label(self.pupil.current.nc_year) if getattr(self.pupil, "current", None) else ""


def _base(*, membership: Membership, pupil: Pupil, today: dt.date, since: dt.date) -> Document:
    due = next_due(last_review=pupil.ehcp_last_review, next_review=pupil.ehcp_next_review)
    doc = Document(pupil=pupil, today=today, since=since, next_due=due, due_status=due_status(due, today=today))
    timeline = pupil_timeline(membership=membership, pupil=pupil, as_of=today)
    doc.activities = [p for p in timeline.participations
                      if p.activity.date >= since and p.attendance in TOOK_PART]
    first_year = dates.academic_year_of(since)
    doc.activity_years = [y for y in timeline.years if y.start_year >= first_year]
    return doc


def contribution(*, membership: Membership, pupil: Pupil, today: dt.date) -> Document:
    """Everything for the review: the last two years of careers records, standing today and PfA."""
    school = membership.school
    doc = _base(membership=membership, pupil=pupil, today=today,
                since=years_before(today, CONTRIBUTION_YEARS))
    doc.reviews = [r for r in selectors.reviews_for(school=school, pupil=pupil)
                   if r.date_held is None or r.date_held >= doc.since]
    doc.standing = pupil_standing_rows(school=school, pupil=pupil, as_of=today)
    doc.pfa_groups = selectors.by_area(selectors.outcomes_for(school=school, pupil=pupil, since=doc.since))
    return doc


def epep(*, membership: Membership, pupil: Pupil, today: dt.date) -> Document:
    """The careers section of the personal education plan: a year of activities, the employment
    outcomes being worked on and what comes next."""
    school = membership.school
    doc = _base(membership=membership, pupil=pupil, today=today, since=today - dt.timedelta(days=EPEP_DAYS))
    employment = [o for o in selectors.outcomes_for(school=school, pupil=pupil, since=doc.since, current_only=True)
                  if o.area == PfaArea.EMPLOYMENT]
    doc.pfa_groups = [g for g in selectors.by_area(employment) if g.area == PfaArea.EMPLOYMENT]
    doc.next_steps = [_("Keep working towards: %(text)s") % {"text": o.text} for o in employment
                      if o.latest is None or o.latest.level != ProgressLevel.ACHIEVED]  # type: ignore[attr-defined]
    if doc.next_due is not None:
        when = f"{doc.next_due.day} {doc.next_due:%B %Y}"
        doc.next_steps.append(_("EHCP annual review due on %(date)s.") % {"date": when})
    return doc


def epep_rows(doc: Document) -> list[list[str]]:
    """The ePEP as rows for a spreadsheet: section, date, what, detail."""
    rows: list[list[str]] = [["Section", "Date", "What", "Detail"]]
    rows.append(["Pupil", "", doc.pupil.display_name, doc.year_label])
    if doc.next_due:
        rows.append(["Next EHCP annual review", doc.next_due.isoformat(), str(doc.due_status.label), ""])
    for group in doc.pfa_groups:
        for outcome in group.outcomes:
            latest = outcome.latest  # type: ignore[attr-defined]
            rows.append(["Preparing for Adulthood: " + group.label, outcome.set_on.isoformat(), outcome.text,
                         f"{latest.get_level_display()} ({latest.date.isoformat()})" if latest else "No progress yet"])
    for step in doc.next_steps:
        rows.append(["Next step", "", step, ""])
    for p in doc.activities:
        rows.append(["Careers activity", p.activity.date.isoformat(), p.activity.title,
                     p.activity.activity_type.name])
    return rows
