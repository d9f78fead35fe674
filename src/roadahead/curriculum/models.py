"""Benchmark 4: subjects, their schemes of learning and the careers statements in them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.models import TimeStampedModel
from roadahead.schools.models import Phase, School, nc_year_choices


class Subject(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="subjects")
    name = models.CharField(_("subject"), max_length=100)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="subject_unique_name")]

    def __str__(self) -> str:
        return self.name


class Scheme(TimeStampedModel):
    """A scheme of learning (an MTSL, a unit of work) and how it links to careers."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="schemes")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="schemes")
    title = models.CharField(_("title"), max_length=200)
    careers_statement = models.TextField(
        _("careers statement"),
        help_text=_("How the skills in this scheme are used in jobs, or in independent adult life."))
    phases = models.ManyToManyField(Phase, blank=True, related_name="schemes", verbose_name=_("phases"))
    first_year = models.CharField(_("first NC year"), max_length=2, choices=nc_year_choices, blank=True)
    last_year = models.CharField(_("last NC year"), max_length=2, choices=nc_year_choices, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "subject__name", "title"]
        constraints = [models.UniqueConstraint(fields=["school", "subject", "title"], name="scheme_unique_title")]

    def __str__(self) -> str:
        return f"{self.subject}: {self.title}"
