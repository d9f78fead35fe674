"""The school (the tenant), its calendar, phases, pathways and class groups.

Every row a school owns carries a direct `school` foreign key and a scoped manager, so a query
made without an active school scope fails loudly instead of returning another school's rows.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core import dates
from roadahead.core.models import TimeStampedModel
from roadahead.schools.enums import SchoolType, TermName

nc_year_choices = [(code, dates.nc_year_label(code)) for code in dates.NC_YEAR_CODES]
slug_validator = RegexValidator(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", _("Use lower-case letters, digits and hyphens."))


class School(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name for addresses"), max_length=60, unique=True, validators=[slug_validator])
    urn = models.CharField(_("URN"), max_length=10, blank=True, help_text=_("The DfE unique reference number."))
    school_type = models.CharField(_("type of school"), max_length=40, choices=SchoolType.choices,
                                   default=SchoolType.MAINTAINED_SPECIAL)
    timezone = models.CharField(max_length=60, default="Europe/London")
    careers_leader_name = models.CharField(_("careers leader's name"), max_length=200, blank=True)
    careers_leader_email = models.EmailField(_("careers leader's email"), blank=True)
    careers_leader_phone = models.CharField(_("careers leader's phone"), max_length=40, blank=True)
    # Statutory checks: maintained schools and academies must meet them; independent and
    # non-maintained special schools may switch them off.
    check_provider_access = models.BooleanField(
        _("check provider access (PAL)"), default=True,
        help_text=_("Two provider encounters in each key phase from Year 8 (Provider Access Legislation)."))
    check_independent_guidance = models.BooleanField(
        _("check independent careers guidance"), default=True,
        help_text=_("Independent careers guidance for every pupil in Years 7 to 13."))
    check_gatsby_benchmarks = models.BooleanField(
        _("check the Gatsby Benchmarks"), default=True,
        help_text=_("Measure every pupil against the eight Gatsby Benchmarks."))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AcademicYear(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="academic_years")
    start_year = models.PositiveSmallIntegerField(_("starting year"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "start_year"]
        constraints = [models.UniqueConstraint(fields=["school", "start_year"], name="academic_year_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return dates.academic_year_label(self.start_year)

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.starts_on >= self.ends_on:
            raise ValidationError(_("The first day must be before the last day."))

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class Term(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(max_length=20, choices=TermName.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    # The half-term break splits a term into two half terms; each half term's dates are kept so
    # targets "every half term" can be judged on the school's own dates.
    first_half_ends_on = models.DateField(_("last day of first half"), null=True, blank=True)
    second_half_starts_on = models.DateField(_("first day of second half"), null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "starts_on"]
        constraints = [models.UniqueConstraint(fields=["school", "academic_year", "name"], name="term_unique")]

    def __str__(self) -> str:
        return f"{self.get_name_display()} {self.academic_year.label}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.starts_on >= self.ends_on:
            raise ValidationError(_("The first day must be before the last day."))
        halves = (self.first_half_ends_on, self.second_half_starts_on)
        if any(halves) and not all(halves):
            raise ValidationError(_("Give both half-term dates, or neither."))
        if all(halves) and not (self.starts_on < self.first_half_ends_on < self.second_half_starts_on < self.ends_on):  # type: ignore[operator]
            raise ValidationError(_("The half-term break must fall inside the term."))

    def half_terms(self) -> list[tuple[dt.date, dt.date]]:
        if self.first_half_ends_on and self.second_half_starts_on:
            return [(self.starts_on, self.first_half_ends_on), (self.second_half_starts_on, self.ends_on)]
        return [(self.starts_on, self.ends_on)]


class Phase(models.Model):
    """A group of year groups the school plans for together (Lower, Middle, Upper, 14-19, Post 16)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    first_year = models.CharField(_("first NC year"), max_length=2, choices=nc_year_choices)
    last_year = models.CharField(_("last NC year"), max_length=2, choices=nc_year_choices)
    description = models.TextField(blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="phase_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        first, last = dates.nc_year_ordinal(self.first_year), dates.nc_year_ordinal(self.last_year)
        if first is None or last is None:
            raise ValidationError(_("A phase runs between two NC years (not X)."))
        if first > last:
            raise ValidationError(_("The first year of a phase must come before its last year."))

    def covers(self, nc_year: str) -> bool:
        ordinal = dates.nc_year_ordinal(nc_year)
        first, last = dates.nc_year_ordinal(self.first_year), dates.nc_year_ordinal(self.last_year)
        return ordinal is not None and first is not None and last is not None and first <= ordinal <= last


class DestinationCategory(models.Model):
    """A kind of destination after school, with the local authority's NCCIS activity code."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="destination_categories")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    nccis_code = models.CharField(_("NCCIS code"), max_length=3, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "order", "name"]
        verbose_name_plural = "destination categories"
        constraints = [models.UniqueConstraint(fields=["school", "code"], name="destination_category_unique")]

    def __str__(self) -> str:
        return self.name


class Pathway(models.Model):
    """A route through school by need and aspiration, with a vision of the adult life it aims at."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="pathways")
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    vision = models.TextField(_("vision statement"), blank=True)
    in_keeping_destinations = models.ManyToManyField(
        DestinationCategory, blank=True, related_name="pathways",
        verbose_name=_("destinations in keeping with the vision"))

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="pathway_unique_name")]

    def __str__(self) -> str:
        return self.name


class ClassGroup(models.Model):
    """A class or tutor group in one academic year."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="class_groups")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="class_groups")
    name = models.CharField(max_length=100)
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="class_groups")

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "academic_year", "name"], name="class_group_unique")]

    def __str__(self) -> str:
        return self.name
