from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    """Who a survey asks: the four groups Benchmark 1 wants feedback from."""

    PUPILS = "pupils", _("Pupils")
    FAMILIES = "families", _("Parents and carers")
    EMPLOYERS = "employers", _("Employers and providers")
    STAFF = "staff", _("Staff")


class Kind(models.TextChoices):
    RATING = "rating", _("Rating from 1 to 5")
    YES_NO = "yes_no", _("Yes, no or not sure")
    TEXT = "text", _("Written answer")


class Method(models.TextChoices):
    """How an answer was given. Answers through the link are ONLINE; staff choose one of the others."""

    ONLINE = "online", _("Online, through the survey link")
    INDEPENDENT = "independent", _("On their own (paper form or told to staff)")
    SUPPORTED = "supported", _("With support from an adult")
    SYMBOLS = "symbols", _("With symbols or pictures")
    ADVOCATE = "advocate", _("Through an advocate or family member")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


# Word labels for the 1-5 rating, shown on the form and in results.
RATING_LABELS: dict[int, str] = {
    1: _("1: Very poor"),
    2: _("2: Poor"),
    3: _("3: OK"),
    4: _("4: Good"),
    5: _("5: Very good"),
}
