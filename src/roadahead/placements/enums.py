from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlacementKind(models.TextChoices):
    WORK_EXPERIENCE = "work_experience", _("Work experience")
    SUPPORTED_INTERNSHIP = "internship", _("Supported internship")
    # A regular job in the classroom or around school for younger pupils, on a rota.
    CLASS_JOB = "class_job", _("Class job")


class Where(models.TextChoices):
    OFF_SITE = "off_site", _("With an employer, out of school")
    ON_SITE = "on_site", _("In school")


class OnSiteKind(models.TextChoices):
    """Jobs around school that special schools commonly run as work experience."""

    TUCK_SHOP = "tuck_shop", _("Tuck shop")
    OFFICE = "office", _("School office")
    EARLY_YEARS = "early_years", _("Early years department")
    MAINTENANCE = "maintenance", _("Maintenance")
    RECYCLING = "recycling", _("Recycling")
    GROUNDS = "grounds", _("Grounds and garden")
    KITCHEN = "kitchen", _("Kitchen or café")
    CLASSROOM = "classroom", _("Classroom")
    OTHER = "other", _("Somewhere else in school")


class Outcome(models.TextChoices):
    """How the placement went, for the provider's record of confidence with SEND."""

    WENT_WELL = "went_well", _("Went well")
    MIXED = "mixed", _("Mixed")
    DID_NOT_WORK = "did_not_work", _("Did not work")
