"""What pupils experience: activity types, activities (one occasion each), series of sessions,
and each pupil's participation, with its history of edits.

`Activity.meaningful` and `Activity.counts_for_pal` are stored, not computed on read, so the
standing engine can count them in SQL; `activities.services` keeps them right on every save.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.activities.enums import Attendance, Engagement, Frequency, Reaction, ResponseMethod, Setting, Weekday
from roadahead.benchmarks.models import Benchmark
from roadahead.core.models import TimeStampedModel
from roadahead.curriculum.models import Scheme
from roadahead.people.models import Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import AcademicYear, School, Term


class ActivityType(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="activity_types")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True)
    default_benchmarks = models.ManyToManyField(Benchmark, blank=True, related_name="+",
                                                verbose_name=_("benchmarks it usually evidences"))
    default_setting = models.CharField(max_length=10, choices=Setting.choices, default=Setting.ON_SITE)
    # A provider encounter under the Provider Access Legislation: the four content points and
    # "in the school day" are asked for, and it counts towards the PAL key phases.
    is_provider_encounter = models.BooleanField(_("provider encounter (PAL)"), default=False)
    # An experience of a workplace (Benchmark 6): "meaningful" also needs a task set by the employer
    # and feedback from the employer.
    is_workplace_experience = models.BooleanField(_("experience of a workplace"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "code"], name="activity_type_unique_code")]

    def __str__(self) -> str:
        return self.name


class Series(TimeStampedModel):
    """A run of regular sessions (weekly work experience, a 12-week course), created once."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    activity_type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="series",
                                      verbose_name=_("type of activity"))
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts_on = models.DateField(_("first session"))
    ends_on = models.DateField(_("last session on or before"))
    setting = models.CharField(max_length=10, choices=Setting.choices, default=Setting.ON_SITE)
    purpose = models.TextField(_("purpose"), blank=True)
    learning_outcomes = models.TextField(_("learning outcomes"), blank=True)
    providers = models.ManyToManyField(Provider, blank=True, related_name="+")
    benchmarks = models.ManyToManyField(Benchmark, blank=True, related_name="+")
    pupils = models.ManyToManyField(Pupil, blank=True, related_name="+", verbose_name=_("pupils taking part"))

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["school", "-starts_on"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title


class Activity(TimeStampedModel):
    """One occasion: a lesson, a talk, a visit, a session of a series, a fair."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="activities")
    activity_type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="activities",
                                      verbose_name=_("type of activity"))
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    end_date = models.DateField(_("last day"), null=True, blank=True,
                                help_text=_("Only for activities lasting more than one day."))
    # Derived from the date and the school's calendar by the service, for cheap grouping.
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+", editable=False)
    term = models.ForeignKey(Term, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             editable=False)
    setting = models.CharField(_("where"), max_length=10, choices=Setting.choices, default=Setting.ON_SITE)
    providers = models.ManyToManyField(Provider, blank=True, related_name="activities",
                                       verbose_name=_("providers"))
    people_met = models.TextField(_("people the pupils met"), blank=True,
                                  help_text=_("Roles rather than names: the site manager, two college tutors."))
    purpose = models.TextField(_("purpose"), blank=True)
    learning_outcomes = models.TextField(_("learning outcomes"), blank=True)
    benchmarks = models.ManyToManyField(Benchmark, blank=True, related_name="activities",
                                        verbose_name=_("benchmarks it evidences"))
    scheme = models.ForeignKey(Scheme, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities",
                               verbose_name=_("scheme of learning"))
    series = models.ForeignKey(Series, on_delete=models.CASCADE, null=True, blank=True, related_name="sessions")

    # The "meaningful" checklist (Benchmarks 5 and 6).
    purpose_shared = models.BooleanField(_("a clear purpose was shared with the provider and the pupils"),
                                         default=False)
    outcomes_fitted = models.BooleanField(_("learning outcomes were fitted to the pupils"), default=False)
    two_way = models.BooleanField(_("pupils and the provider talked and did things together"), default=False)
    reflection = models.BooleanField(_("pupils had time to reflect afterwards"), default=False)
    employer_task = models.BooleanField(_("pupils did a task set by the employer"), default=False)
    employer_feedback = models.BooleanField(_("the employer gave the pupils feedback"), default=False)
    meaningful = models.BooleanField(default=False, editable=False)

    # Provider Access Legislation: the four things an encounter must cover, in the school day.
    pal_provider = models.BooleanField(_("the provider and its courses or apprenticeships"), default=False)
    pal_careers = models.BooleanField(_("the careers they lead to"), default=False)
    pal_learning = models.BooleanField(_("what learning there is like"), default=False)
    pal_questions = models.BooleanField(_("pupils' questions were answered"), default=False)
    in_school_day = models.BooleanField(_("in the school day"), default=True)
    counts_for_pal = models.BooleanField(default=False, editable=False)

    # Blank for activities written by an import or a command rather than a person.
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    # The activity_ref of the imported file that made it: importing the file again updates this
    # activity instead of adding a second copy. Empty for activities recorded on screen.
    import_ref = models.CharField(  # noqa: DJ001 (NULL, not "", so the unique key allows many unset)
        _("reference in an imported file"), max_length=100, null=True, blank=True, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = "activities"
        constraints = [models.UniqueConstraint(fields=["school", "import_ref"], name="activity_unique_import_ref")]
        indexes = [
            models.Index(fields=["school", "date"], name="activity_school_date"),
            models.Index(fields=["school", "academic_year"], name="activity_school_year"),
        ]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """One pupil's part in one activity: whether they came, how they engaged, what they made of it."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="participations")
    attendance = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.ATTENDED)
    engagement = models.PositiveSmallIntegerField(choices=Engagement.choices, null=True, blank=True)
    reaction = models.CharField(_("how they felt"), max_length=10, choices=Reaction.choices, blank=True)
    response = models.TextField(_("what they said or showed"), blank=True)
    response_method = models.CharField(_("how it was captured"), max_length=10, choices=ResponseMethod.choices,
                                       blank=True)
    staff_note = models.TextField(_("staff note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["activity", "pupil"]
        constraints = [models.UniqueConstraint(fields=["school", "activity", "pupil"], name="participation_unique")]
        indexes = [models.Index(fields=["school", "pupil"], name="participation_school_pupil")]

    def __str__(self) -> str:
        return f"{self.pupil_id} at {self.activity_id}: {self.attendance}"


class ParticipationRevision(models.Model):
    """What a participation said before someone changed it: edits keep their history."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    previous = models.JSONField()

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"revision of {self.participation_id}"
