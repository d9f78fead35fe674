from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    COLLEGE = "college", _("College (further education)")
    SPECIALIST_COLLEGE = "specialist_college", _("Specialist college")
    SIXTH_FORM = "sixth_form", _("Sixth form")
    TRAINING_PROVIDER = "training_provider", _("Independent training provider")
    UNIVERSITY = "university", _("University")
    DAY_SERVICE = "day_service", _("Day service or day centre")
    SOCIAL_CARE = "social_care", _("Social care provider")
    SUPPORTED_EMPLOYMENT = "supported_employment", _("Supported employment service")
    CHARITY = "charity", _("Charity or community organisation")
    ADVICE_SERVICE = "advice_service", _("Advice or support service")


class SendConfidence(models.TextChoices):
    UNKNOWN = "unknown", _("Not yet known")
    NEW = "new", _("New to SEND placements")
    SOME = "some", _("Has hosted with support")
    CONFIDENT = "confident", _("Confident and experienced")
