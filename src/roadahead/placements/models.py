"""Placements (Benchmark 6): work experience, supported internships and class jobs.

A placement runs weekly at a provider (or in school) through a term or between dates. Pupils are
assigned with the area they settle in and, for the first weeks, a rotation across areas. Each
session's attendance is an ordinary activity (activities.Activity), recorded on the activity
recording screen, so it counts for standing like any other; `PlacementSession` only links the two.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.activities.enums import ResponseMethod, Weekday
from roadahead.activities.models import Activity
from roadahead.core.models import TimeStampedModel
from roadahead.people.models import Pupil
from roadahead.placements.enums import OnSiteKind, Outcome, PlacementKind, Where
from roadahead.providers.models import Provider
from roadahead.schools.models import School, Term


class Placement(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of placement"), max_length=20, choices=PlacementKind.choices,
                            default=PlacementKind.WORK_EXPERIENCE)
    where = models.CharField(_("where"), max_length=10, choices=Where.choices, default=Where.OFF_SITE)
    on_site_kind = models.CharField(_("job in school"), max_length=20, choices=OnSiteKind.choices, blank=True)
    # RESTRICT, not PROTECT: a provider with placements cannot be deleted alone, but removing the
    # whole school (which takes its placements too) still works.
    provider = models.ForeignKey(Provider, on_delete=models.RESTRICT, null=True, blank=True, related_name="placements",
                                 verbose_name=_("provider"))
    term = models.ForeignKey(Term, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("term"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    supervisor_name = models.CharField(_("supervisor"), max_length=200, blank=True)
    supervisor_phone = models.CharField(_("supervisor's phone"), max_length=40, blank=True)
    supervisor_email = models.EmailField(_("supervisor's email"), blank=True)
    contacts = models.TextField(_("other contacts"), blank=True,
                                help_text=_("Job coach, school staff going with the pupils, who to ring if late."))
    purpose = models.TextField(_("purpose"), blank=True)
    learning_outcomes = models.TextField(_("learning outcomes"), blank=True)
    health_safety_checked_on = models.DateField(_("health and safety check done on"), null=True, blank=True)
    health_safety_expires_on = models.DateField(_("health and safety check valid until"), null=True, blank=True)
    insurance_checked_on = models.DateField(_("employer's liability insurance seen on"), null=True, blank=True)
    insurance_expires_on = models.DateField(_("insurance valid until"), null=True, blank=True)
    # The "meaningful" checklist, agreed once with the employer and copied to every session's activity.
    purpose_shared = models.BooleanField(_("a clear purpose was shared with the provider and the pupils"),
                                         default=False)
    outcomes_fitted = models.BooleanField(_("learning outcomes were fitted to the pupils"), default=False)
    two_way = models.BooleanField(_("pupils and the provider talk and do things together"), default=False)
    reflection = models.BooleanField(_("pupils have time to reflect afterwards"), default=False)
    employer_task = models.BooleanField(_("pupils do tasks set by the employer"), default=False)
    employer_feedback = models.BooleanField(_("the employer gives the pupils feedback"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-starts_on", "title", "id"]
        indexes = [models.Index(fields=["school", "starts_on"], name="placement_school_start")]

    def __str__(self) -> str:
        return self.title


class WorkArea(models.Model):
    """A part of the workplace a pupil works in: the café floor, the stock room, the garden."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("name"), max_length=100)
    tasks = models.TextField(_("tasks"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["placement", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["school", "placement", "name"], name="work_area_unique_name")]

    def __str__(self) -> str:
        return self.name


class Assignment(TimeStampedModel):
    """A pupil on a placement, the area they settle in, and their report at the end."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="assignments")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="placement_assignments")
    area = models.ForeignKey(WorkArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("area they settle in"))
    # Usually the placement's dates; a pupil may join late or finish early.
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["placement", "id"]
        constraints = [models.UniqueConstraint(fields=["school", "placement", "pupil"],
                                               name="placement_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.pupil_id} on {self.placement_id}"


class RotationStep(models.Model):
    """Week `week` of the pupil's sessions is spent in `area`; weeks without a step use the settled area."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="rotation")
    week = models.PositiveSmallIntegerField(_("week"))
    area = models.ForeignKey(WorkArea, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["assignment", "week"]
        constraints = [models.UniqueConstraint(fields=["school", "assignment", "week"], name="rotation_unique_week")]

    def __str__(self) -> str:
        return f"week {self.week}"


class PlacementSession(models.Model):
    """One dated session of a placement; its activity is made when someone first records it."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("session"))
    date = models.DateField(_("date"))
    activity = models.OneToOneField(Activity, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="placement_session")

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["placement", "date"]
        constraints = [models.UniqueConstraint(fields=["school", "placement", "date"], name="session_unique_date")]

    def __str__(self) -> str:
        return f"{self.placement_id} session {self.number}"


class PlacementReport(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="report")
    strengths = models.TextField(_("strengths"), blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    development = models.TextField(_("areas for development"), blank=True)
    employer_feedback = models.TextField(_("the employer's feedback"), blank=True)
    reflection = models.TextField(_("the pupil's own reflection"), blank=True)
    reflection_method = models.CharField(_("how the reflection was captured"), max_length=10,
                                         choices=ResponseMethod.choices, blank=True)
    outcome = models.CharField(_("how it went"), max_length=15, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(_("notes on how it went"), blank=True,
                                     help_text=_("What helped and what got in the way, for the next placement."))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["assignment"]

    def __str__(self) -> str:
        return f"report on {self.assignment_id}"
