"""Benchmark 1: the careers training each member of staff has had."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.models import TimeStampedModel
from roadahead.people.models import Membership
from roadahead.schools.models import School


class CpdRecord(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="cpd_records",
                               verbose_name=_("member of staff"))
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("who ran it"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0.5"))])
    notes = models.TextField(_("notes"), blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "careers training record"

    def __str__(self) -> str:
        return self.title
