from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")


class Variant(models.TextChoices):
    """Which wording of the criteria a school uses: special schools judge some things differently."""

    STANDARD = "standard", _("Mainstream schools")
    SPECIAL = "special", _("Special schools")
