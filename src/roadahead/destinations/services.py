"""Recording destinations and check-ins, and judging each destination against the pupil's pathway.

Every write: keyword-only arguments, `full_clean`, one transaction, one audit entry. The clock is
never read here: callers pass the day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core.locking import claim_next_version
from roadahead.destinations import scheduling
from roadahead.destinations.enums import CheckInStatus
from roadahead.destinations.models import CHECK_IN_YEARS, NEWEST_FIRST, CheckIn, Destination, RetentionPolicy
from roadahead.destinations.nccis import DEFAULT_CATEGORIES
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import DestinationCategory, Pathway, School
from roadahead.schools.selectors import academic_year_start_on

DESTINATION_FIELDS = ("category", "provider", "start_date", "notes")


def ensure_default_categories(*, school: School) -> int:
    """Give a school with no destination categories Road Ahead's default list. Returns how many were added."""
    if DestinationCategory.objects.filter(school=school).exists():
        return 0
    DestinationCategory.objects.bulk_create([
        DestinationCategory(school=school, code=c.code, name=c.name, nccis_code=c.nccis_code, order=order)
        for order, c in enumerate(DEFAULT_CATEGORIES, start=1)])
    return len(DEFAULT_CATEGORIES)


def leaving_year(*, school: School, pupil: Pupil) -> int | None:
    """The start year of the academic year the pupil left in (31 August ends one, 1 September starts the next)."""
    if pupil.date_left is None:
        return None
    return academic_year_start_on(school=school, day=pupil.date_left)


def last_pathway(*, school: School, pupil: Pupil) -> Pathway | None:
    """The pathway of the pupil's latest enrolment that had one: the aspiration they left school with."""
    enrolment = (Enrolment.objects.filter(school=school, pupil=pupil, pathway__isnull=False)
                 .select_related("pathway").order_by("-academic_year__start_year").first())
    return enrolment.pathway if enrolment else None


def judge_in_keeping(*, pathway: Pathway | None, category: DestinationCategory) -> bool | None:
    """Whether the category is one of the pathway's destinations in keeping with its vision; None without a pathway."""
    if pathway is None:
        return None
    return pathway.in_keeping_destinations.filter(pk=category.pk).exists()


def _check(*, school: School, pupil: Pupil, category: DestinationCategory | None, provider: Provider | None,
           start_date: dt.date | None) -> None:
    errors: dict[str, str] = {}
    if pupil.school_id != school.pk:
        raise ValidationError(_("That pupil is not in this school."))
    if pupil.date_left is None:
        errors["category"] = _("Record a destination once the pupil has left: give their leaving date first.")
    if category is None:
        errors["category"] = _("Choose a destination.")
    elif category.school_id != school.pk:
        errors["category"] = _("Choose one of your school's destinations.")
    if provider is not None and provider.school_id != school.pk:
        errors["provider"] = _("Choose a provider from your school's directory.")
    if start_date is not None and pupil.date_left is not None and start_date < pupil.date_left - dt.timedelta(days=366):
        errors["start_date"] = _("The start date is more than a year before the pupil left.")
    if errors:
        raise ValidationError(errors)


def schedule_check_ins(*, school: School, pupil: Pupil) -> list[CheckIn]:
    """Make sure the pupil has their three check-ins; move the dates of those not done if the leaving day changed."""
    if pupil.date_left is None:
        return []
    wanted = scheduling.check_in_dates(pupil.date_left, CHECK_IN_YEARS)
    existing = {c.number: c for c in CheckIn.objects.filter(school=school, pupil=pupil)}
    result = []
    for number, due_on in wanted.items():
        check_in = existing.get(number)
        if check_in is None:
            check_in = CheckIn(school=school, pupil=pupil, number=number, due_on=due_on)
            check_in.full_clean()
            check_in.save()
        elif check_in.done_on is None and check_in.due_on != due_on:
            check_in.due_on = due_on
            check_in.save(update_fields=["due_on", "updated_at"])
        result.append(check_in)
    return result


def _new_destination(*, school: School, pupil: Pupil, member: Membership | None, category: DestinationCategory,
                     provider: Provider | None, start_date: dt.date | None, notes: str) -> Destination:
    _check(school=school, pupil=pupil, category=category, provider=provider, start_date=start_date)
    pathway = last_pathway(school=school, pupil=pupil)
    destination = Destination(school=school, pupil=pupil, category=category, provider=provider,
                              start_date=start_date, notes=notes.strip(), pathway=pathway,
                              in_keeping_auto=judge_in_keeping(pathway=pathway, category=category),
                              recorded_by=member)
    destination.full_clean()
    destination.save()
    return destination


def record_destination(*, school: School, pupil: Pupil, user: Any, member: Membership | None,
                       category: DestinationCategory | None, provider: Provider | None = None,
                       start_date: dt.date | None = None, notes: str = "") -> Destination:
    """Record where a leaver went, judge it against their last pathway and schedule their check-ins."""
    _check(school=school, pupil=pupil, category=category, provider=provider, start_date=start_date)
    assert category is not None
    with transaction.atomic():
        destination = _new_destination(school=school, pupil=pupil, member=member, category=category,
                                       provider=provider, start_date=start_date, notes=notes)
        schedule_check_ins(school=school, pupil=pupil)
        log_action(school=school, user=user, action="destination.recorded", obj=destination, pupil_id=pupil.pk,
                   data={"category": category.code})
    return destination


