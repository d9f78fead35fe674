"""Careers, PfA and transition events and fairs: stallholders, who came, and what they thought.

An event is an activity (so pupils' attendance and responses are recorded as for any activity)
with stallholders, a count of families, and feedback forms; families and providers answer through
one-time links and need no account.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.activities.models import Activity
from roadahead.events.enums import Rating, Respondent
from roadahead.people.models import Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import School


class Event(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="event")
    families_attended = models.PositiveIntegerField(_("families who came"), default=0)
    invited = models.TextField(_("who was invited"), blank=True,
                               help_text=_("For example: families of all pupils; Years 7 to 14 in person."))

    objects = ScopedManager(school="school")

    def __str__(self) -> str:
        return str(self.activity)


class Stallholder(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stallholders")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="stalls")
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "event", "provider"], name="stallholder_unique")]

    def __str__(self) -> str:
        return str(self.provider)


class FeedbackLink(models.Model):
    """A one-time address for someone without an account to give feedback on an event."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="links")
    respondent = models.CharField(max_length=10, choices=Respondent.choices)
    # Only a hash of the token is kept; the address is shown once when the link is made.
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("who it is for"), max_length=100, blank=True,
                             help_text=_("A note for you, such as 'Family of a Year 10 pupil'. Avoid full names."))
    created_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(school="school")

    def __str__(self) -> str:
        return f"{self.get_respondent_display()} link for {self.event_id}"


class Feedback(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    respondent = models.CharField(max_length=10, choices=Respondent.choices)
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, null=True, blank=True, related_name="event_feedback",
                              help_text=_("For a pupil's own feedback, or a family's about their child."))
    provider = models.ForeignKey(Provider, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    rating = models.PositiveSmallIntegerField(_("how useful was it?"), choices=Rating.choices, null=True, blank=True)
    liked = models.TextField(_("what was good"), blank=True)
    improve = models.TextField(_("what could be better"), blank=True)
    next_steps = models.TextField(_("what they want to find out or do next"), blank=True)
    # A pupil's feedback can be copied into their career profile (issue: guidance and profile).
    added_to_profile = models.BooleanField(default=False)
    link = models.OneToOneField(FeedbackLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"{self.get_respondent_display()} feedback on {self.event_id}"
