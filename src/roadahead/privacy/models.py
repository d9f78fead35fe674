"""The one record kept when a pupil is erased: which id, when, by whom and why. Never a name."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.schools.models import School


class Erasure(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    # The erased pupil's id, kept as a number: the pupil's row is gone.
    pupil_id = models.BigIntegerField()
    erased_on = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")
    reason = models.TextField(_("reason"))
    # How many rows went from each table ("activities.participation": 12); counts only.
    rows = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-erased_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["school", "pupil_id"], name="privacy_erasure_once")]

    def __str__(self) -> str:
        return f"Erasure of pupil {self.pupil_id} on {self.erased_on:%Y-%m-%d}"
