"""EHCP annual reviews and the Preparing for Adulthood outcomes and targets reviewed at them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.models import TimeStampedModel
from roadahead.people.models import Membership, Pupil
from roadahead.reviews.enums import OutcomeKind, PfaArea, ProgressLevel, ReviewOutcome
from roadahead.schools.models import AcademicYear, School


class AnnualReview(TimeStampedModel):
    """One pupil's EHCP annual review in one academic year: when it is due, and once held, what happened.

    The academic year is that of the due date, so a review due in July and held in September still
    belongs to the year it was due in.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="annual_reviews")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="+")
    date_due = models.DateField(_("date due"))
    date_held = models.DateField(_("date held"), null=True, blank=True)
    attendees = models.TextField(_("who attended"), blank=True,
                                 help_text=_("Names and roles, for example: Mum; class teacher; careers adviser; "
                                             "speech and language therapist."))
    pupil_views = models.TextField(_("the pupil's views"), blank=True,
                                   help_text=_("What the pupil said, signed or showed, and how (own words, symbols, "
                                               "an advocate)."))
    notes = models.TextField(_("notes"), blank=True)
    outcome = models.CharField(_("outcome of the review"), max_length=20, choices=ReviewOutcome.choices, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    recorded_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-date_due", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "pupil", "academic_year"], name="annual_review_one_a_year"),
        ]
        indexes = [models.Index(fields=["school", "pupil", "date_due"], name="annual_review_due")]

    def __str__(self) -> str:
        return f"Annual review due {self.date_due:%d %b %Y}"

    @property
    def held(self) -> bool:
        return self.date_held is not None


class PfaOutcome(TimeStampedModel):
    """An EHCP outcome or a personal provision plan target under one Preparing for Adulthood area."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="pfa_outcomes")
    area = models.CharField(_("Preparing for Adulthood area"), max_length=20, choices=PfaArea.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=OutcomeKind.choices, default=OutcomeKind.EHCP_OUTCOME)
    text = models.TextField(_("outcome or target"))
    set_on = models.DateField(_("agreed on"))
    review = models.ForeignKey(AnnualReview, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="outcomes_set", verbose_name=_("agreed at review"))
    ended_on = models.DateField(_("no longer worked on from"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["area", "set_on", "id"]
        indexes = [models.Index(fields=["school", "pupil", "area"], name="pfa_outcome_pupil")]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.text[:40]}"


class PfaProgress(models.Model):
    """Progress towards an outcome or target on one day, by whom; the history is every row."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    outcome = models.ForeignKey(PfaOutcome, on_delete=models.CASCADE, related_name="progress")
    date = models.DateField(_("date"))
    level = models.CharField(_("progress"), max_length=20, choices=ProgressLevel.choices)
    note = models.TextField(_("note"), blank=True)
    review = models.ForeignKey(AnnualReview, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="progress", verbose_name=_("recorded at review"))
    recorded_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = "PfA progress"
        indexes = [models.Index(fields=["school", "outcome", "date"], name="pfa_progress_date")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} on {self.date:%d %b %Y}"
