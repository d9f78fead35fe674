"""Users, their roles in each school, and pupils with their per-year enrolments."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core import dates
from roadahead.core.models import TimeStampedModel
from roadahead.people.enums import NeedType, Role, SenProvision, Sex
from roadahead.people.validators import validate_upn
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway, School, nc_year_choices


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. People sign in with their email address."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def display_name(self) -> str:
        return self.full_name or self.email


class Membership(TimeStampedModel):
    """A user's role in one school. A user may belong to several schools of a trust."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    class_groups = models.ManyToManyField(ClassGroup, blank=True, related_name="staff",
                                          verbose_name=_("classes"))
    # Careers advisers: their qualification matters for Benchmark 8 (Level 6 or above).
    qualification_level = models.PositiveSmallIntegerField(_("careers guidance qualification level"),
                                                           null=True, blank=True)
    independent_of_school = models.BooleanField(_("independent of the school"), default=False)

    class Meta:
        ordering = ["school", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["school", "user"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def can_manage(self) -> bool:
        return self.role == Role.CAREERS_LEADER

    @property
    def read_only(self) -> bool:
        return self.role == Role.LEADER


class Pupil(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="pupils")
    upn = models.CharField(_("UPN"), max_length=13, validators=[validate_upn],
                           help_text=_("Unique pupil number: a letter and 12 digits."))
    legal_forename = models.CharField(_("legal forename"), max_length=100)
    legal_surname = models.CharField(_("legal surname"), max_length=100)
    preferred_forename = models.CharField(_("preferred forename"), max_length=100, blank=True)
    preferred_surname = models.CharField(_("preferred surname"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    sen_provision = models.CharField(_("SEN provision"), max_length=1, choices=SenProvision.choices,
                                     default=SenProvision.EHC_PLAN)
    ehcp_last_review = models.DateField(_("last EHCP annual review"), null=True, blank=True)
    ehcp_next_review = models.DateField(_("next EHCP annual review due"), null=True, blank=True)
    looked_after = models.BooleanField(_("looked after (in care)"), default=False)
    communication_notes = models.TextField(
        _("how the pupil communicates"), blank=True,
        help_text=_("For example: uses symbols and a communication book; Makaton; needs time to answer."))
    date_joined = models.DateField(_("date joined"), null=True, blank=True)
    date_left = models.DateField(_("date left"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["legal_surname", "legal_forename", "id"]
        constraints = [models.UniqueConstraint(fields=["school", "upn"], name="pupil_unique_upn")]
        indexes = [models.Index(fields=["school", "legal_surname", "legal_forename"], name="pupil_school_name")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def forename(self) -> str:
        return self.preferred_forename or self.legal_forename

    @property
    def surname(self) -> str:
        return self.preferred_surname or self.legal_surname

    @property
    def display_name(self) -> str:
        return f"{self.forename} {self.surname}"

    @property
    def sort_name(self) -> str:
        return f"{self.surname}, {self.forename}"

    def on_roll(self, day: Any) -> bool:
        return self.date_left is None or self.date_left >= day

    def age_on(self, day: Any) -> int:
        return dates.age_on(self.date_of_birth, day)


class PupilNeed(models.Model):
    """One of a pupil's types of special educational need; rank 1 is the primary need."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(max_length=4, choices=NeedType.choices)
    rank = models.PositiveSmallIntegerField(default=1)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["pupil", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["school", "pupil", "rank"], name="pupil_need_unique_rank"),
            models.UniqueConstraint(fields=["school", "pupil", "need"], name="pupil_need_unique_need"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}: {self.need}"


class Enrolment(models.Model):
    """A pupil's year-specific facts: entitlements are judged on the year they belong to."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="enrolments")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="enrolments")
    nc_year = models.CharField(_("NC year"), max_length=2, choices=nc_year_choices)
    class_group = models.ForeignKey(ClassGroup, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="enrolments", verbose_name=_("class"))
    pathway = models.ForeignKey(Pathway, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="enrolments")

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["academic_year__start_year"]
        constraints = [models.UniqueConstraint(fields=["school", "pupil", "academic_year"], name="enrolment_unique")]
        indexes = [models.Index(fields=["school", "academic_year", "nc_year"], name="enrolment_year")]

    def __str__(self) -> str:
        return f"{self.academic_year}: {dates.nc_year_label(self.nc_year)}"

    @property
    def nc_year_label(self) -> str:
        return dates.nc_year_label(self.nc_year)


class AdviserAssignment(models.Model):
    """A careers adviser sees only the pupils assigned to them."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    adviser = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="assignments")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="adviser_assignments")

    objects = ScopedManager(school="school")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "adviser", "pupil"], name="adviser_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.adviser} → {self.pupil_id}"
