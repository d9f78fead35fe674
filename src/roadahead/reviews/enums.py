"""Choices for EHCP annual reviews and Preparing for Adulthood (SEND Code of Practice, chapter 8)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewOutcome(models.TextChoices):
    """What the annual review meeting recommended to the local authority."""

    MAINTAIN = "maintain", _("Keep the plan as it is")
    AMEND = "amend", _("Amend the plan")
    CEASE = "cease", _("Stop the plan")


class PfaArea(models.TextChoices):
    """The four Preparing for Adulthood areas, in the order the Code of Practice lists them."""

    EMPLOYMENT = "employment", _("Employment and education")
    INDEPENDENT_LIVING = "independent_living", _("Independent living")
    COMMUNITY = "community", _("Friends, relationships and community")
    HEALTH = "health", _("Good health")


class OutcomeKind(models.TextChoices):
    EHCP_OUTCOME = "ehcp", _("EHCP outcome")
    PROVISION_TARGET = "target", _("Personal provision plan target")


class ProgressLevel(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    EMERGING = "emerging", _("Emerging")
    DEVELOPING = "developing", _("Developing")
    SECURE = "secure", _("Secure")
    ACHIEVED = "achieved", _("Achieved")


class DueStatus(models.TextChoices):
    """Where a pupil's next annual review stands on a given day (worked out, never stored)."""

    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due_soon", _("Due soon")
    LATER = "later", _("Later")
    NO_DATE = "no_date", _("No date recorded")
