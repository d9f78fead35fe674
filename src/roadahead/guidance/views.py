"""Guidance meeting pages: a pupil's meetings, recording and changing one, and the lists of what is due.

Every page resolves the pupil through guidance selectors built on pupils_visible_to, so an
adviser reaches only their assigned pupils (anyone else is a 404) and governors reach none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.audit.services import log_action
from roadahead.core.downloads import csv_response
from roadahead.core.forms import add_validation_errors
from roadahead.guidance import rules, selectors, services
from roadahead.guidance.forms import ActionFilterForm, ActionFormSet, DoneForm, MeetingFilterForm, MeetingForm
from roadahead.guidance.models import GuidanceMeeting
from roadahead.people.decorators import school_view
from roadahead.people.enums import Role
from roadahead.people.models import Pupil
from roadahead.schools.selectors import academic_year_start_on, class_groups


# ## A pupil's meetings ##############################################################################
@school_view(rules.can_view_guidance)
def pupil_meetings(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    pupil = selectors.guidance_pupil(membership=membership, pk=pupil_pk, day=timezone.localdate())
    meetings = selectors.meetings_for_pupil(school=school, pupil=pupil)
    log_action(school=school, user=request.user, action="guidance.pupil_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "guidance/pupil.html", {
        "pupil": pupil, "meetings": meetings, "today": timezone.localdate(),
        "can_record": rules.can_record_guidance(membership),
        "can_mark": rules.can_mark_actions(membership)})


@school_view()
def pupil_section(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    """The pupil page's guidance summary, loaded by htmx so the pupil page's queries stay fixed.

    Members without guidance access get an empty answer rather than a 403, since the pupil page
    asks for it for everyone who may see the pupil.
    """
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    if not rules.can_view_guidance(membership):
        return HttpResponse("")
    today = timezone.localdate()
    pupil = selectors.guidance_pupil(membership=membership, pk=pupil_pk, day=today)
    summary = selectors.pupil_summary(school=school, pupil=pupil)
    log_action(school=school, user=request.user, action="guidance.summary_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "guidance/section_fragment.html", {
        "pupil": pupil, "summary": summary, "today": today, "can_record": rules.can_record_guidance(membership)})


# ## Recording and changing ##########################################################################
def _action_inputs(formset: Any) -> list[services.ActionInput]:
    inputs = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not (data.get("description") or "").strip():
            continue
        inputs.append(services.ActionInput(
            pk=data.get("id"), description=data["description"], owner_member=data.get("owner_member"),
            owner_text=data.get("owner_text") or "", due_on=data.get("due_on"), done_on=data.get("done_on")))
    return inputs


def _meeting_form_view(request: HttpRequest, pupil: Pupil, meeting: GuidanceMeeting | None) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    chooses_adviser = membership.role != Role.ADVISER
    advisers = selectors.advisers(school=school) if chooses_adviser else None
    staff = selectors.staff(school=school)
    if meeting is None:
        initial: dict[str, Any] = {"date": timezone.localdate(), "mode": "in_person", "advocate": "none"}
        if advisers is not None:
            # The careers leader usually records for the school's adviser.
            first_adviser = next((m for m in advisers if m.role == Role.ADVISER), None)
            initial["adviser"] = (first_adviser or membership).pk
        action_initial: list[dict[str, Any]] = []
    else:
        initial = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
        initial["adviser"] = meeting.adviser_id
        initial["adviser_independent"] = "yes" if meeting.adviser_independent else "no"
        initial["version"] = meeting.version
        action_initial = [{"id": a.pk, "description": a.description, "owner_member": a.owner_member_id,
                           "owner_text": a.owner_text, "due_on": a.due_on, "done_on": a.done_on}
                          for a in meeting.actions.all()]
    form = MeetingForm(request.POST or None, initial=initial, advisers=advisers)
    formset = ActionFormSet(request.POST or None, initial=action_initial, staff=staff, prefix="actions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        values = form.meeting_values()
        if not chooses_adviser:
            # Advisers record the meetings they held, whatever the form was sent with.
            values["adviser"] = membership
        actions = _action_inputs(formset)
        try:
            if meeting is None:
                saved = services.record_meeting(school=school, pupil=pupil, by=request.user, actions=actions,
                                                **values)
            else:
                if values["adviser_qualification"] is None or values["adviser_independent"] is None:
                    defaults = services.adviser_defaults(values.get("adviser") or meeting.adviser)
                    for name in ("adviser_qualification", "adviser_independent"):
                        if values[name] is None:
                            values[name] = defaults[name]
                services.update_meeting(meeting=meeting, by=request.user, actions=actions,
                                        expected_version=form.cleaned_data.get("version"), **values)
                saved = meeting
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The guidance meeting is saved."))
            return redirect("guidance:detail", school_slug=school.slug, pk=saved.pk)
    return render(request, "guidance/form.html", {
        "form": form, "formset": formset, "pupil": pupil, "meeting": meeting})


@school_view(rules.can_record_guidance)
def record_meeting(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    pupil = selectors.guidance_pupil(membership=request.membership, pk=pupil_pk,  # type: ignore[attr-defined]
                                     day=timezone.localdate())
    return _meeting_form_view(request, pupil, None)


def _meeting(request: HttpRequest, pk: int) -> GuidanceMeeting:
    return selectors.meeting_detail(membership=request.membership, pk=pk,  # type: ignore[attr-defined]
                                    day=timezone.localdate())


@school_view(rules.can_view_guidance)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    meeting = _meeting(request, pk)
    log_action(school=school, user=request.user, action="guidance_meeting.viewed", obj=meeting,
               pupil_id=meeting.pupil_id)
    return render(request, "guidance/detail.html", {
        "meeting": meeting, "pupil": meeting.pupil, "today": timezone.localdate(),
        "can_change": rules.can_change_meeting(membership, meeting),
        "can_delete": rules.can_delete_meeting(membership), "can_mark": rules.can_mark_actions(membership)})


@school_view(rules.can_record_guidance)
def edit_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not rules.can_change_meeting(request.membership, meeting):  # type: ignore[attr-defined]
        raise PermissionDenied
    return _meeting_form_view(request, meeting.pupil, meeting)


@school_view(rules.can_delete_meeting)
def delete_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if request.method == "POST":
        pupil = meeting.pupil
        services.delete_meeting(meeting=meeting, by=request.user)
        messages.success(request, _("The guidance meeting is deleted."))
        return redirect("guidance:pupil", school_slug=request.school.slug, pupil_pk=pupil.pk)  # type: ignore[attr-defined]
    return render(request, "guidance/delete.html", {"meeting": meeting, "pupil": meeting.pupil})


@require_POST
@school_view(rules.can_mark_actions)
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an action done today (or on the date sent), or not done with `undo`."""
    today = timezone.localdate()
    action = selectors.action_detail(membership=request.membership, pk=pk, day=today)  # type: ignore[attr-defined]
    if request.POST.get("undo"):
        services.set_action_done(action=action, by=request.user, done_on=None)
        messages.success(request, _("The action is marked not done."))
    else:
        form = DoneForm(request.POST if request.POST.get("done_on") else {"done_on": today.strftime("%d/%m/%Y")})
        if form.is_valid():
            services.set_action_done(action=action, by=request.user, done_on=form.cleaned_data["done_on"])
            messages.success(request, _("The action is marked done."))
        else:
            messages.error(request, _("Give the date it was done, for example 14/03/2026."))
    back = request.POST.get("next", "")
    if back == "actions":
        return redirect("guidance:actions", school_slug=request.school.slug)  # type: ignore[attr-defined]
    return redirect("guidance:detail", school_slug=request.school.slug,  # type: ignore[attr-defined]
                    pk=action.meeting_id)


