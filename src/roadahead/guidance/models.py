"""Benchmark 8: one-to-one careers guidance meetings and the actions agreed at them.

Each meeting is also an activity of the school's "guidance-meeting" type with the pupil attending
(`activity`), so the standing engine counts it like anything else a pupil does. The activity
carries no notes: activities are listed to every member, guidance notes are not.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.activities.models import Activity
from roadahead.core.models import TimeStampedModel
from roadahead.guidance.enums import Advocate, Communication, Mode, Qualification
from roadahead.people.models import Membership, Pupil
from roadahead.schools.models import School


class GuidanceMeeting(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="guidance_meetings")
    # Members are deactivated rather than deleted; if one ever is deleted (or the whole school),
    # the meeting stays with its copied qualification rather than blocking the deletion.
    adviser = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, related_name="guidance_meetings",
                                verbose_name=_("adviser"))
    # Copied from the adviser when the meeting is recorded, since qualifications change and
    # Benchmark 8 is judged on who held the meeting at the time.
    adviser_qualification = models.CharField(_("adviser's careers guidance qualification"), max_length=20,
                                             choices=Qualification.choices, default=Qualification.NOT_KNOWN)
    adviser_independent = models.BooleanField(_("adviser independent of the school"), default=False)
    date = models.DateField(_("date"))
    mode = models.CharField(_("how the meeting was held"), max_length=12, choices=Mode.choices,
                            default=Mode.IN_PERSON)
    advocate = models.CharField(_("who supported the pupil"), max_length=20, choices=Advocate.choices,
                                default=Advocate.NONE)
    communication = models.JSONField(_("how the pupil communicated"), default=list, blank=True)
    support_notes = models.TextField(_("how they were supported"), blank=True)
    pupil_words = models.TextField(_("the pupil's own words"), blank=True)
    discussed = models.TextField(_("what was discussed"), blank=True)
    next_due = models.DateField(_("next meeting due"), null=True, blank=True)
    # The activity the standing engine counts. SET_NULL rather than CASCADE: deleting the activity
    # from the activities pages must not take the guidance notes with it; saving the meeting again
    # makes a new activity.
    activity = models.OneToOneField(Activity, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="guidance_meeting", editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["school", "pupil", "date"], name="guidance_school_pupil_date"),
            models.Index(fields=["school", "next_due"], name="guidance_school_next_due"),
        ]

    def __str__(self) -> str:
        return f"Guidance meeting {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        values = self.communication
        if not isinstance(values, list) or any(v not in Communication.values for v in values):
            raise ValidationError({"communication": _("Choose how the pupil communicated from the list.")})
        if self.next_due is not None and self.date is not None and self.next_due <= self.date:
            raise ValidationError({"next_due": _("The next meeting must be due after this one.")})

    @property
    def adviser_name(self) -> str:
        return self.adviser.user.display_name if self.adviser is not None else str(_("A former member of staff"))

    def get_communication_display(self) -> list[str]:
        labels = dict(Communication.choices)
        return [str(labels[v]) for v in self.communication if v in labels]


class GuidanceAction(TimeStampedModel):
    """Something agreed at a meeting: who will do it and by when."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(GuidanceMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner_member = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="guidance_actions", verbose_name=_("member of staff doing it"))
    owner_text = models.CharField(_("who is doing it"), max_length=120, blank=True,
                                  help_text=_("Someone who is not on the staff list: the pupil, Mum, the college."))
    due_on = models.DateField(_("due by"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["meeting", "id"]
        indexes = [models.Index(fields=["school", "done_on", "due_on"], name="guidance_action_outstanding")]

    def __str__(self) -> str:
        return self.description

    @property
    def owner_label(self) -> str:
        if self.owner_member is not None:
            return self.owner_member.user.display_name
        return self.owner_text
