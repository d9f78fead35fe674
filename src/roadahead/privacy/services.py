"""Subject access downloads and erasing a pupil (security.md G41, G42).

`subject_access_file` gathers the pupil's record (`selectors.subject_access`), writes it as JSON or
PDF and writes one audit entry naming the pupil by id and the number of rows per table.

`erase_pupil` is for a pupil who must not be in Road Ahead at all (added in error, or the school
upholds an erasure request). In one transaction it:
1. sends `people.signals.pupils_anonymised`, so every app clears its own free text about the pupil
   (and removes My future pictures' files once the transaction is saved);
2. deletes the activities that exist only for this pupil (their own guidance meeting's or
   transition visit's activity, when nobody else took part);
3. clears the uploaded file, preview and errors of any import that holds the pupil's UPN or name;
4. deletes the pupil, which deletes every row pointing at them (the database cascades through the
   graph in `graph.links()`) and takes them off shared lists (series, paired visits);
5. keeps an `Erasure` (pupil id, date, by whom, reason; no name) and one audit entry.
The audit log's earlier entries stay: they name the pupil by id only, never by name.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.activities.models import Activity, Participation
from roadahead.audit.services import log_action
from roadahead.core.pdf import render_pdf
from roadahead.imports.models import ImportRun
from roadahead.people.models import Pupil
from roadahead.people.signals import pupils_anonymised
from roadahead.privacy import graph
from roadahead.privacy.models import Erasure
from roadahead.privacy.selectors import SubjectAccess, subject_access
from roadahead.schools.models import School

FORMATS = {"json": ("application/json", "json"), "pdf": ("application/pdf", "pdf")}


def file_name(*, pupil_id: int, file_format: str, day: dt.date) -> str:
    """Ids and dates only: the file ends up in download folders and emails."""
    return f"subject-access-{pupil_id}-{day.isoformat()}.{FORMATS[file_format][1]}"


def render(gathered: SubjectAccess, file_format: str, *, context: dict[str, Any] | None = None) -> bytes:
    if file_format == "json":
        return json.dumps(gathered.as_json(), indent=1, ensure_ascii=False, default=str).encode()
    if file_format == "pdf":
        return render_pdf("privacy/pdf/subject_access.html", {**(context or {}), "sar": gathered,
                                                              "school": gathered.school})
    raise ValueError(f"Unknown format {file_format!r}")


def subject_access_file(*, school: School, pupil: Pupil, by: Any, file_format: str, generated_at: dt.datetime,
                        context: dict[str, Any] | None = None) -> bytes:
    """The pupil's whole record as JSON or PDF bytes; one audit entry (ids and counts only)."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown format {file_format!r}")
    gathered = subject_access(school=school, pupil=pupil, generated_at=generated_at)
    data = render(gathered, file_format, context=context)
    log_action(school=school, user=by, action="privacy.subject_access", obj=pupil, pupil_id=pupil.pk,
               data={"format": file_format, "rows": gathered.row_count,
                     "tables": {k: v for k, v in gathered.counts().items() if v}})
    return data


def _own_activity_ids(school: School, pupil: Pupil) -> list[int]:
    """Activities made for this pupil alone: pointed at one-to-one by a row about them, nobody else there."""
    candidates: set[int] = set()
    for link in graph.links():
        if link.kind != "direct":
            continue
        for model_field in link.model._meta.concrete_fields:
            if model_field.one_to_one and model_field.related_model is Activity:
                candidates |= set(link.model._default_manager.filter(link.q(pupil.pk), school=school)
                                  .exclude(**{f"{model_field.attname}__isnull": True})
                                  .values_list(model_field.attname, flat=True))
    if not candidates:
        return []
    shared = set(Participation.objects.filter(school=school, activity_id__in=candidates)
                 .exclude(pupil=pupil).values_list("activity_id", flat=True))
    return sorted(candidates - shared)


def _identifiers(pupil: Pupil) -> list[str]:
    names = {pupil.upn, f"{pupil.legal_forename} {pupil.legal_surname}",
             f"{pupil.preferred_forename or pupil.legal_forename} {pupil.preferred_surname or pupil.legal_surname}"}
    return [n for n in names if len(n.strip()) > 3]


def _clear_imports(school: School, pupil: Pupil) -> int:
    """Imports whose file, preview or errors hold the pupil's UPN or name lose those (counts stay)."""
    cleared = []
    needles = _identifiers(pupil)
    for run in ImportRun.objects.filter(school=school).only("pk", "content", "preview", "errors", "warnings"):
        text = json.dumps([run.preview, run.errors, run.warnings], ensure_ascii=False)
        content = bytes(run.content or b"").decode("utf-8", errors="replace")
        if any(n in text or n in content for n in needles):
            cleared.append(run.pk)
    if cleared:
        ImportRun.objects.filter(school=school, pk__in=cleared).update(content=None, preview=[], errors=[],
                                                                        warnings=[])
    return len(cleared)


def erase_pupil(*, school: School, pupil: Pupil, by: Any, reason: str, today: dt.date) -> Erasure:
    """Delete everything held about `pupil` (see the module's docstring). Returns the erasure record."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the record is being erased.")})
    if pupil.school_id != school.pk:
        raise ValidationError(_("That pupil is not at this school."))
    with transaction.atomic():
        pupil = Pupil.objects.select_for_update().get(school=school, pk=pupil.pk)
        counts: dict[str, int] = {}
        for link in graph.links():
            count = link.model._default_manager.filter(link.q(pupil.pk), school=school).distinct().count()
            if count:
                counts[link.key] = count
        pupils_anonymised.send(sender=Pupil, school=school, pupil_ids=[pupil.pk])
        own = _own_activity_ids(school, pupil)
        imports = _clear_imports(school, pupil)
        pupil_id = pupil.pk
        Pupil.objects.filter(school=school, pk=pupil_id).delete()
        if own:
            # Their meeting or visit is gone (cascade); the activity made for it goes too.
            Activity.objects.filter(school=school, pk__in=own).delete()
            counts["activities.activity"] = len(own)
        if imports:
            counts["imports.importrun (file and preview cleared)"] = imports
        erasure = Erasure(school=school, pupil_id=pupil_id, erased_on=today,
                          by=by if getattr(by, "is_authenticated", False) else None, reason=reason, rows=counts)
        erasure.full_clean()
        erasure.save()
        log_action(school=school, user=by, action="privacy.erased", obj=erasure, pupil_id=pupil_id,
                   data={"rows": counts})
    return erasure


def remaining(*, school: School, pupil_id: int) -> dict[str, int]:
    """Rows still pointing at a pupil id (after erasure: none). For checks and tests."""
    found: dict[str, int] = {}
    for link in graph.links():
        count = link.model._default_manager.filter(link.q(pupil_id), school=school).count()
        if count:
            found[link.key] = count
    return found

