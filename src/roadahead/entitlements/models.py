"""Entitlement rules: what each pupil should have had, as data a school can read and change.

A rule says what counts (activity types, benchmarks evidenced, setting, kinds of provider,
meaningful only, PAL only), how many, over what period, and for whom (NC years, pathways, needs).
The standing engine (roadahead.standing) judges every pupil against every rule that applies.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.activities.models import ActivityType
from roadahead.benchmarks.models import Benchmark
from roadahead.core import dates
from roadahead.core.models import TimeStampedModel
from roadahead.entitlements.enums import Check, Period, RuleKind
from roadahead.schools.models import Pathway, School, nc_year_choices


class EntitlementRule(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="entitlement_rules")
    code = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind of rule"), max_length=12, choices=RuleKind.choices, default=RuleKind.SCHOOL)
    source = models.CharField(_("source"), max_length=200, blank=True,
                              help_text=_("Where the rule comes from: a law, a benchmark, the school's programme."))
    school_check = models.CharField(_("depends on the school's check"), max_length=24, choices=Check.choices,
                             blank=True, default=Check.NONE)
    benchmark = models.ForeignKey(Benchmark, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name=_("benchmark it reports under"))

    # Who it applies to. Blank years mean every pupil (NC year X included); a year range never
    # matches a pupil in NC year X.
    first_year = models.CharField(_("from NC year"), max_length=2, choices=nc_year_choices, blank=True)
    last_year = models.CharField(_("to NC year"), max_length=2, choices=nc_year_choices, blank=True)
    pathways = models.ManyToManyField(Pathway, blank=True, related_name="+", verbose_name=_("pathways"))
    needs = models.JSONField(_("needs"), default=list, blank=True,
                             help_text=_("Need codes (such as SLD); blank for every pupil."))

    # What counts.
    activity_types = models.ManyToManyField(ActivityType, blank=True, related_name="+",
                                            verbose_name=_("types of activity"))
    evidences = models.ManyToManyField(Benchmark, blank=True, related_name="+",
                                       verbose_name=_("activities evidencing any of these benchmarks"))
    settings = models.JSONField(_("where"), default=list, blank=True,
                                help_text=_("on_site, off_site, virtual; blank for anywhere."))
    provider_kinds = models.JSONField(_("kinds of provider"), default=list, blank=True,
                                      help_text=_("At least one provider of these kinds; blank for any."))
    meaningful_only = models.BooleanField(_("meaningful encounters only"), default=False)
    pal_only = models.BooleanField(_("provider encounters meeting PAL only"), default=False)
    count_part = models.BooleanField(_("part attendance counts"), default=True)

    # How many, and when.
    required = models.PositiveSmallIntegerField(_("how many"),
                                                validators=[MinValueValidator(1), MaxValueValidator(100)])
    period = models.CharField(_("period"), max_length=16, choices=Period.choices, default=Period.ACADEMIC_YEAR)
    # For a YEARS period: the span ends on this day of its last academic year (28 February for PAL).
    cutoff_month = models.PositiveSmallIntegerField(null=True, blank=True,
                                                    validators=[MinValueValidator(1), MaxValueValidator(12)])
    cutoff_day = models.PositiveSmallIntegerField(null=True, blank=True,
                                                  validators=[MinValueValidator(1), MaxValueValidator(31)])
    # The third PAL key phase must be offered by the school but is optional for pupils: such a rule
    # is reported, but a pupil short of it is never "not met".
    required_of_pupils = models.BooleanField(_("required of every pupil"), default=True)
    # Which Provider Access Legislation key phase (1-3) the rule checks, for the PAL report.
    pal_key_phase = models.PositiveSmallIntegerField(_("PAL key phase"), null=True, blank=True,
                                                     validators=[MinValueValidator(1), MaxValueValidator(3)])
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "code"], name="entitlement_rule_unique_code")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        first = dates.nc_year_ordinal(self.first_year) if self.first_year else None
        last = dates.nc_year_ordinal(self.last_year) if self.last_year else None
        if bool(self.first_year) != bool(self.last_year):
            raise ValidationError(_("Give both the first and the last NC year, or neither."))
        if "X" in {self.first_year, self.last_year}:
            raise ValidationError(_("A range of years cannot start or end at X."))
        if first is not None and last is not None and first > last:
            raise ValidationError(_("The first NC year must come before the last."))
        if self.period == Period.YEARS and not self.first_year:
            raise ValidationError(_("A rule across years needs its first and last NC year."))
        if (self.cutoff_month is None) != (self.cutoff_day is None):
            raise ValidationError(_("Give both the cut-off month and day, or neither."))
        if self.cutoff_month is not None and self.period != Period.YEARS:
            raise ValidationError(_("Only a rule across years can have a cut-off date."))
