from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleKind(models.TextChoices):
    STATUTORY = "statutory", _("Statutory duty")
    BENCHMARK = "benchmark", _("Gatsby Benchmark")
    SCHOOL = "school", _("The school's own target")


class Period(models.TextChoices):
    ACADEMIC_YEAR = "academic_year", _("Each academic year")
    TERM = "term", _("Each term")
    HALF_TERM = "half_term", _("Each half term")
    # Across a run of NC years (the rule's first to last year), e.g. "over Years 12 to 14" or the
    # PAL key phases ("Year 8, or Year 9 up to 28 February").
    YEARS = "years", _("Across the years named")


class Check(models.TextChoices):
    """The school switch a statutory or benchmark rule depends on; switched off, the rule is not judged."""

    NONE = "", _("Always judged")
    PROVIDER_ACCESS = "provider_access", _("Provider access (PAL)")
    INDEPENDENT_GUIDANCE = "independent_guidance", _("Independent careers guidance")
    GATSBY_BENCHMARKS = "gatsby_benchmarks", _("Gatsby Benchmarks")
