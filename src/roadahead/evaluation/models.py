"""The termly self-evaluation against the Gatsby Benchmarks.

`Criterion` rows are the school's copy of the criteria (loaded from `defaults.py`, in the wording
for its kind of school). An `Evaluation` is one term's judgement on a chosen cohort; it holds one
`Mark` per criterion. `Action` rows are the action plan, per benchmark, kept across terms.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.benchmarks.models import Benchmark
from roadahead.core.models import TimeStampedModel
from roadahead.evaluation.enums import Status, Variant
from roadahead.people.models import Membership
from roadahead.schools.enums import TermName
from roadahead.schools.models import School, nc_year_choices


class Criterion(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=10)
    text = models.TextField()
    variant = models.CharField(max_length=10, choices=Variant.choices, default=Variant.SPECIAL)
    rule = models.CharField(_("suggestion rule"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "order", "code"]
        verbose_name_plural = "criteria"
        constraints = [models.UniqueConstraint(fields=["school", "code"], name="criterion_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:40]}"


class Evaluation(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    start_year = models.PositiveSmallIntegerField(_("academic year"))
    term = models.CharField(_("term"), max_length=20, choices=TermName.choices)
    # The cohort the benchmarks are judged on, by NC year on the year's enrolment; both blank
    # means every pupil on roll.
    cohort_from = models.CharField(_("from NC year"), max_length=2, choices=nc_year_choices, blank=True)
    cohort_to = models.CharField(_("to NC year"), max_length=2, choices=nc_year_choices, blank=True)
    cohort_note = models.TextField(_("why this cohort"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "-start_year", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["school", "start_year", "term"],
                                               name="evaluation_unique_term")]

    def __str__(self) -> str:
        return f"{self.get_term_display()} {self.start_year}/{str(self.start_year + 1)[-2:]}"


class Mark(models.Model):
    """One criterion's status in one evaluation, with the evidence behind it.

    `confirmed` is set when the careers leader saves the criterion; a suggestion from the records
    may fill in an unconfirmed mark but never changes a confirmed one.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="marks")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="marks")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    evidence = models.TextField(_("evidence"), blank=True)
    confirmed = models.BooleanField(default=False)
    from_suggestion = models.BooleanField(default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["evaluation", "criterion__order"]
        constraints = [models.UniqueConstraint(fields=["school", "evaluation", "criterion"], name="mark_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id} in {self.evaluation_id}: {self.status}"


class Action(TimeStampedModel):
    """One step of the action plan for a benchmark: what, who, by when, and whether it is done."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(Evaluation, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="actions", help_text=_("The evaluation it was raised in."))
    description = models.CharField(_("action"), max_length=300)
    owner_member = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name=_("owner"))
    owner_text = models.CharField(_("owner, if not a member of staff"), max_length=120, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["benchmark__number", "done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def owner_label(self) -> str:
        if self.owner_member_id and self.owner_member is not None:
            return self.owner_member.user.display_name
        return self.owner_text