# ## Lists ###########################################################################################
def _list_context(request: HttpRequest, *, with_weeks: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    advisers = list(selectors.advisers(school=school))
    groups = list(class_groups(school=school, start_year=academic_year_start_on(school=school, day=today)))
    form = MeetingFilterForm(request.GET or None, advisers=advisers, class_groups=groups, with_weeks=with_weeks)
    return {"form": form, "today": today, "can_record": rules.can_record_guidance(membership)}, form.values()


def _filters(values: dict[str, Any]) -> selectors.MeetingFilters:
    return selectors.MeetingFilters(adviser=values.get("adviser"), nc_year=values.get("year") or "",
                                    class_group=values.get("class_group"))


@school_view(rules.can_view_guidance)
def due_list(request: HttpRequest) -> HttpResponse:
    context, values = _list_context(request, with_weeks=True)
    weeks = values.get("weeks") or 4
    rows = selectors.meetings_due(membership=request.membership, day=context["today"],  # type: ignore[attr-defined]
                                  weeks=weeks, filters=_filters(values))
    log_action(school=request.school, user=request.user, action="guidance.due_listed",  # type: ignore[attr-defined]
               data={"count": len(rows)})
    return render(request, "guidance/due_list.html", {
        **context, "rows": rows, "weeks": weeks, "until": context["today"] + dt.timedelta(weeks=weeks),
        "tab": "due"})


@school_view(rules.can_view_guidance)
def overdue_list(request: HttpRequest) -> HttpResponse:
    context, values = _list_context(request, with_weeks=False)
    rows = selectors.meetings_overdue(membership=request.membership, day=context["today"],  # type: ignore[attr-defined]
                                      filters=_filters(values))
    log_action(school=request.school, user=request.user, action="guidance.overdue_listed",  # type: ignore[attr-defined]
               data={"count": len(rows)})
    return render(request, "guidance/due_list.html", {**context, "rows": rows, "tab": "overdue"})


@school_view(rules.can_view_guidance)
def action_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    form = ActionFilterForm(request.GET or None, staff=list(selectors.staff(school=school)),
                            advisers=list(selectors.advisers(school=school)))
    values = form.values()
    rows = selectors.outstanding_actions(membership=membership, day=today, filters=selectors.ActionFilters(
        owner=values.get("owner"), due=values.get("due") or "", adviser=values.get("adviser")))
    log_action(school=school, user=request.user, action="guidance.actions_listed", data={"count": len(rows)})
    return render(request, "guidance/action_list.html", {
        "form": form, "rows": rows, "today": today, "tab": "actions",
        "can_mark": rules.can_mark_actions(membership)})


EXPORT_COLUMNS = ("upn", "forename", "surname", "date", "adviser", "adviser_qualification", "adviser_independent",
                  "mode", "advocate", "communication", "support_notes", "pupil_words", "discussed", "next_due",
                  "actions")


def _action_text(action: Any) -> str:
    owner = action.owner_member.user.display_name if action.owner_member else action.owner_text or "-"
    due = f", due {action.due_on.isoformat()}" if action.due_on else ""
    done = f", done {action.done_on.isoformat()}" if action.done_on else ""
    return f"{action.description} ({owner}{due}{done})"


@school_view(rules.can_view_guidance)
def export_meetings(request: HttpRequest) -> HttpResponse:
    """Every guidance meeting the member may read, as CSV (cells safe from formula injection)."""
    rows = [(m.pupil.upn, m.pupil.preferred_forename or m.pupil.legal_forename,
             m.pupil.preferred_surname or m.pupil.legal_surname, m.date.isoformat(),
             m.adviser.user.display_name if m.adviser else "", m.get_adviser_qualification_display(),
             "yes" if m.adviser_independent else "no", m.get_mode_display(), m.get_advocate_display(),
             "; ".join(m.communication or []), m.support_notes, m.pupil_words, m.discussed,
             m.next_due.isoformat() if m.next_due else "", "; ".join(_action_text(a) for a in m.actions.all()))
            for m in selectors.meetings_for_export(membership=request.membership,  # type: ignore[attr-defined]
                                                   day=timezone.localdate())]
    log_action(school=request.school, user=request.user, action="guidance.exported",  # type: ignore[attr-defined]
               data={"count": len(rows)})
    return csv_response("guidance-meetings.csv", EXPORT_COLUMNS, rows)
