"""Leavers' destinations, the check-ins a year, two and three years on, and the retention schedule.

A leaver may have several destinations over time: a check-in that finds the young person has moved
on records the new destination, and the latest by start date is the current one. Check-ins belong
to the pupil, not to one destination, because they are scheduled from the day the pupil left.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.models import TimeStampedModel
from roadahead.destinations.enums import CheckInStatus
from roadahead.people.models import Membership, Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import DestinationCategory, Pathway, School

CHECK_IN_YEARS = (1, 2, 3)
# A leaver's current destination is the one that started last; one with no start date counts as the
# earliest, on SQLite and PostgreSQL alike (they sort NULLs differently by default).
NEWEST_FIRST = (models.F("start_date").desc(nulls_last=True), "-id")


class Destination(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="destinations")
    category = models.ForeignKey(DestinationCategory, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("destination"))
    provider = models.ForeignKey(Provider, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("provider"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The pathway it was judged against (the pupil's last), kept so the judgement can be explained
    # and reports still add up after the pupil's details are anonymised.
    pathway = models.ForeignKey(Pathway, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    in_keeping_auto = models.BooleanField(null=True, editable=False)
    in_keeping_override = models.BooleanField(_("in keeping with the pathway's aspiration"), null=True, blank=True)
    override_reason = models.TextField(_("why"), blank=True)
    recorded_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "pupil", "-start_date", "-id"]
        indexes = [models.Index(fields=["school", "pupil"], name="destination_school_pupil")]

    def __str__(self) -> str:
        return f"Destination {self.pk}"

    @property
    def in_keeping(self) -> bool | None:
        """The staff judgement when one was made, else the automatic one (None: no pathway to judge by)."""
        return self.in_keeping_override if self.in_keeping_override is not None else self.in_keeping_auto


class CheckIn(TimeStampedModel):
    """One of the three yearly check-ins after a pupil leaves."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="destination_check_ins")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(3)])
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("checked on"), null=True, blank=True)
    status = models.CharField(_("what we found"), max_length=20, choices=CheckInStatus.choices, blank=True)
    sustained = models.BooleanField(_("sustained"), null=True, blank=True)
    # The destination that was current when checked, and the new one when it had changed.
    destination = models.ForeignKey(Destination, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    new_destination = models.ForeignKey(Destination, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["school", "pupil", "number"], name="check_in_unique")]
        indexes = [models.Index(fields=["school", "done_on", "due_on"], name="check_in_school_due")]

    def __str__(self) -> str:
        return f"Check-in {self.number} for pupil {self.pupil_id}"


class RetentionPolicy(models.Model):
    """How long a school keeps leavers' details; without a row, the default of three years."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="+")
    years_after_leaving = models.PositiveSmallIntegerField(
        _("years after leaving"), default=3, validators=[MinValueValidator(3), MaxValueValidator(25)],
        help_text=_("Destination records and leavers' personal details are anonymised this many years after "
                    "they left. At least three, so every check-in can be made."))

    objects = ScopedManager(school="school")

    def __str__(self) -> str:
        return f"Retention for school {self.school_id}"


class Anonymisation(models.Model):
    """A leaver whose personal details were anonymised, when and by whom (the audit log says so too)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.OneToOneField(Pupil, on_delete=models.CASCADE, related_name="anonymisation")
    anonymised_on = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ScopedManager(school="school")

    def __str__(self) -> str:
        return f"Anonymised pupil {self.pupil_id}"
