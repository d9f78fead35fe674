"""EHCP annual reviews, Preparing for Adulthood outcomes, the review contribution and the ePEP.

Every pupil-level view resolves the pupil (or review, or outcome) through reviews.selectors, which
apply the member's visibility: a pupil they may not see is a 404 on every URL, PDF and export.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roadahead.audit.services import log_action
from roadahead.core.downloads import csv_response, download
from roadahead.core.forms import add_validation_errors
from roadahead.core.pdf import render_pdf
from roadahead.people.decorators import Predicate, school_view
from roadahead.people.models import Pupil
from roadahead.reviews import documents, rules, selectors, services
from roadahead.reviews.due import DUE_SOON_DAYS, due_status, next_due, one_year_after
from roadahead.reviews.enums import DueStatus
from roadahead.reviews.forms import (
    DueFilterForm,
    OutcomeForm,
    ProgressForm,
    ReviewForm,
    ReviewProgressForm,
)
from roadahead.reviews.models import AnnualReview, PfaOutcome
from roadahead.schools.selectors import academic_year_start_on, class_groups


def _member(request: HttpRequest) -> Any:
    return request.membership  # type: ignore[attr-defined]


# ## The due and overdue list ######################################################################


@school_view(rules.can_view_due_list)
def due_list(request: HttpRequest) -> HttpResponse:
    """Reviews overdue and due soon for the pupils the member may see; counts only for governors."""
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    today = timezone.localdate()
    context: dict[str, Any] = {"today": today, "soon_days": DUE_SOON_DAYS}
    if not rules.can_view_reviews(membership):
        context["counts"] = [(DueStatus(k).label, v) for k, v in
                             selectors.due_counts(school=school, day=today).items()]
        return render(request, "reviews/due_counts.html", context)
    start_year = academic_year_start_on(school=school, day=today)
    form = DueFilterForm(request.GET or None, classes=list(class_groups(school=school, start_year=start_year)))
    filters = selectors.DueFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.DueFilters(status=data["status"], nc_year=data["nc_year"],
                                       class_group=data["class_group"], pfa_only=data["pfa_only"])
    rows = selectors.due_rows(membership=membership, day=today, filters=filters)
    log_action(school=school, user=request.user, action="ehcp_review.due_listed", data={"count": len(rows)})
    context.update(form=form, rows=rows, filtered=any(v for v in (request.GET or {}).values()))
    return render(request, "reviews/due_list.html", context)


# ## One pupil's reviews and Preparing for Adulthood ################################################


def _pupil(request: HttpRequest, pupil_pk: int, allowed: Predicate = rules.can_view_reviews) -> Pupil:
    """The pupil if the member may see them (else 404), then the role check (else 403).

    In that order, so a pupil the member may not see is a 404 on every address whatever their role:
    a 403 would tell an adviser that an unassigned pupil exists.
    """
    pupil = selectors.review_pupil(membership=_member(request), pk=pupil_pk, day=timezone.localdate())
    if not allowed(_member(request)):
        raise PermissionDenied
    return pupil


@school_view()
def pupil_reviews(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = _pupil(request, pupil_pk)
    reviews = selectors.reviews_for(school=school, pupil=pupil)
    outcomes = selectors.outcomes_for(school=school, pupil=pupil)
    log_action(school=school, user=request.user, action="ehcp_review.pupil_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "reviews/pupil.html", {
        "pupil": pupil, "reviews": reviews, "groups": selectors.by_area(outcomes), "today": today,
        "has_outcomes": bool(outcomes), **_due(pupil, today),
        "can_record": rules.can_record_reviews(membership), "can_progress": rules.can_record_progress(membership),
    })


def _due(pupil: Pupil, today: Any) -> dict[str, Any]:
    """When the pupil's next review is due and whether that is overdue, from their two dates."""
    due = next_due(last_review=pupil.ehcp_last_review, next_review=pupil.ehcp_next_review)
    return {"next_due": due, "due_status": due_status(due, today=today)}


