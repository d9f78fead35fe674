"""The yearly stakeholder feedback survey (Benchmark 1).

A `Survey` belongs to an academic year and has `Question` rows (data: wording, kind, which groups
are asked, order). Each group answers through its own `SurveyLink` (an unguessable token, usable
without sign-in while the survey is open) or staff enter an answer on someone's behalf. A
`Response` is anonymous: it records the group, how the answer was given and the day, never a
name, email, IP address or pupil.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.models import TimeStampedModel
from roadahead.schools.models import AcademicYear, School
from roadahead.surveys.enums import Group, Kind, Method, YesNo


class Survey(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("academic year"))
    title = models.CharField(_("title"), max_length=120)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    is_open = models.BooleanField(_("taking answers"), default=True,
                                  help_text=_("Untick to stop answers before the closing date."))

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "-academic_year__start_year", "-opens_on", "-id"]
        indexes = [models.Index(fields=["school", "academic_year"], name="survey_school_year")]

    def __str__(self) -> str:
        return self.title

    def accepts_answers(self, day: object) -> bool:
        return bool(self.is_open and self.opens_on <= day <= self.closes_on)  # type: ignore[operator]


class Question(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    for_pupils = models.BooleanField(_("pupils"), default=False)
    for_families = models.BooleanField(_("parents and carers"), default=False)
    for_employers = models.BooleanField(_("employers and providers"), default=False)
    for_staff = models.BooleanField(_("staff"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("asked"), default=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["survey", "order", "id"]
        indexes = [models.Index(fields=["school", "survey", "order"], name="survey_question_order")]

    def __str__(self) -> str:
        return self.text

    @property
    def groups(self) -> list[str]:
        return [g for g in Group.values if getattr(self, f"for_{g}")]

    def asks(self, group: str) -> bool:
        return bool(getattr(self, f"for_{group}", False))


class SurveyLink(models.Model):
    """The address one group answers through. Shared with the whole group (a letter home, an email
    to employers), so the careers leader can see it again; making a new one stops the old one."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    group = models.CharField(max_length=10, choices=Group.choices)
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "survey", "group"], name="survey_link_unique")]

    def __str__(self) -> str:
        return f"{self.get_group_display()} link for survey {self.survey_id}"


class Response(models.Model):
    """One person's answers. Anonymous: the group, how they answered and the day only."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(_("who answered"), max_length=10, choices=Group.choices)
    method = models.CharField(_("how the answer was given"), max_length=12, choices=Method.choices)
    answered_on = models.DateField()

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["survey", "answered_on", "id"]
        indexes = [models.Index(fields=["school", "survey", "group"], name="survey_response_group")]

    def __str__(self) -> str:
        return f"{self.get_group_display()} response to survey {self.survey_id}"


class Answer(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=10, choices=YesNo.choices, blank=True)
    text = models.TextField(blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "response", "question"], name="survey_answer_unique"),
            models.CheckConstraint(condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                                   name="survey_answer_rating_range"),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"
