"""The audit log: who read or changed what, and when.

Entries name objects by type and id and never copy personal data into the log, so the log can
be kept longer than the records it describes and shown to a careers leader safely.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager


class AuditEntry(models.Model):
    # Named by string so audit sits below schools and every app, schools included, can log.
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    # The pupil the entry concerns, if any, so a subject-access request finds every read.
    pupil_id = models.BigIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["school", "-at"], name="audit_school_at"),
            models.Index(fields=["school", "pupil_id"], name="audit_school_pupil"),
        ]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
