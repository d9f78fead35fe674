from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolType(models.TextChoices):
    MAINTAINED_SPECIAL = "maintained_special", _("Maintained special school")
    ACADEMY_SPECIAL = "academy_special", _("Special academy or free school")
    NON_MAINTAINED_SPECIAL = "non_maintained_special", _("Non-maintained special school")
    INDEPENDENT_SPECIAL = "independent_special", _("Independent special school")
    MAINSTREAM = "mainstream", _("Mainstream school or academy")
    COLLEGE = "college", _("College or post-16 provider")

    @property
    def bound_by_statutory_guidance(self) -> bool:
        return self in {SchoolType.MAINTAINED_SPECIAL, SchoolType.ACADEMY_SPECIAL, SchoolType.MAINSTREAM}


class TermName(models.TextChoices):
    AUTUMN = "autumn", _("Autumn")
    SPRING = "spring", _("Spring")
    SUMMER = "summer", _("Summer")
