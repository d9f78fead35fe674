"""Writes for events: the event itself, its stallholders, one-time feedback links and feedback.

An event is an activity of type "careers-event" with an `Event` beside it, so pupils' attendance
is recorded on the activity like any other, and the event shows on every pupil's timeline.
Stallholders are kept in step with the activity's providers, so the timeline and the PAL counts
see who the pupils met.

Feedback links are one-time addresses for people without an account. Only a sha256 hash of the
token is stored: the address is shown once when it is made and cannot be read back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roadahead.activities.models import Activity, ActivityType
from roadahead.activities.services import create_activity, ensure_activity_types, update_activity
from roadahead.audit.services import log_action
from roadahead.benchmarks.models import Benchmark
from roadahead.core.locking import claim_next_version
from roadahead.events.enums import Respondent
from roadahead.events.models import Event, Feedback, FeedbackLink, Stallholder
from roadahead.people.models import Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import School

EVENT_TYPE_CODE = "careers-event"
# Fields that live on the activity; the rest of an event's details live on `Event`.
EVENT_ACTIVITY_FIELDS = ("title", "date", "end_date", "purpose")
EVENT_OWN_FIELDS = ("invited", "families_attended")
FEEDBACK_FIELDS = ("rating", "liked", "improve", "next_steps")
MAX_VALID_DAYS = 365


class LinkRefused(ValidationError):
    """A feedback link that cannot be used: unknown, used already, or out of date.

    `reason` is "unknown", "used" or "expired"; the message is fit to show to the person who
    followed the link, and says nothing about the event.
    """

    def __init__(self, reason: str) -> None:
        messages = {
            "unknown": _("We cannot find this feedback link. Check that you copied all of it."),
            "used": _("This feedback link has already been used. Each link works once."),
            "expired": _("This feedback link is out of date."),
        }
        super().__init__(messages[reason], code=reason)
        self.reason = reason


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _event_type(school: School) -> ActivityType:
    ensure_activity_types(school=school)
    return ActivityType.objects.get(school=school, code=EVENT_TYPE_CODE)


def _check_school(school: School, items: Iterable[Any]) -> None:
    for item in items:
        if item is not None and item.school_id != school.pk:
            raise ValidationError(_("That belongs to another school."))


def _unique(providers: Iterable[Provider]) -> list[Provider]:
    seen: dict[int, Provider] = {}
    for provider in providers:
        seen.setdefault(provider.pk, provider)
    return list(seen.values())


def _set_stallholders(event: Event, providers: Sequence[Provider]) -> bool:
    """Make the stallholders exactly `providers`, keeping notes of those who stay. True if changed."""
    wanted = {p.pk for p in providers}
    current = set(Stallholder.objects.filter(school=event.school, event=event).values_list("provider_id", flat=True))
    if wanted == current:
        return False
    Stallholder.objects.filter(school=event.school, event=event).exclude(provider_id__in=wanted).delete()
    Stallholder.objects.bulk_create([Stallholder(school=event.school, event=event, provider=p)
                                     for p in providers if p.pk not in current])
    return True


@transaction.atomic
def create_event(*, school: School, by: Any, title: str, date: dt.date, end_date: dt.date | None = None,
                 stallholders: Sequence[Provider] = (), invited: str = "", families_attended: int = 0,
                 benchmarks: Sequence[Benchmark] | None = None, purpose: str = "") -> Event:
    """Create an event and the careers-event activity it is recorded on."""
    providers = _unique(stallholders)
    _check_school(school, providers)
    activity = create_activity(school=school, by=by, activity_type=_event_type(school), title=title, date=date,
                               end_date=end_date, purpose=purpose, providers=providers, benchmarks=benchmarks,
                               audit=False)
    event = Event(school=school, activity=activity, invited=invited, families_attended=families_attended)
    event.full_clean()
    event.save()
    _set_stallholders(event, providers)
    log_action(school=school, user=by, action="event.created", obj=event,
               data={"activity": activity.pk, "stallholders": len(providers)})
    return event


@transaction.atomic
def update_event(*, event: Event, by: Any, expected_version: int | None = None,
                 stallholders: Sequence[Provider] | None = None, **values: Any) -> list[str]:
    """Change an event; returns what changed. A stale `expected_version` (the activity's) is refused.

    `values` may hold the activity's title, date, end_date and purpose, and the event's invited
    and families_attended.
    """
    school = event.school
    activity = Activity.objects.select_related("activity_type", "school").get(school=school, pk=event.activity_id)
    providers = _unique(stallholders) if stallholders is not None else None
    _check_school(school, providers or [])
    activity_values = {k: v for k, v in values.items() if k in EVENT_ACTIVITY_FIELDS}
    changed = update_activity(activity=activity, by=by, expected_version=expected_version, providers=providers,
                              **activity_values)
    own = [name for name in EVENT_OWN_FIELDS if name in values and getattr(event, name) != values[name]]
    for name in own:
        setattr(event, name, values[name])
    if providers is not None and _set_stallholders(event, providers) and "providers" not in changed:
        changed.append("providers")
    if own:
        event.full_clean()
        event.save()
        if not changed and expected_version is not None:
            # update_activity only checks the version when the activity itself changed; a change to
            # the event's own fields must be refused from a stale form just the same.
            activity.version = claim_next_version(
                Activity.objects.filter(school=school), pk=activity.pk, expected_version=expected_version,
                message=_("Someone else changed this event while you were editing it. "
                          "Your changes have not been saved: reload the page to see theirs."))
    changed += own
    event.activity = activity
    if changed:
        log_action(school=school, user=by, action="event.changed", obj=event, data={"fields": changed})
    return changed


@transaction.atomic
def add_stallholder(*, event: Event, provider: Provider, by: Any, notes: str = "") -> Stallholder:
    """Add one stallholder (or change the notes of one already there)."""
    _check_school(event.school, [provider])
    stall, made = Stallholder.objects.get_or_create(school=event.school, event=event, provider=provider,
                                                    defaults={"notes": notes})
    if not made and notes != stall.notes:
        stall.notes = notes
        stall.full_clean(validate_unique=False)
        stall.save(update_fields=["notes"])
    event.activity.providers.add(provider)
    log_action(school=event.school, user=by, action="event.stallholder_added", obj=event,
               data={"provider": provider.pk})
    return stall


@transaction.atomic
def remove_stallholder(*, event: Event, provider: Provider, by: Any) -> bool:
    """Take a stallholder off the event. Returns False if they were not one."""
    removed, _detail = Stallholder.objects.filter(school=event.school, event=event, provider=provider).delete()
    if not removed:
        return False
    event.activity.providers.remove(provider)
    log_action(school=event.school, user=by, action="event.stallholder_removed", obj=event,
               data={"provider": provider.pk})
    return True


def _today_at(school: School, now: dt.datetime) -> dt.date:
    # The public form runs outside /s/<school>/, so the school's time zone is not active there.
    return timezone.localtime(now, zoneinfo.ZoneInfo(school.timezone)).date()


@transaction.atomic
def make_feedback_link(*, event: Event, respondent: str, label: str, by: Any, valid_days: int = 30,
                       today: dt.date | None = None) -> tuple[FeedbackLink, str]:
    """Make a one-time feedback link. Returns the link and the raw token, which is not kept.

    The link works to the end of the `valid_days`-th day after `today`, in the school's time zone.
    """
    if respondent not in Respondent.values:
        raise ValidationError({"respondent": _("Choose who the link is for.")})
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValidationError({"valid_days": _("A link can work for 1 to %(n)s days.") % {"n": MAX_VALID_DAYS}})
    today = today or _today_at(event.school, timezone.now())
    raw = secrets.token_urlsafe(32)
    link = FeedbackLink(school=event.school, event=event, respondent=respondent, label=label.strip(),
                        token_hash=hash_token(raw), expires_on=today + dt.timedelta(days=valid_days))
    link.full_clean()
    link.save()
    log_action(school=event.school, user=by, action="event.feedback_link_made", obj=link,
               data={"event": event.pk, "respondent": respondent})
    return link, raw


def find_link(*, token: str) -> FeedbackLink | None:
    """The link for a raw token, with its event and school; None if there is none.

    The caller opens the scope: the public form looks the link up with scopes disabled, then works
    inside the link's school.
    """
    if not token or len(token) > 100:
        return None
    return (FeedbackLink.objects.select_related("school", "event__activity")
            .filter(token_hash=hash_token(token)).first())


def check_link(link: FeedbackLink | None, *, now: dt.datetime) -> FeedbackLink:
    """Raise LinkRefused unless the link can be used at `now`."""
    if link is None:
        raise LinkRefused("unknown")
    if link.used_at is not None:
        raise LinkRefused("used")
    if link.expires_on < _today_at(link.school, now):
        raise LinkRefused("expired")
    return link


def _clean_feedback_values(data: dict[str, Any]) -> dict[str, Any]:
    values = {name: data.get(name) for name in FEEDBACK_FIELDS}
    for name in ("liked", "improve", "next_steps"):
        values[name] = (values[name] or "").strip()
    values["rating"] = values["rating"] or None
    if values["rating"] is None and not any(values[n] for n in ("liked", "improve", "next_steps")):
        raise ValidationError(_("Choose how useful it was or write something in one of the boxes."))
    return values


@transaction.atomic
def submit_feedback(*, link_token: str, data: dict[str, Any], now: dt.datetime | None = None) -> Feedback:
    """Save feedback given through a one-time link, and use the link up.

    A used, out-of-date or unknown link raises LinkRefused. Two submissions racing on the same link
    cannot both win: the link is claimed with one conditional UPDATE (used_at IS NULL), and the
    loser is refused as "used".
    """
    now = now or timezone.now()
    link = check_link(find_link(token=link_token), now=now)
    values = _clean_feedback_values(data)
    feedback = Feedback(school=link.school, event=link.event, respondent=link.respondent, link=link, **values)
    feedback.full_clean(exclude=["link"])
    claimed = FeedbackLink.objects.filter(school=link.school, pk=link.pk, used_at__isnull=True,
                                          expires_on__gte=_today_at(link.school, now)).update(used_at=now)
    if not claimed:
        raise LinkRefused("used")
    link.used_at = now
    feedback.save()
    log_action(school=link.school, user=None, action="event.feedback_given", obj=feedback,
               data={"event": link.event_id, "respondent": link.respondent, "link": link.pk})
    return feedback


@transaction.atomic
def enter_feedback(*, event: Event, by: Any, respondent: str, pupil: Pupil | None = None,
                   provider: Provider | None = None, rating: int | None = None, liked: str = "",
                   improve: str = "", next_steps: str = "") -> Feedback:
    """Save feedback a member of staff collected on paper, with symbols or by talking it through.

    The view offers only the pupils the member may see; this checks the school.
    """
    _check_school(event.school, [pupil, provider])
    if respondent not in Respondent.values:
        raise ValidationError({"respondent": _("Choose who gave the feedback.")})
    values = _clean_feedback_values({"rating": rating, "liked": liked, "improve": improve,
                                     "next_steps": next_steps})
    feedback = Feedback(school=event.school, event=event, respondent=respondent, pupil=pupil, provider=provider,
                        entered_by=by if getattr(by, "is_authenticated", False) else None, **values)
    feedback.full_clean()
    feedback.save()
    log_action(school=event.school, user=by, action="event.feedback_entered", obj=feedback,
               pupil_id=pupil.pk if pupil else None, data={"event": event.pk, "respondent": respondent})
    return feedback


@transaction.atomic
def add_feedback_to_profile(*, feedback: Feedback, by: Any) -> bool:
    """Mark a pupil's feedback as part of their career profile. False if it already was.

    For now this marks the feedback and writes an audit entry; the career profile itself arrives
    with the guidance and profile work, which will read the feedback marked here.
    """
    if feedback.pupil_id is None:
        raise ValidationError(_("Only feedback about a pupil can be added to a pupil's profile."))
    if not Feedback.objects.filter(school=feedback.school, pk=feedback.pk,
                                   added_to_profile=False).update(added_to_profile=True):
        return False
    feedback.added_to_profile = True
    log_action(school=feedback.school, user=by, action="event.feedback_added_to_profile", obj=feedback,
               pupil_id=feedback.pupil_id, data={"event": feedback.event_id})
    return True
