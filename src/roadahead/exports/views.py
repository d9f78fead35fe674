"""The export page: what the export holds and the care it needs, a choice of format, the download."""

from __future__ import annotations

import tempfile

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from roadahead.exports import registry, rules, services
from roadahead.exports.forms import ExportForm
from roadahead.people.decorators import school_view


@school_view(rules.can_export_everything)
def export_page(request: HttpRequest) -> HttpResponse:
    """Shown, the page; submitted (a POST: it writes an audit entry), the file itself.

    The file is written to a temporary file first, so memory stays small however much the school
    holds, and a failure part-way gives an error page rather than half a download.
    """
    school = request.school  # type: ignore[attr-defined]
    form = ExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        file_format = form.cleaned_data["file_format"]
        temporary = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
        try:
            services.export_school(school=school, by=request.user, file_format=file_format, out=temporary,
                                   exported_at=timezone.now())
            temporary.seek(0)
        except BaseException:
            temporary.close()
            raise
        response = FileResponse(
            temporary, as_attachment=True, content_type=services.content_type(file_format),
            filename=services.file_name(school=school, file_format=file_format, day=timezone.localdate()))
        # Pupils' records must not be kept by shared caches or the browser's cache.
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "exports/export.html", {"form": form, "tables": registry.tables()})
