"""Writes to the self-evaluation: criteria, evaluations, marks and the action plan.

Each service validates, runs in one transaction and writes one audit entry naming records and
fields, never their text. Services never read the clock: callers pass `today`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.benchmarks.services import ensure_benchmarks
from roadahead.core import dates
from roadahead.core.locking import claim_next_version
from roadahead.evaluation import selectors
from roadahead.evaluation.defaults import DEFAULT_CRITERIA
from roadahead.evaluation.enums import Status, Variant
from roadahead.evaluation.models import Action, Criterion, Evaluation, Mark
from roadahead.people.models import Membership
from roadahead.schools.enums import SchoolType, TermName
from roadahead.schools.models import School

STALE = _("Someone else changed this evaluation after you opened it. Your changes were not saved: "
          "look at it again and make them once more.")
STALE_ACTION = _("Someone else changed this action after you opened it. Look at it again and make your "
                 "changes once more.")


def variant_for(school: School) -> str:
    mainstream = {SchoolType.MAINSTREAM, SchoolType.COLLEGE}
    return Variant.STANDARD if school.school_type in mainstream else Variant.SPECIAL


@transaction.atomic
def ensure_criteria(*, school: School) -> list[Criterion]:
    """The school's criteria, adding any default ones it lacks in the wording for its kind of school."""
    benchmarks = {b.number: b for b in ensure_benchmarks(school=school)}
    existing = {c.code: c for c in Criterion.objects.filter(school=school)}
    variant = variant_for(school)
    missing = [Criterion(school=school, benchmark=benchmarks[d.benchmark], code=d.code,
                         text=(d.special or d.text) if variant == Variant.SPECIAL else d.text,
                         variant=variant, rule=d.rule, order=index)
               for index, d in enumerate(DEFAULT_CRITERIA) if d.code not in existing]
    Criterion.objects.bulk_create(missing)
    return list(selectors.criteria(school=school))


def _check_cohort(first: str, last: str) -> None:
    for code in (first, last):
        if code and code not in dates.NC_YEAR_CODES:
            raise ValidationError({"cohort_from": _("Choose an NC year.")})
    low = dates.nc_year_ordinal(first) if first else None
    high = dates.nc_year_ordinal(last) if last else None
    if low is not None and high is not None and low > high:
        raise ValidationError({"cohort_to": _("Choose a year the same as or after the first year.")})


@transaction.atomic
def create_evaluation(*, school: School, by: Any, start_year: int, term: str, today: dt.date,
                      cohort_from: str = "", cohort_to: str = "", cohort_note: str = "") -> Evaluation:
    """Start a term's evaluation with a mark for every criterion.

    Each mark starts from the previous evaluation's status and evidence, unconfirmed, so last
    term's judgement is the starting point and nothing counts as confirmed until the careers
    leader says so.
    """
    if term not in TermName.values:
        raise ValidationError({"term": _("Choose a term.")})
    first_day, _last = selectors.term_dates(school=school, start_year=start_year, term=term)
    if first_day > today:
        raise ValidationError({"term": _("That term has not started yet.")})
    if Evaluation.objects.filter(school=school, start_year=start_year, term=term).exists():
        raise ValidationError({"term": _("There is already an evaluation for that term.")})
    _check_cohort(cohort_from, cohort_to)
    evaluation = Evaluation(school=school, start_year=start_year, term=term, cohort_from=cohort_from,
                            cohort_to=cohort_to, cohort_note=cohort_note.strip(), created_by=by)
    evaluation.full_clean(exclude=["created_by"])
    evaluation.save()
    found = ensure_criteria(school=school)
    previous = selectors.previous_evaluation(evaluation=evaluation)
    carried = {}
    if previous is not None:
        carried = {m.criterion_id: m for m in Mark.objects.filter(school=school, evaluation=previous)}
    Mark.objects.bulk_create([
        Mark(school=school, evaluation=evaluation, criterion=c,
             status=carried[c.pk].status if c.pk in carried else Status.NOT_STARTED,
             evidence=carried[c.pk].evidence if c.pk in carried else "")
        for c in found])
    log_action(school=school, user=by, action="evaluation.created", obj=evaluation,
               data={"carried_from": previous.pk if previous else None, "criteria": len(found)})
    return evaluation


@transaction.atomic
def update_cohort(*, evaluation: Evaluation, by: Any, expected_version: int, cohort_from: str, cohort_to: str,
                  cohort_note: str) -> list[str]:
    _check_cohort(cohort_from, cohort_to)
    values = {"cohort_from": cohort_from, "cohort_to": cohort_to, "cohort_note": cohort_note.strip()}
    changed = [k for k, v in values.items() if getattr(evaluation, k) != v]
    if not changed:
        return []
    evaluation.version = claim_next_version(Evaluation.objects.filter(school=evaluation.school_id),
                                            pk=evaluation.pk, expected_version=expected_version, message=STALE)
    for key, value in values.items():
        setattr(evaluation, key, value)
    evaluation.save(update_fields=[*changed, "version", "updated_at"])
    log_action(school=evaluation.school, user=by, action="evaluation.cohort_changed", obj=evaluation,
               data={"fields": changed})
    return changed


