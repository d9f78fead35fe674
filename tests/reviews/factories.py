"""Builders for reviews tests (kept here rather than in the shared tests/factories)."""

from __future__ import annotations

import datetime as dt

from roadahead.people.models import Membership, Pupil
from roadahead.reviews import services
from roadahead.reviews.enums import OutcomeKind, PfaArea, ProgressLevel
from roadahead.reviews.models import AnnualReview, PfaOutcome, PfaProgress


def review(pupil: Pupil, *, due: dt.date, held: dt.date | None = None, by: Membership | None = None,
           **values: object) -> AnnualReview:
    return services.record_review(school=pupil.school, pupil=pupil, by=by.user if by else None, recorded_by=by,
                                  date_due=due, date_held=held, **values)


def outcome(pupil: Pupil, *, area: str = PfaArea.EMPLOYMENT, text: str = "Tries two work tasters and says "
            "which they liked", set_on: dt.date = dt.date(2025, 10, 1), kind: str = OutcomeKind.EHCP_OUTCOME,
            review: AnnualReview | None = None) -> PfaOutcome:
    return services.add_outcome(school=pupil.school, pupil=pupil, by=None, area=area, kind=kind, text=text,
                                set_on=set_on, review=review)


def progress(item: PfaOutcome, *, day: dt.date, level: str = ProgressLevel.EMERGING, note: str = "",
             by: Membership | None = None) -> PfaProgress:
    return services.record_progress(outcome=item, by=by.user if by else None, date=day, level=level, note=note,
                                    recorded_by=by)