def update_destination(*, destination: Destination, user: Any, expected_version: int,
                       category: DestinationCategory | None, provider: Provider | None = None,
                       start_date: dt.date | None = None, notes: str = "") -> Destination:
    """Correct a destination. Refused if someone else saved it since it was opened."""
    school, pupil = destination.school, destination.pupil
    _check(school=school, pupil=pupil, category=category, provider=provider, start_date=start_date)
    assert category is not None
    with transaction.atomic():
        destination.version = claim_next_version(
            Destination.objects.filter(school=school), pk=destination.pk, expected_version=expected_version,
            message=_("Someone else changed this destination while you were editing it. Check it and try again."))
        changed = [name for name, value in (("category", category), ("provider", provider),
                                            ("start_date", start_date), ("notes", notes.strip()))
                   if getattr(destination, name) != value]
        destination.category, destination.provider = category, provider
        destination.start_date, destination.notes = start_date, notes.strip()
        destination.in_keeping_auto = judge_in_keeping(pathway=destination.pathway, category=category)
        destination.full_clean()
        destination.save()
        log_action(school=school, user=user, action="destination.changed", obj=destination, pupil_id=pupil.pk,
                   data={"fields": changed})
    return destination


def override_in_keeping(*, destination: Destination, user: Any, in_keeping: bool | None, reason: str) -> Destination:
    """Staff overrule the automatic judgement (or, with None, go back to it). A reason is required."""
    reason = reason.strip()
    if in_keeping is not None and not reason:
        raise ValidationError({"override_reason": _("Say why, so others can see how it was judged.")})
    with transaction.atomic():
        destination.in_keeping_override = in_keeping
        destination.override_reason = reason if in_keeping is not None else ""
        destination.version += 1
        destination.full_clean()
        destination.save()
        log_action(school=destination.school, user=user, action="destination.in_keeping_overridden",
                   obj=destination, pupil_id=destination.pupil_id,
                   data={"in_keeping": in_keeping, "automatic": destination.in_keeping_auto})
    return destination


def current_destination(*, school: School, pupil: Pupil) -> Destination | None:
    return (Destination.objects.filter(school=school, pupil=pupil)
            .order_by(*NEWEST_FIRST).select_related("category").first())


def record_check_in(*, check_in: CheckIn, user: Any, member: Membership | None, done_on: dt.date | None,
                    status: str, sustained: bool | None, notes: str = "",
                    new_category: DestinationCategory | None = None, new_provider: Provider | None = None,
                    new_start_date: dt.date | None = None, today: dt.date) -> CheckIn:
    """Record what a check-in found. 'Changed' records the new destination too."""
    school, pupil = check_in.school, check_in.pupil
    errors: dict[str, str] = {}
    if done_on is None:
        errors["done_on"] = _("Give the date you checked.")
    elif done_on > today:
        errors["done_on"] = _("The date must be today or in the past.")
    elif pupil.date_left is not None and done_on < pupil.date_left:
        errors["done_on"] = _("The date must be after the pupil left.")
    if status not in CheckInStatus.values:
        errors["status"] = _("Say what you found.")
    if status == CheckInStatus.CHANGED and new_category is None:
        errors["new_category"] = _("Choose the new destination.")
    if status == CheckInStatus.NOT_KNOWN:
        sustained = None
    elif sustained is None and status:
        errors["sustained"] = _("Say whether the destination has been sustained.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        check_in.destination = current_destination(school=school, pupil=pupil)
        check_in.new_destination = None
        if status == CheckInStatus.CHANGED:
            assert new_category is not None
            check_in.new_destination = _new_destination(
                school=school, pupil=pupil, member=member, category=new_category, provider=new_provider,
                start_date=new_start_date, notes="")
        check_in.done_on, check_in.status, check_in.sustained = done_on, status, sustained
        check_in.notes, check_in.recorded_by = notes.strip(), member
        check_in.full_clean()
        check_in.save()
        log_action(school=school, user=user, action="destination.check_in_recorded", obj=check_in,
                   pupil_id=pupil.pk, data={"number": check_in.number, "status": status, "sustained": sustained})
    return check_in


def retention_years(*, school: School) -> int:
    policy = RetentionPolicy.objects.filter(school=school).first()
    return policy.years_after_leaving if policy else RetentionPolicy._meta.get_field("years_after_leaving").default


def set_retention_years(*, school: School, user: Any, years: int) -> RetentionPolicy:
    with transaction.atomic():
        policy = RetentionPolicy.objects.filter(school=school).first() or RetentionPolicy(school=school)
        before = policy.years_after_leaving if policy.pk else None
        policy.years_after_leaving = years
        policy.full_clean()
        policy.save()
        log_action(school=school, user=user, action="retention.schedule_changed", obj=policy,
                   data={"years_after_leaving": years, "before": before})
    return policy