@transaction.atomic
def mark_benchmark(*, evaluation: Evaluation, by: Any, expected_version: int,
                   values: dict[int, tuple[str, str]]) -> int:
    """Confirm the statuses and evidence of some criteria (by criterion id); returns how many changed.

    Every criterion sent is confirmed, changed or not: the careers leader has looked at it.
    """
    marks = {m.criterion_id: m for m in Mark.objects.filter(school=evaluation.school_id, evaluation=evaluation,
                                                            criterion_id__in=list(values))}
    if set(marks) != set(values):
        raise ValidationError(_("A criterion is not part of this evaluation."))
    for status, _evidence in values.values():
        if status not in Status.values:
            raise ValidationError(_("Choose a status for every criterion."))
    evaluation.version = claim_next_version(Evaluation.objects.filter(school=evaluation.school_id),
                                            pk=evaluation.pk, expected_version=expected_version, message=STALE)
    changed = 0
    for criterion_id, (status, raw) in values.items():
        mark = marks[criterion_id]
        text = raw.strip()
        if mark.status != status or mark.evidence != text:
            changed += 1
            mark.from_suggestion = False
        mark.status, mark.evidence, mark.confirmed, mark.updated_by = status, text, True, by
        mark.save()
    log_action(school=evaluation.school, user=by, action="evaluation.marked", obj=evaluation,
               data={"criteria": sorted(values), "changed": changed})
    return changed


@transaction.atomic
def apply_suggestions(*, evaluation: Evaluation, by: Any, suggestions: dict[int, str]) -> int:
    """Fill unconfirmed marks with the suggested status (by criterion id); returns how many changed.

    A confirmed mark is never changed: the page shows where a suggestion differs from it instead.
    """
    changed = 0
    for mark in Mark.objects.filter(school=evaluation.school_id, evaluation=evaluation, confirmed=False,
                                    criterion_id__in=list(suggestions)):
        status = suggestions[mark.criterion_id]
        if status in Status.values and mark.status != status:
            mark.status, mark.from_suggestion, mark.updated_by = status, True, by
            mark.save(update_fields=["status", "from_suggestion", "updated_by", "updated_at"])
            changed += 1
    log_action(school=evaluation.school, user=by, action="evaluation.suggestions_applied", obj=evaluation,
               data={"changed": changed})
    return changed


# ## Action plan ###################################################################################

ACTION_FIELDS = ("benchmark", "description", "owner_member", "owner_text", "due_on", "done_on")


def _clean_action(action: Action) -> None:
    action.description = action.description.strip()
    action.owner_text = action.owner_text.strip()
    action.full_clean(exclude=["evaluation"])
    if action.benchmark.school_id != action.school_id:
        raise ValidationError({"benchmark": _("Choose one of your school's benchmarks.")})
    member: Membership | None = action.owner_member
    if member is not None and member.school_id != action.school_id:
        raise ValidationError({"owner_member": _("Choose a member of your school's staff.")})


@transaction.atomic
def create_action(*, school: School, by: Any, evaluation: Evaluation | None = None, **values: Any) -> Action:
    action = Action(school=school, evaluation=evaluation, **{k: v for k, v in values.items() if k in ACTION_FIELDS})
    _clean_action(action)
    action.save()
    log_action(school=school, user=by, action="evaluation_action.created", obj=action)
    return action


@transaction.atomic
def update_action(*, action: Action, by: Any, expected_version: int, **values: Any) -> list[str]:
    values = {k: v for k, v in values.items() if k in ACTION_FIELDS}
    changed = [k for k, v in values.items() if getattr(action, k) != v]
    if not changed:
        return []
    for key in changed:
        setattr(action, key, values[key])
    _clean_action(action)
    action.version = claim_next_version(Action.objects.filter(school=action.school_id), pk=action.pk,
                                        expected_version=expected_version, message=STALE_ACTION)
    action.save()
    log_action(school=action.school, user=by, action="evaluation_action.changed", obj=action,
               data={"fields": changed})
    return changed


@transaction.atomic
def set_action_done(*, action: Action, by: Any, done_on: dt.date | None) -> None:
    action.done_on = done_on
    action.version = claim_next_version(Action.objects.filter(school=action.school_id), pk=action.pk,
                                        expected_version=action.version, message=STALE_ACTION)
    action.save(update_fields=["done_on", "version", "updated_at"])
    log_action(school=action.school, user=by, action="evaluation_action.done" if done_on else
               "evaluation_action.reopened", obj=action)


@transaction.atomic
def delete_action(*, action: Action, by: Any) -> None:
    log_action(school=action.school, user=by, action="evaluation_action.deleted", obj=action)
    action.delete()
