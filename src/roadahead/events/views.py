from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_scopes import scope, scopes_disabled

from roadahead.core.forms import add_validation_errors
from roadahead.events import rules, selectors, services
from roadahead.events.csrf import csrf_protect_without_referrer
from roadahead.events.enums import Respondent
from roadahead.events.forms import EventForm, MakeLinksForm, PublicFeedbackForm, StaffFeedbackForm
from roadahead.events.models import Event
from roadahead.people.decorators import school_view
from roadahead.people.selectors import pupils_visible_to
from roadahead.providers.models import Provider
from roadahead.schools.models import School


def _activity_url(name: str, school: School, pk: int) -> str | None:
    """The address of an activities page, or None while that page does not exist yet."""
    try:
        return reverse(name, kwargs={"school_slug": school.slug, "pk": pk})
    except NoReverseMatch:
        return None


@school_view(rules.can_view_events)
def event_list(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    return render(request, "events/list.html", {
        "upcoming": list(selectors.upcoming_events(school=school, today=today)),
        "past": list(selectors.past_events(school=school, today=today)),
        "can_manage": rules.can_manage_events(request.membership),  # type: ignore[attr-defined]
    })


def _provider_choices(school: School, event: Event | None) -> Any:
    """Providers still working with the school, and any already on this event's stalls."""
    chosen = [s.provider_id for s in event.stall_list] if event is not None else []  # type: ignore[attr-defined]
    return Provider.objects.filter(Q(is_active=True) | Q(pk__in=chosen), school=school).order_by("name", "id")


def _event_form_view(request: HttpRequest, event: Event | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    initial = None
    if event is not None:
        activity = event.activity
        initial = {"version": activity.version, "title": activity.title, "date": activity.date,
                   "end_date": activity.end_date, "purpose": activity.purpose, "invited": event.invited,
                   "families_attended": event.families_attended,
                   "stallholders": [s.provider_id for s in event.stall_list]}  # type: ignore[attr-defined]
    form = EventForm(request.POST or None, initial=initial, providers=_provider_choices(school, event))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in ("title", "date", "end_date", "purpose", "invited",
                                                 "families_attended")}
        try:
            if event is None:
                saved = services.create_event(school=school, by=request.user, stallholders=list(data["stallholders"]),
                                              **values)
            else:
                services.update_event(event=event, by=request.user, expected_version=data.get("version"),
                                      stallholders=list(data["stallholders"]), **values)
                saved = event
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(title)s is saved.") % {"title": values["title"]})
            return redirect("events:detail", school_slug=school.slug, pk=saved.pk)
    return render(request, "events/form.html", {"form": form, "event": event})


@school_view(rules.can_manage_events)
def event_create(request: HttpRequest) -> HttpResponse:
    return _event_form_view(request, None)


@school_view(rules.can_manage_events)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_detail(school=request.school, pk=pk)  # type: ignore[attr-defined]
    return _event_form_view(request, event)


@school_view(rules.can_view_events)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    event = selectors.event_detail(school=school, pk=pk)
    can_enter = rules.can_enter_feedback(membership)
    can_manage = rules.can_manage_events(membership)
    return render(request, "events/detail.html", {
        "event": event, "activity": event.activity,
        "pupils_came": selectors.pupils_who_came(event=event),
        "summary": selectors.feedback_summary(event=event),
        "pupil_feedback": selectors.pupil_feedback(event=event, membership=membership, day=today),
        "links": selectors.event_links(event=event) if can_manage else [],
        "today": today,
        "can_manage": can_manage, "can_enter": can_enter,
        # The recording screen belongs to the activities app; link to it only when it exists.
        "record_url": _activity_url("activities:record", school, event.activity_id) if can_enter else None,
        "activity_url": _activity_url("activities:detail", school, event.activity_id),
    })


@school_view(rules.can_manage_events)
@never_cache
def make_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Make one-time feedback links. Their addresses are shown on this response only, never again."""
    school = request.school  # type: ignore[attr-defined]
    event = selectors.event_detail(school=school, pk=pk)
    form = MakeLinksForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = []
        try:
            for _number in range(data["count"]):
                link, raw = services.make_feedback_link(event=event, respondent=data["respondent"],
                                                        label=data["label"], by=request.user,
                                                        valid_days=data["valid_days"], today=timezone.localdate())
                made.append((link, request.build_absolute_uri(reverse("feedback:form", kwargs={"token": raw}))))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            response = render(request, "events/links_made.html", {
                "event": event, "made": made, "respondent": Respondent(data["respondent"]).label,
                "expires_on": made[0][0].expires_on})
            # The addresses are the keys to the forms: keep them out of caches and referrers.
            response["Referrer-Policy"] = "no-referrer"
            return response
    return render(request, "events/make_links.html", {"form": form, "event": event})


@school_view(rules.can_enter_feedback)
def feedback_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff type in feedback collected on paper, with symbols or by talking it through."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    event = selectors.event_detail(school=school, pk=pk)
    pupils = pupils_visible_to(membership=membership, day=timezone.localdate()).order_by(
        "legal_surname", "legal_forename", "id")
    providers = Provider.objects.filter(school=school, pk__in=[s.provider_id for s in event.stall_list])  # type: ignore[attr-defined]
    form = StaffFeedbackForm(request.POST or None, pupils=pupils, providers=providers.order_by("name"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enter_feedback(event=event, by=request.user, respondent=data["respondent"], pupil=data["pupil"],
                                    provider=data["provider"], rating=data["rating"], liked=data["liked"],
                                    improve=data["improve"], next_steps=data["next_steps"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The feedback is saved."))
            if "another" in request.POST:
                return redirect("events:feedback_create", school_slug=school.slug, pk=event.pk)
            return redirect("events:detail", school_slug=school.slug, pk=event.pk)
    return render(request, "events/feedback_form.html", {"form": form, "event": event})


@require_POST
@school_view(rules.can_enter_feedback)
def add_to_profile(request: HttpRequest, pk: int, feedback_pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    event = selectors.event_detail(school=school, pk=pk)
    feedback = selectors.feedback_for_pupil(event=event, membership=membership, pk=feedback_pk,
                                            day=timezone.localdate())
    if services.add_feedback_to_profile(feedback=feedback, by=request.user):
        messages.success(request, _("%(name)s's feedback is added to their profile.")
                         % {"name": feedback.pupil.display_name})  # type: ignore[union-attr]
    else:
        messages.info(request, _("That feedback was already on their profile."))
    return redirect("events:detail", school_slug=school.slug, pk=event.pk)


def _private(response: HttpResponse) -> HttpResponse:
    # The token is in the address: no caching, and never pass the address on in a Referer header.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# The global CSRF middleware would refuse the form's POST (see events/csrf.py); this view runs the
# same check, adapted to the no-referrer policy its pages need.
@csrf_exempt
@csrf_protect_without_referrer
def public_feedback(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time feedback form, for people without an account. No sign-in; the link is the key.

    An unknown link is a 404 and a used or out-of-date one a 410; neither page says anything about
    the event. The page never shows pupil data.
    """
    if request.method not in {"GET", "POST"}:
        return _private(HttpResponse(status=405))
    now = timezone.now()
    # Outside /s/<school>/ no scope is open: find the link across schools by its hash, then work
    # inside its school only.
    with scopes_disabled():
        link = services.find_link(token=token)
    try:
        services.check_link(link, now=now)
    except services.LinkRefused as refused:
        return _refused(request, refused)
    assert link is not None
    with scope(school=link.school):
        form = PublicFeedbackForm(request.POST or None, respondent=link.respondent)
        if request.method == "POST" and form.is_valid():
            try:
                services.submit_feedback(link_token=token, data=form.cleaned_data, now=now)
            except services.LinkRefused as refused:
                return _refused(request, refused)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                return _private(render(request, "events/public_thanks.html", {
                    "respondent": link.respondent, "school_name": link.school.name}))
        return _private(render(request, "events/public_form.html", {
            "form": form, "wording": form.wording, "respondent": link.respondent,
            "event_title": link.event.activity.title, "event_date": link.event.activity.date,
            "school_name": link.school.name}))


def _refused(request: HttpRequest, refused: services.LinkRefused) -> HttpResponse:
    status = 404 if refused.reason == "unknown" else 410
    return _private(render(request, "events/public_refused.html", {"message": refused.messages[0],
                                                                   "reason": refused.reason}, status=status))