@school_view()
def pupil_summary(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    """The pupil page's section, loaded by htmx so that page's query count stays fixed."""
    school = request.school  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    summary = selectors.pfa_summary(school=school, pupil=pupil) if pupil.pfa else []  # type: ignore[attr-defined]
    return render(request, "reviews/summary_fragment.html",
                  {"pupil": pupil, "summary": summary, **_due(pupil, timezone.localdate())})


def _review_form_view(request: HttpRequest, pupil: Pupil, review: AnnualReview | None) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    if review is None:
        initial: dict[str, Any] = {"date_due": pupil.ehcp_next_review or timezone.localdate()}
    else:
        initial = {name: getattr(review, name) for name in services.REVIEW_FIELDS}
        initial["version"] = review.version
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            if review is None:
                review = services.record_review(school=school, pupil=pupil, by=request.user,
                                                recorded_by=membership, **data)
            else:
                services.update_review(review=review, by=request.user, expected_version=version,
                                       recorded_by=membership, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The review is saved."))
            if review.date_held and pupil.pfa and request.POST.get("then") == "progress":  # type: ignore[attr-defined]
                return redirect("reviews:review_progress", school_slug=school.slug, pk=review.pk)
            return redirect("reviews:pupil", school_slug=school.slug, pupil_pk=pupil.pk)
    return render(request, "reviews/review_form.html", {"form": form, "pupil": pupil, "review": review,
                                                        "year_later": one_year_after(timezone.localdate())})


@school_view()
def review_create(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    return _review_form_view(request, _pupil(request, pupil_pk, rules.can_record_reviews), None)


def _review(request: HttpRequest, pk: int, allowed: Predicate) -> AnnualReview:
    review = selectors.visible_review(membership=_member(request), pk=pk, day=timezone.localdate())
    review.pupil = _pupil(request, review.pupil_id, allowed)
    return review


@school_view()
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk, rules.can_record_reviews)
    return _review_form_view(request, review.pupil, review)


@school_view()
def review_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress on every outcome being worked on, as agreed at a review that has been held."""
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    review = _review(request, pk, rules.can_record_progress)
    pupil = review.pupil
    if review.date_held is None:
        messages.error(request, _("Record the date the review was held before recording progress at it."))
        return redirect("reviews:review_edit", school_slug=school.slug, pk=review.pk)
    outcomes = [o for o in selectors.outcomes_for(school=school, pupil=pupil, current_only=True)
                if o.set_on <= review.date_held]
    form = ReviewProgressForm(request.POST or None, outcomes=outcomes)
    if request.method == "POST" and form.is_valid():
        entries = [services.ProgressEntry(o, level, note) for o, level, note in form.entries()]
        try:
            made = services.record_review_progress(review=review, by=request.user, entries=entries,
                                                   recorded_by=membership)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, ngettext("Progress on %(n)s outcome is saved.",
                                               "Progress on %(n)s outcomes is saved.", len(made)) % {"n": len(made)})
            return redirect("reviews:pupil", school_slug=school.slug, pupil_pk=pupil.pk)
    return render(request, "reviews/review_progress.html", {"form": form, "pupil": pupil, "review": review})


def _outcome_form_view(request: HttpRequest, pupil: Pupil, outcome: PfaOutcome | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    reviews = selectors.reviews_for(school=school, pupil=pupil)
    if outcome is None:
        held = [r for r in reviews if r.date_held]
        initial: dict[str, Any] = {"set_on": timezone.localdate(), "review": held[0].pk if held else None}
    else:
        initial = {name: getattr(outcome, name) for name in services.OUTCOME_FIELDS}
        initial.update(review=outcome.review_id, version=outcome.version)
    form = OutcomeForm(request.POST or None, initial=initial, reviews=reviews, editing=outcome is not None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        data["review"] = next((r for r in reviews if r.pk == data.get("review")), None)
        try:
            if outcome is None:
                services.add_outcome(school=school, pupil=pupil, by=request.user, **data)
            else:
                services.update_outcome(outcome=outcome, by=request.user, expected_version=version, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The outcome is saved."))
            return redirect("reviews:pupil", school_slug=school.slug, pupil_pk=pupil.pk)
    return render(request, "reviews/outcome_form.html", {"form": form, "pupil": pupil, "outcome": outcome})


@school_view()
def outcome_create(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    pupil = _pupil(request, pupil_pk, rules.can_record_reviews)
    if not pupil.pfa:  # type: ignore[attr-defined]
        messages.error(request, _("Preparing for Adulthood outcomes start in Year 9."))
        return redirect("reviews:pupil", school_slug=request.school.slug, pupil_pk=pupil.pk)  # type: ignore[attr-defined]
    return _outcome_form_view(request, pupil, None)


def _outcome(request: HttpRequest, pk: int, allowed: Predicate) -> PfaOutcome:
    outcome = selectors.visible_outcome(membership=_member(request), pk=pk, day=timezone.localdate())
    outcome.pupil = _pupil(request, outcome.pupil_id, allowed)
    return outcome


@school_view()
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = _outcome(request, pk, rules.can_record_reviews)
    return _outcome_form_view(request, outcome.pupil, outcome)


@school_view()
def outcome_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress on one outcome between reviews (after a placement, say)."""
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    outcome = _outcome(request, pk, rules.can_record_progress)
    form = ProgressForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_progress(outcome=outcome, by=request.user, recorded_by=membership, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The progress is saved."))
            return redirect("reviews:pupil", school_slug=school.slug, pupil_pk=outcome.pupil_id)
    return render(request, "reviews/progress_form.html", {"form": form, "pupil": outcome.pupil, "outcome": outcome})


# ## Documents ###################################################################################


def _contribution(request: HttpRequest, pupil_pk: int, action: str) -> documents.Document:
    pupil = _pupil(request, pupil_pk)
    doc = documents.contribution(membership=_member(request), pupil=pupil, today=timezone.localdate())
    log_action(school=request.school, user=request.user, action=action, obj=pupil,  # type: ignore[attr-defined]
               pupil_id=pupil.pk)
    return doc


def _doc_context(request: HttpRequest, doc: documents.Document) -> dict[str, Any]:
    return {"doc": doc, "pupil": doc.pupil, "school": request.school,  # type: ignore[attr-defined]
            "printed_by": request.user}


def _pdf(data: bytes, name: str) -> HttpResponse:
    return download(data, filename=name, content_type="application/pdf")


@school_view()
def contribution(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    doc = _contribution(request, pupil_pk, "ehcp_contribution.viewed")
    return render(request, "reviews/contribution.html", _doc_context(request, doc))


@school_view()
def contribution_pdf(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    doc = _contribution(request, pupil_pk, "ehcp_contribution.printed")
    data = render_pdf("reviews/pdf/contribution.html", _doc_context(request, doc))
    # Ids only in the file name: it ends up in download folders and email attachments.
    return _pdf(data, f"careers-pfa-contribution-{doc.pupil.pk}-{doc.today.isoformat()}.pdf")


def _epep(request: HttpRequest, pupil_pk: int, action: str) -> documents.Document:
    pupil = _pupil(request, pupil_pk)
    if not pupil.looked_after:
        raise Http404  # only looked-after pupils have a personal education plan
    doc = documents.epep(membership=_member(request), pupil=pupil, today=timezone.localdate())
    log_action(school=request.school, user=request.user, action=action, obj=pupil,  # type: ignore[attr-defined]
               pupil_id=pupil.pk)
    return doc


@school_view()
def epep(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    doc = _epep(request, pupil_pk, "epep.viewed")
    return render(request, "reviews/epep.html", _doc_context(request, doc))


@school_view()
def epep_pdf(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    doc = _epep(request, pupil_pk, "epep.printed")
    data = render_pdf("reviews/pdf/epep.html", _doc_context(request, doc))
    return _pdf(data, f"epep-careers-{doc.pupil.pk}-{doc.today.isoformat()}.pdf")


@school_view()
def epep_csv(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    doc = _epep(request, pupil_pk, "epep.exported")
    # The rows carry their own headings (the ePEP's sections), so there is no header row.
    return csv_response(f"epep-careers-{doc.pupil.pk}-{doc.today.isoformat()}.csv", None, documents.epep_rows(doc),
                        bom=True)
