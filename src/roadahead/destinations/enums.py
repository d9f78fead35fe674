from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckInStatus(models.TextChoices):
    SAME = "same", _("Still in the same destination")
    CHANGED = "changed", _("Moved to a new destination")
    NOT_KNOWN = "not_known", _("Not known: we could not find out")


class CheckInState(models.TextChoices):
    """Where a check-in stands on a given day (worked out, not stored)."""

    DONE = "done", _("Done")
    UPCOMING = "upcoming", _("Not due yet")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
