from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Respondent(models.TextChoices):
    PUPIL = "pupil", _("Pupil")
    FAMILY = "family", _("Parent or carer")
    PROVIDER = "provider", _("Employer or provider")
    STAFF = "staff", _("Member of staff")


class Rating(models.IntegerChoices):
    POOR = 1, _("Not useful")
    OK = 2, _("Quite useful")
    GOOD = 3, _("Useful")
    GREAT = 4, _("Very useful")
