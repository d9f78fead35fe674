"""Writes to transition visits and pairs.

Each visit is created with its activity through the activities services (a "transition-visit"
activity unless another type is chosen), so pupils' attendance and responses are recorded on the
normal recording screen and counted by the standing engine. An individual visit records its one
pupil's participation here, from its own form. Every service validates with full_clean, runs in
one transaction and writes one audit entry naming records and fields, never what a pupil said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.activities import services as activity_services
from roadahead.activities.enums import Attendance, Setting
from roadahead.activities.models import Activity, ActivityType
from roadahead.audit.services import log_action
from roadahead.core.locking import claim_next_version
from roadahead.people.models import Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import School
from roadahead.transition.enums import PAIR_KINDS, VisitKind
from roadahead.transition.models import TransitionPair, TransitionVisit

TRANSITION_TYPE = "transition-visit"
PAIR_FIELDS = ("title", "purpose")
VISIT_FIELDS = ("companions", "companions_note", "next_steps")
RESPONSE_FIELDS = ("attendance", "engagement", "reaction", "response", "response_method", "staff_note")
STALE = _("Someone else changed this while you were editing it. Your changes have not been saved: "
          "reload the page to see theirs.")


@dataclass
class HalfInput:
    """One half of a pair as the form or the API gives it."""

    date: dt.date
    activity_type: ActivityType | None = None
    people_met: str = ""


@dataclass
class PupilResponse:
    """What one pupil made of an individual visit: stored on their participation."""

    attendance: str = Attendance.ATTENDED
    engagement: int | None = None
    reaction: str = ""
    response: str = ""
    response_method: str = ""
    staff_note: str = ""


def transition_type(school: School) -> ActivityType:
    kind = ActivityType.objects.filter(school=school, code=TRANSITION_TYPE).first()
    if kind is None:
        # A school whose programme file dropped the type: the visit must still count, so make
        # the default types rather than refuse.
        activity_services.ensure_activity_types(school=school)
        kind = ActivityType.objects.get(school=school, code=TRANSITION_TYPE)
    return kind


def _check_school(school: School, *items: Any) -> None:
    for item in items:
        if item is not None and item.school_id != school.pk:
            raise ValidationError(_("That belongs to another school."))


def _half_values(kind: str, provider: Provider, purpose: str, half: HalfInput) -> dict[str, Any]:
    if kind == VisitKind.IN_SCHOOL:
        title = _("%(provider)s visits school") % {"provider": provider.name}
        setting = Setting.ON_SITE
    else:
        title = _("Visit to %(provider)s") % {"provider": provider.name}
        setting = Setting.OFF_SITE
    return {"title": title[:200], "date": half.date, "setting": setting, "people_met": half.people_met.strip(),
            "purpose": purpose}


def _add_half(pair: TransitionPair, kind: str, half: HalfInput, by: Any) -> TransitionVisit:
    school = pair.school
    activity_type = half.activity_type or transition_type(school)
    _check_school(school, activity_type)
    activity = activity_services.create_activity(
        school=school, by=by, activity_type=activity_type, providers=[pair.provider], audit=False,
        **_half_values(kind, pair.provider, pair.purpose, half))
    visit = TransitionVisit(school=school, kind=kind, pair=pair, provider=pair.provider, activity=activity,
                            recorded_by=by if getattr(by, "is_authenticated", False) else None)
    visit.full_clean(exclude=["activity"])
    visit.save()
    return visit


@transaction.atomic
def create_pair(*, school: School, by: Any, provider: Provider, pupils: Sequence[Pupil], title: str = "",
                purpose: str = "", in_school: HalfInput | None = None,
                at_provider: HalfInput | None = None) -> TransitionPair:
    """A provider's visit to school and the pupils' visit to it, each as an activity to record.

    Either half may wait until its date is known (add it later with `add_half`), but not both.
    """
    _check_school(school, provider, *pupils)
    if in_school is None and at_provider is None:
        raise ValidationError(_("Give the date of at least one of the two visits."))
    if not pupils:
        raise ValidationError({"pupils": _("Choose the pupils the provider may suit.")})
    title = title.strip() or _("Transition visits: %(provider)s") % {"provider": provider.name}
    pair = TransitionPair(school=school, provider=provider, title=title[:200],
                          purpose=purpose.strip(), created_by=by if getattr(by, "is_authenticated", False) else None)
    pair.full_clean()
    pair.save()
    pair.pupils.set(pupils)
    for kind, half in ((VisitKind.IN_SCHOOL, in_school), (VisitKind.AT_PROVIDER, at_provider)):
        if half is not None:
            _add_half(pair, kind, half, by)
    log_action(school=school, user=by, action="transition_pair.created", obj=pair, data={"pupils": len(pupils)})
    return pair


@transaction.atomic
def add_half(*, pair: TransitionPair, by: Any, kind: str, half: HalfInput) -> TransitionVisit:
    """Add the half of a pair whose date was not known when the pair was set up."""
    if kind not in PAIR_KINDS:
        raise ValidationError(_("Choose the provider's visit to school or the pupils' visit to the provider."))
    if TransitionVisit.objects.filter(school=pair.school, pair=pair, kind=kind).exists():
        raise ValidationError(_("This pair already has that visit."))
    visit = _add_half(pair, kind, half, by)
    log_action(school=pair.school, user=by, action="transition_pair.half_added", obj=pair, data={"kind": kind})
    return visit


@transaction.atomic
def update_pair(*, pair: TransitionPair, by: Any, expected_version: int | None = None,
                pupils: Sequence[Pupil] | None = None, **values: Any) -> list[str]:
    """Change the title, purpose or group; returns what changed. A stale version is refused."""
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items() if k in PAIR_FIELDS}
    changed = [name for name in PAIR_FIELDS if name in values and getattr(pair, name) != values[name]]
    if pupils is not None:
        _check_school(pair.school, *pupils)
        if not pupils:
            raise ValidationError({"pupils": _("Choose the pupils the provider may suit.")})
        if {p.pk for p in pupils} != set(pair.pupils.values_list("pk", flat=True)):
            changed.append("pupils")
    if not changed:
        return []
    for name in changed:
        if name in values:
            setattr(pair, name, values[name])
    pair.full_clean()
    if expected_version is not None:
        pair.version = claim_next_version(TransitionPair.objects.filter(school=pair.school), pk=pair.pk,
                                          expected_version=expected_version, message=STALE)
    else:
        pair.version += 1
    pair.save()
    if "pupils" in changed:
        pair.pupils.set(pupils or [])
    if "purpose" in changed:
        for visit in TransitionVisit.objects.filter(school=pair.school, pair=pair).select_related("activity"):
            activity_services.update_activity(activity=visit.activity, by=by, purpose=pair.purpose)
    log_action(school=pair.school, user=by, action="transition_pair.changed", obj=pair, data={"fields": changed})
    return changed


@transaction.atomic
def delete_pair(*, pair: TransitionPair, by: Any) -> None:
    """Delete a pair with both its visits: their activities and everything recorded on them."""
    visits = list(TransitionVisit.objects.filter(school=pair.school, pair=pair).select_related("activity"))
    log_action(school=pair.school, user=by, action="transition_pair.deleted", obj=pair, data={"visits": len(visits)})
    for visit in visits:
        activity_services.delete_activity(activity=visit.activity, by=by)
    pair.delete()


# ## Individual visits ##########################################################################
def _individual_activity_values(provider: Provider, date: dt.date) -> dict[str, Any]:
    # No pupil's name in the title: activities are listed to every member of staff.
    return {"title": (_("Individual transition visit to %(provider)s") % {"provider": provider.name})[:200],
            "date": date, "setting": Setting.OFF_SITE}


def _record_response(visit: TransitionVisit, pupil: Pupil, response: PupilResponse, by: Any) -> None:
    values = {name: getattr(response, name) for name in RESPONSE_FIELDS}
    for name in ("response", "staff_note"):
        values[name] = (values[name] or "").strip()
    activity_services.record_participations(
        activity=visit.activity, by=by, audit=False, remove_others=True,
        entries=[activity_services.ParticipationInput(pupil=pupil, **values)])


def _tidy_visit(values: dict[str, Any]) -> dict[str, Any]:
    tidy = {k: v for k, v in values.items() if k in VISIT_FIELDS}
    for name, value in tidy.items():
        if isinstance(value, str):
            tidy[name] = value.strip()
    if "companions" in tidy:
        tidy["companions"] = list(dict.fromkeys(tidy["companions"] or []))
    return tidy


@transaction.atomic
def record_individual_visit(*, school: School, pupil: Pupil, by: Any, provider: Provider, date: dt.date,
                            response: PupilResponse | None = None, activity_type: ActivityType | None = None,
                            **values: Any) -> TransitionVisit:
    """One pupil's visit to a provider: who went, what the pupil thought, next steps.

    Also records the visit as an activity with the pupil's participation (attendance,
    engagement, how they felt, their words), so it counts for standing like any other.
    Who may record for which pupil is for the caller to check (rules and selectors).
    """
    activity_type = activity_type or transition_type(school)
    _check_school(school, pupil, provider, activity_type)
    visit = TransitionVisit(school=school, kind=VisitKind.INDIVIDUAL, pupil=pupil, provider=provider,
                            recorded_by=by if getattr(by, "is_authenticated", False) else None,
                            **_tidy_visit(values))
    visit.full_clean(exclude=["activity"])
    visit.activity = activity_services.create_activity(
        school=school, by=by, activity_type=activity_type, providers=[provider], audit=False,
        **_individual_activity_values(provider, date))
    visit.save()
    _record_response(visit, pupil, response or PupilResponse(), by)
    log_action(school=school, user=by, action="transition_visit.recorded", obj=visit, pupil_id=pupil.pk)
    return visit


@transaction.atomic
def update_individual_visit(*, visit: TransitionVisit, by: Any, expected_version: int | None = None,
                            provider: Provider | None = None, date: dt.date | None = None,
                            response: PupilResponse | None = None, **values: Any) -> list[str]:
    """Change an individual visit and the pupil's response; returns what changed."""
    if not visit.is_individual or visit.pupil is None:
        raise ValidationError(_("Only an individual visit is changed here; record a pair's visits on the "
                                "recording screen."))
    school = visit.school
    _check_school(school, provider)
    values = _tidy_visit(values)
    changed = [name for name in VISIT_FIELDS if name in values and getattr(visit, name) != values[name]]
    for name in changed:
        setattr(visit, name, values[name])
    if provider is not None and provider.pk != visit.provider_id:
        visit.provider = provider
        changed.append("provider")
    activity = Activity.objects.get(school=school, pk=visit.activity_id)
    wanted = _individual_activity_values(visit.provider, date or activity.date)
    if date is not None and date != activity.date:
        changed.append("date")
    if response is not None:
        current = activity.participations.filter(pupil=visit.pupil).first()
        now = {name: getattr(current, name) for name in RESPONSE_FIELDS} if current else {}
        given = {name: getattr(response, name) for name in RESPONSE_FIELDS}
        given["response"], given["staff_note"] = given["response"].strip(), given["staff_note"].strip()
        if now != given:
            changed.append("response")
    if not changed:
        return []
    visit.full_clean(exclude=["activity"])
    if expected_version is not None:
        visit.version = claim_next_version(TransitionVisit.objects.filter(school=school), pk=visit.pk,
                                           expected_version=expected_version, message=STALE)
    else:
        visit.version += 1
    visit.save()
    if "date" in changed or "provider" in changed:
        activity_services.update_activity(activity=activity, by=by, providers=[visit.provider], **wanted)
    if response is not None and "response" in changed:
        _record_response(visit, visit.pupil, response, by)
    log_action(school=school, user=by, action="transition_visit.changed", obj=visit, pupil_id=visit.pupil_id,
               data={"fields": changed})
    return changed


@transaction.atomic
def delete_visit(*, visit: TransitionVisit, by: Any) -> None:
    """Delete one visit (an individual one, or one half of a pair) with its activity."""
    log_action(school=visit.school, user=by, action="transition_visit.deleted", obj=visit,
               pupil_id=visit.pupil_id, data={"kind": visit.kind})
    activity = Activity.objects.get(school=visit.school, pk=visit.activity_id)
    activity_services.delete_activity(activity=activity, by=by)
