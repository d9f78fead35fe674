"""Choices for transition visits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitKind(models.TextChoices):
    """Which visit this is: one half of a pair, or one pupil's own visit."""

    IN_SCHOOL = "in_school", _("The provider's visit to school")
    AT_PROVIDER = "at_provider", _("The pupils' visit to the provider")
    INDIVIDUAL = "individual", _("An individual visit")


PAIR_KINDS = (VisitKind.IN_SCHOOL, VisitKind.AT_PROVIDER)

# How each half of a pair is named in addresses (ids only, no personal data).
KIND_SLUGS = {"in-school": VisitKind.IN_SCHOOL, "at-provider": VisitKind.AT_PROVIDER}


class Companion(models.TextChoices):
    """Who went with the pupil on an individual visit; more than one may apply."""

    FAMILY = "family", _("Parent, carer or family member")
    KEYWORKER = "keyworker", _("Key worker or teaching assistant")
    CLASS_STAFF = "class_staff", _("Class teacher")
    ADVISER = "adviser", _("Careers adviser")
    SOCIAL_WORKER = "social_worker", _("Social worker or virtual school")
    OTHER = "other", _("Someone else")
