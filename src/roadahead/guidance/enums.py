"""Choices for guidance meetings (Benchmark 8)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Qualification(models.TextChoices):
    """The adviser's careers guidance qualification at the time of the meeting.

    Benchmark 8 asks for an adviser trained to an appropriate level, which the CDI (Career
    Development Institute) register reads as a Level 6 careers guidance qualification or higher.
    """

    LEVEL_6 = "level_6", _("Level 6 or above in careers guidance (CDI register level)")
    LEVEL_4 = "level_4", _("Level 4 in careers information, advice and guidance")
    WORKING_TOWARDS = "working_towards", _("Working towards Level 6")
    OTHER = "other", _("Another or lower qualification")
    NOT_KNOWN = "not_known", _("Not known")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone")
    OTHER = "other", _("Another way")


class Advocate(models.TextChoices):
    """Who spoke up for the pupil or helped them take part."""

    NONE = "none", _("No one: the pupil took part on their own")
    CLASS_TEACHER = "class_teacher", _("Class teacher")
    TEACHING_ASSISTANT = "teaching_assistant", _("Teaching assistant or key worker")
    FAMILY = "family", _("Parent, carer or family member")
    THERAPIST = "therapist", _("Speech and language therapist")
    SOCIAL_WORKER = "social_worker", _("Social worker or virtual school")
    INTERPRETER = "interpreter", _("Interpreter (spoken or signed)")
    OTHER = "other", _("Someone else")


class Communication(models.TextChoices):
    """How the pupil communicated in the meeting; more than one may apply."""

    SPEECH = "speech", _("Speech")
    SYMBOLS = "symbols", _("Symbols, pictures or AAC (a communication aid)")
    SIGNING = "signing", _("Signing (Makaton or BSL)")
    GESTURE = "gesture", _("Pointing, eye gaze, gesture or objects of reference")
    WRITING = "writing", _("Writing or typing")
    OBSERVED = "observed", _("Observed: staff read their responses")


def qualification_from_level(level: int | None) -> str:
    """The qualification to suggest from the number kept on the adviser's membership."""
    if level is None:
        return Qualification.NOT_KNOWN
    if level >= 6:
        return Qualification.LEVEL_6
    if level >= 4:
        return Qualification.LEVEL_4
    return Qualification.OTHER
