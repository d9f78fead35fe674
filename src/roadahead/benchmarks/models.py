"""The Gatsby Benchmarks as data: each school holds its own copy, so titles can follow updates."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.schools.models import School


class Benchmark(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="benchmarks")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(8)])
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, help_text=_("What the benchmark asks of the school, in a sentence or two."))

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "number"]
        constraints = [models.UniqueConstraint(fields=["school", "number"], name="benchmark_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def label(self) -> str:
        return f"Benchmark {self.number}"
