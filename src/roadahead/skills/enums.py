from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    """How a step was judged: who looked, and from where."""

    OBSERVATION = "observation", _("Staff observation")
    SELF = "self", _("Pupil self-assessment")
    ADVISER = "adviser", _("Careers adviser")
    EMPLOYER = "employer", _("Employer or placement")
