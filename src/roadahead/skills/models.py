"""Skills frameworks as data (skills and a scale of steps) and pupils' assessments against them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.activities.models import Participation
from roadahead.core.models import TimeStampedModel
from roadahead.people.models import Membership, Pupil
from roadahead.schools.models import School
from roadahead.skills.enums import Method


class Framework(TimeStampedModel):
    """A set of skills judged on one scale, such as the eight essential skills on steps 0 to 15."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    # The programme file names a framework by its code, so renaming it on screen keeps the link.
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # Archived frameworks keep their assessments and history but take no new ones.
    archived = models.BooleanField(_("archived"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["position", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["school", "code"], name="skills_framework_unique_code"),
                       models.UniqueConstraint(fields=["school", "name"], name="skills_framework_unique_name")]

    def __str__(self) -> str:
        return self.name


class Step(models.Model):
    """One step of a framework's scale: a number and what it means in words."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="steps")
    value = models.PositiveSmallIntegerField(_("step"))
    label = models.CharField(_("label"), max_length=100)
    description = models.TextField(_("what it looks like"), blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["framework", "value"]
        constraints = [models.UniqueConstraint(fields=["school", "framework", "value"], name="skills_step_unique")]

    def __str__(self) -> str:
        return f"{self.value}: {self.label}"


class Skill(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="skills")
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    archived = models.BooleanField(_("archived"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["framework", "position", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "framework", "code"], name="skills_skill_unique_code"),
            models.UniqueConstraint(fields=["school", "framework", "name"], name="skills_skill_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Assessment(TimeStampedModel):
    """Where a pupil was on one skill on one day, who judged it, how, and on what evidence."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="skill_assessments")
    # PROTECT: a skill with history is archived, never deleted.
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="assessments")
    step = models.PositiveSmallIntegerField(_("step"))
    date = models.DateField(_("date"))
    assessed_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("assessed by"))
    method = models.CharField(_("how it was judged"), max_length=12, choices=Method.choices,
                              default=Method.OBSERVATION)
    evidence = models.TextField(_("evidence"), blank=True)
    participation = models.ForeignKey(Participation, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("activity"))
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["school", "pupil", "skill", "date"], name="skills_assessment_pupil"),
            models.Index(fields=["school", "skill", "date"], name="skills_assessment_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.pupil_id} {self.skill_id} step {self.step} on {self.date}"
