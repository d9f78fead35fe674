"""Subject access (page and download) and erasing a pupil: careers leader only, every step audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.people.decorators import school_view
from roadahead.people.selectors import visible_pupil
from roadahead.privacy import rules, selectors, services
from roadahead.privacy.forms import ErasureForm, SubjectAccessForm


@school_view(rules.can_handle_requests)
def subject_access(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    """Shown, what the download holds; submitted (a POST: it writes an audit entry), the file itself."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = visible_pupil(membership=membership, pk=pupil_pk, day=today)
    form = SubjectAccessForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        file_format = form.cleaned_data["file_format"]
        data = services.subject_access_file(
            school=school, pupil=pupil, by=request.user, file_format=file_format, generated_at=timezone.now(),
            context={"printed_by": request.user, "printed_on": today})
        response = HttpResponse(data, content_type=services.FORMATS[file_format][0])
        name = services.file_name(pupil_id=pupil.pk, file_format=file_format, day=today)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
    log_action(school=school, user=request.user, action="privacy.subject_access_viewed", obj=pupil,
               pupil_id=pupil.pk)
    return render(request, "privacy/subject_access.html", {
        "pupil": pupil, "form": form, "counts": selectors.row_counts(school=school, pupil=pupil)})


@school_view(rules.can_handle_requests)
def erase(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    """A confirm page naming everything that goes; submitted with a reason and the box ticked, the erasure."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = visible_pupil(membership=membership, pk=pupil_pk, day=today)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = services.erase_pupil(school=school, pupil=pupil, by=request.user,
                                           reason=form.cleaned_data["reason"], today=today)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Pupil %(id)s's record has been erased. The audit log keeps the id, the "
                                        "date, who erased it and why.") % {"id": erasure.pupil_id})
            return redirect("people:pupil_list", school_slug=school.slug)
    log_action(school=school, user=request.user, action="privacy.erasure_previewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "privacy/erase.html", {
        "pupil": pupil, "form": form, "counts": selectors.row_counts(school=school, pupil=pupil)})
