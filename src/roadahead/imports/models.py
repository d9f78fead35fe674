"""A record of each import: what was uploaded, what it found, and what it wrote."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.models import TimeStampedModel
from roadahead.schools.models import School


class ImportKind(models.TextChoices):
    PUPILS = "pupils", _("Pupils")
    ACTIVITIES = "activities", _("Activities")
    DESTINATIONS = "destinations", _("Leavers' destinations")


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("Checked, waiting for confirmation")
    FAILED = "failed", _("Problems found, nothing imported")
    DONE = "done", _("Imported")
    CANCELLED = "cancelled", _("Cancelled")


class ImportRun(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    status = models.CharField(max_length=20, choices=ImportStatus.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=10)
    # The uploaded file is kept only between checking and confirming, then cleared.
    content = models.BinaryField(null=True, editable=False)
    rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    # The first errors found (each: row, column, message); error_count counts them all.
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)
    # A few of the rows that would change, shown before confirming; cleared with `content`.
    preview = models.JSONField(default=list, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import {self.pk}"
