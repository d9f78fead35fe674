from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Setting(models.TextChoices):
    ON_SITE = "on_site", _("In school")
    OFF_SITE = "off_site", _("Out of school")
    VIRTUAL = "virtual", _("Online")


class Attendance(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    PART = "part", _("Part of it")
    ABSENT = "absent", _("Absent")


class Engagement(models.IntegerChoices):
    """A short scale staff can judge at a glance, for every way a pupil may take part."""

    NOT_YET = 1, _("Did not engage")
    WITH_SUPPORT = 2, _("Engaged with support")
    ENGAGED = 3, _("Engaged")
    KEEN = 4, _("Fully engaged")


class Reaction(models.TextChoices):
    """The pupil's own view, however they gave it: often by pointing to one of three symbols."""

    LIKED = "liked", _("Liked it")
    UNSURE = "unsure", _("Not sure")
    DISLIKED = "disliked", _("Did not like it")


class ResponseMethod(models.TextChoices):
    OWN_WORDS = "own_words", _("Own words")
    SYMBOLS = "symbols", _("Symbols or AAC")
    OBSERVED = "observed", _("Observed by staff")
    ADVOCATE = "advocate", _("Through an advocate")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
