"""The career profile, intended destinations (transition plans) and the pupil's "My future" page.

Profile entries are never deleted in normal use: an entry that stops being true is ended (and
may be replaced by a newer one), so the profile shows both the current picture and how it
changed year by year.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.dates import academic_year_label
from roadahead.core.models import TimeStampedModel
from roadahead.people.models import Membership, Pupil
from roadahead.profiles.enums import CaptureMethod, EntryKind, PictureSection, Source
from roadahead.schools.models import DestinationCategory, School


class ProfileEntry(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="profile_entries")
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    text = models.CharField(_("what it says"), max_length=500)
    source = models.CharField(_("where it came from"), max_length=20, choices=Source.choices)
    captured = models.CharField(_("how it was captured"), max_length=20, choices=CaptureMethod.choices)
    recorded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    ended_on = models.DateField(_("no longer true from"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=300, blank=True)
    superseded_by = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="supersedes", verbose_name=_("replaced by"))
    # Staff choose which entries appear on the pupil's own "My future" page.
    on_my_future = models.BooleanField(_("show on My future"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["kind", "-recorded_on", "-id"]
        verbose_name = "career profile entry"
        verbose_name_plural = "career profile entries"
        indexes = [models.Index(fields=["school", "pupil", "ended_on"], name="profile_entry_current")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"

    @property
    def current(self) -> bool:
        return self.ended_on is None


class TransitionPlan(TimeStampedModel):
    """What the pupil, the family and the school aim for after school, as reviewed in one academic year."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="transition_plans")
    start_year = models.PositiveSmallIntegerField(_("academic year"))
    pupil_category = models.ForeignKey(DestinationCategory, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+", verbose_name=_("the pupil's aim"))
    pupil_aim = models.TextField(_("in the pupil's words"), blank=True, max_length=2000)
    family_category = models.ForeignKey(DestinationCategory, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("the family's aim"))
    family_aim = models.TextField(_("what the family says"), blank=True, max_length=2000)
    school_category = models.ForeignKey(DestinationCategory, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("the school's aim"))
    school_aim = models.TextField(_("what the school aims for"), blank=True, max_length=2000)
    plan = models.TextField(_("transition plan"), blank=True, max_length=5000,
                            help_text=_("The steps agreed towards leaving school: visits, tasters, "
                                        "applications, travel training."))
    reviewed_on = models.DateField(_("reviewed on"))
    reviewed_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reviewed by"))
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-start_year"]
        verbose_name = "intended destination and transition plan"
        constraints = [models.UniqueConstraint(fields=["school", "pupil", "start_year"],
                                               name="transition_plan_one_per_year")]

    def __str__(self) -> str:
        return f"{self.pupil_id} {self.start_year}"

    @property
    def year_label(self) -> str:
        return academic_year_label(self.start_year)


class MyFuture(TimeStampedModel):
    """The words staff write for a pupil's "My future" page; one per pupil."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    next_steps = models.TextField(_("my next steps"), blank=True, max_length=2000,
                                  help_text=_("In simple words, one step on each line. For example: "
                                              "Visit the college with Mum in May."))
    updated_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = "My future page"
        constraints = [models.UniqueConstraint(fields=["school", "pupil"], name="my_future_one_per_pupil")]

    def __str__(self) -> str:
        return f"My future {self.pupil_id}"


class Picture(TimeStampedModel):
    """A picture on a pupil's My future page: their photo or a picture staff chose.

    The file lives under MEDIA_ROOT with a random name and is only ever served by a view that
    checks the member may see the pupil; there is no public URL for it.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    section = models.CharField(_("where it goes"), max_length=20, choices=PictureSection.choices)
    alt_text = models.CharField(_("what the picture shows"), max_length=200)
    file_name = models.CharField(max_length=100, editable=False)
    mime_type = models.CharField(max_length=20, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["section", "id"]

    def __str__(self) -> str:
        return self.alt_text
