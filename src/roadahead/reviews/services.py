"""Writes to annual reviews and Preparing for Adulthood outcomes.

Each service validates with full_clean, runs in one transaction and writes one audit entry naming
the fields changed, never their values.

Keeping the pupil's dates in step: `Pupil.ehcp_last_review` and `ehcp_next_review` (which an MIS
import may also set) are updated through `people.services.update_pupil` whenever a review is
recorded or changed here, by `sync_pupil_dates`:

- last review = the latest date a review recorded here was held (left alone if none is held yet);
- next review = the earliest due date of a review not yet held; if every review is held, the
  "next review due" set at the latest one held (a year after it when left blank).

Once a school records reviews in Road Ahead they are the source of both dates, so correcting a
mistyped date here corrects the pupil's record too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core import dates
from roadahead.core.locking import claim_next_version
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.people.services import update_pupil
from roadahead.reviews.due import one_year_after, pfa_applies
from roadahead.reviews.models import AnnualReview, PfaOutcome, PfaProgress
from roadahead.schools.models import School
from roadahead.schools.selectors import academic_year_start_on
from roadahead.schools.services import ensure_academic_year

REVIEW_FIELDS = ("date_due", "date_held", "attendees", "pupil_views", "notes", "outcome", "next_review_due")
OUTCOME_FIELDS = ("area", "kind", "text", "set_on", "review", "ended_on")

STALE_REVIEW = _("Someone else changed this review while you were editing it. Your changes have not been "
                 "saved: reload the page to see theirs.")
STALE_OUTCOME = _("Someone else changed this outcome while you were editing it. Your changes have not been "
                  "saved: reload the page to see theirs.")


def _tidy(values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    tidy = {k: v for k, v in values.items() if k in allowed}
    for name, value in tidy.items():
        if isinstance(value, str):
            tidy[name] = value.strip()
    return tidy


def _check_review(review: AnnualReview) -> None:
    """Rules across fields, with messages for the box they concern."""
    errors: dict[str, str] = {}
    if review.outcome and review.date_held is None:
        errors["date_held"] = _("Enter the date the review was held, or leave the outcome blank.")
    if review.date_held is not None and review.next_review_due is not None \
            and review.next_review_due <= review.date_held:
        errors["next_review_due"] = _("The next review must be due after this one was held.")
    if errors:
        raise ValidationError(errors)


def _place_in_year(review: AnnualReview) -> None:
    start_year = academic_year_start_on(school=review.school, day=review.date_due)
    review.academic_year = ensure_academic_year(school=review.school, start_year=start_year)
    clash = AnnualReview.objects.filter(school=review.school, pupil=review.pupil,
                                        academic_year=review.academic_year).exclude(pk=review.pk)
    if clash.exists():
        raise ValidationError({"date_due": _("This pupil already has a review for %(year)s: change that one "
                                             "instead.") % {"year": dates.academic_year_label(start_year)}})


def sync_pupil_dates(*, pupil: Pupil, by: Any) -> list[str]:
    """Set the pupil's last and next review dates from the reviews recorded here (rule in the module notes).

    Goes through people.services.update_pupil without its own audit entry: the review's entry
    says what happened. Returns the pupil fields that changed.
    """
    reviews = list(AnnualReview.objects.filter(school=pupil.school, pupil=pupil)
                   .only("date_due", "date_held", "next_review_due"))
    held = [r for r in reviews if r.date_held is not None]
    waiting = [r for r in reviews if r.date_held is None]
    values: dict[str, Any] = {}
    latest = max(held, key=lambda r: (r.date_held, r.pk)) if held else None
    if latest is not None:
        values["ehcp_last_review"] = latest.date_held
    if waiting:
        values["ehcp_next_review"] = min(r.date_due for r in waiting)
    elif latest is not None:
        values["ehcp_next_review"] = latest.next_review_due or one_year_after(latest.date_held)  # type: ignore[arg-type]
    pupil.refresh_from_db(fields=["ehcp_last_review", "ehcp_next_review", "version"])
    return update_pupil(pupil=pupil, by=by, audit=False, **values)


@transaction.atomic
def record_review(*, school: School, pupil: Pupil, by: Any, recorded_by: Membership | None = None,
                  **values: Any) -> AnnualReview:
    """Add a review: one due (to plan it) or one already held (with who attended and the outcome)."""
    review = AnnualReview(school=school, pupil=pupil, recorded_by=recorded_by, **_tidy(values, REVIEW_FIELDS))
    if review.date_due is None:
        raise ValidationError({"date_due": _("Enter the date the review is due.")})
    if review.date_held is not None and review.next_review_due is None:
        review.next_review_due = one_year_after(review.date_held)
    _place_in_year(review)
    review.full_clean()
    _check_review(review)
    review.save()
    changed = sync_pupil_dates(pupil=pupil, by=by)
    log_action(school=school, user=by, action="ehcp_review.created", obj=review, pupil_id=pupil.pk,
               data={"held": review.held, "pupil_fields": changed})
    return review


@transaction.atomic
def update_review(*, review: AnnualReview, by: Any, expected_version: int | None = None,
                  recorded_by: Membership | None = None, **values: Any) -> list[str]:
    """Change a review (typically: record that it was held and what it decided)."""
    values = _tidy(values, REVIEW_FIELDS)
    changed = [name for name in REVIEW_FIELDS if name in values and getattr(review, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(review, name, values[name])
    if review.date_held is not None and review.next_review_due is None:
        review.next_review_due = one_year_after(review.date_held)
        changed.append("next_review_due")
    if recorded_by is not None:
        review.recorded_by = recorded_by
    if "date_due" in changed:
        _place_in_year(review)
    review.full_clean()
    _check_review(review)
    if expected_version is not None:
        review.version = claim_next_version(AnnualReview.objects.filter(school=review.school), pk=review.pk,
                                            expected_version=expected_version, message=STALE_REVIEW)
        review.save()
    else:
        review.version += 1
        review.save()
    pupil_changed = sync_pupil_dates(pupil=review.pupil, by=by)
    log_action(school=review.school, user=by, action="ehcp_review.changed", obj=review, pupil_id=review.pupil_id,
               data={"fields": changed, "pupil_fields": pupil_changed})
    return changed


def _check_outcome(outcome: PfaOutcome) -> None:
    if outcome.review is not None and outcome.review.pupil_id != outcome.pupil_id:
        raise ValidationError({"review": _("Choose one of this pupil's reviews.")})
    if outcome.ended_on is not None and outcome.ended_on < outcome.set_on:
        raise ValidationError({"ended_on": _("The outcome cannot end before it was agreed.")})


def pfa_applies_on(*, pupil: Pupil, day: dt.date) -> bool:
    """Whether the pupil is in Year 9 or above on `day`. One query.

    By that year's enrolment; for a year with none recorded (outcomes typed in from old plans), by
    the NC year their date of birth puts them in.
    """
    start_year = academic_year_start_on(school=pupil.school, day=day)
    nc_year = (Enrolment.objects.filter(school=pupil.school, pupil=pupil, academic_year__start_year=start_year)
               .values_list("nc_year", flat=True).first()) or dates.expected_nc_year(pupil.date_of_birth, start_year)
    return pfa_applies(nc_year=nc_year, date_of_birth=pupil.date_of_birth, start_year=start_year)


@transaction.atomic
def add_outcome(*, school: School, pupil: Pupil, by: Any, **values: Any) -> PfaOutcome:
    """Add an EHCP outcome or provision plan target under a Preparing for Adulthood area (Year 9 on)."""
    outcome = PfaOutcome(school=school, pupil=pupil, **_tidy(values, OUTCOME_FIELDS))
    outcome.full_clean()
    _check_outcome(outcome)
    if not pfa_applies_on(pupil=pupil, day=outcome.set_on):
        raise ValidationError({"set_on": _("Preparing for Adulthood outcomes start in Year 9: on this date the "
                                           "pupil is not yet in Year 9.")})
    outcome.save()
    log_action(school=school, user=by, action="pfa_outcome.created", obj=outcome, pupil_id=pupil.pk,
               data={"area": outcome.area, "kind": outcome.kind})
    return outcome


@transaction.atomic
def update_outcome(*, outcome: PfaOutcome, by: Any, expected_version: int | None = None,
                   **values: Any) -> list[str]:
    values = _tidy(values, OUTCOME_FIELDS)
    changed = [name for name in OUTCOME_FIELDS if name in values and getattr(outcome, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(outcome, name, values[name])
    outcome.full_clean()
    _check_outcome(outcome)
    if expected_version is not None:
        outcome.version = claim_next_version(PfaOutcome.objects.filter(school=outcome.school), pk=outcome.pk,
                                             expected_version=expected_version, message=STALE_OUTCOME)
    else:
        outcome.version += 1
    outcome.save()
    log_action(school=outcome.school, user=by, action="pfa_outcome.changed", obj=outcome,
               pupil_id=outcome.pupil_id, data={"fields": changed})
    return changed


def _progress(outcome: PfaOutcome, *, date: dt.date, level: str, note: str, review: AnnualReview | None,
              recorded_by: Membership | None) -> PfaProgress:
    entry = PfaProgress(school=outcome.school, outcome=outcome, date=date, level=level, note=(note or "").strip(),
                        review=review, recorded_by=recorded_by)
    entry.full_clean()
    if review is not None and review.pupil_id != outcome.pupil_id:
        raise ValidationError({"review": _("Choose one of this pupil's reviews.")})
    if date < outcome.set_on:
        raise ValidationError({"date": _("Progress cannot be recorded before the outcome was agreed.")})
    entry.save()
    return entry


@transaction.atomic
def record_progress(*, outcome: PfaOutcome, by: Any, date: dt.date, level: str, note: str = "",
                    review: AnnualReview | None = None, recorded_by: Membership | None = None) -> PfaProgress:
    """Add one progress entry; earlier entries stay as the outcome's history."""
    entry = _progress(outcome, date=date, level=level, note=note, review=review, recorded_by=recorded_by)
    log_action(school=outcome.school, user=by, action="pfa_progress.created", obj=entry, pupil_id=outcome.pupil_id,
               data={"outcome": outcome.pk})
    return entry


@dataclass(frozen=True)
class ProgressEntry:
    outcome: PfaOutcome
    level: str
    note: str = ""


@transaction.atomic
def record_review_progress(*, review: AnnualReview, by: Any, entries: Sequence[ProgressEntry],
                           recorded_by: Membership | None = None) -> list[PfaProgress]:
    """Progress on several outcomes at once, as agreed at a review (dated the day it was held).

    Entries with no level are skipped, so a form may leave outcomes not discussed blank.
    """
    if review.date_held is None:
        raise ValidationError(_("Record the date the review was held before recording progress at it."))
    made = [_progress(e.outcome, date=review.date_held, level=e.level, note=e.note, review=review,
                      recorded_by=recorded_by) for e in entries if e.level]
    log_action(school=review.school, user=by, action="pfa_progress.reviewed", obj=review, pupil_id=review.pupil_id,
               data={"count": len(made)})
    return made
