"""Transition visits: a provider's visit to school paired with the pupils' visit to the provider,
and one pupil's own visits to a possible next placement.

Every visit is also an activity (`activity`), recorded on the activities recording screen like
anything else a pupil does, so each pupil's attendance, engagement and response live on their
participation and the standing engine counts the visit. The activity is the visit: deleting it
deletes the visit too. What only a transition visit has (the pair, who went with the pupil, next
steps) lives here.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.activities.models import Activity
from roadahead.core.models import TimeStampedModel
from roadahead.people.models import Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import School
from roadahead.transition.enums import PAIR_KINDS, Companion, VisitKind


class TransitionPair(TimeStampedModel):
    """A provider that may suit a group: its staff visit the school, then the group visits it."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="transition_pairs",
                                 verbose_name=_("provider"))
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("what the visits are for"), blank=True, max_length=2000)
    # The group the provider may suit: who the recording screen starts with for both halves.
    pupils = models.ManyToManyField(Pupil, blank=True, related_name="+", verbose_name=_("pupils"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "paired transition visit"

    def __str__(self) -> str:
        return self.title


class TransitionVisit(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of visit"), max_length=12, choices=VisitKind.choices)
    pair = models.ForeignKey(TransitionPair, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="visits")
    # Kept here as well as on the activity, so lists by provider need no join through providers.
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="transition_visits",
                                 verbose_name=_("provider"))
    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="transition_visit",
                                    editable=False)
    # Individual visits only: whose visit it is.
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="transition_visits")
    companions = models.JSONField(_("who went with the pupil"), default=list, blank=True)
    companions_note = models.CharField(_("who else went"), max_length=200, blank=True)
    next_steps = models.TextField(_("next steps"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "pair", "kind"], condition=Q(pair__isnull=False),
                                    name="transition_one_half_of_each_kind"),
            models.CheckConstraint(
                condition=(Q(kind=VisitKind.INDIVIDUAL, pupil__isnull=False, pair__isnull=True)
                           | Q(kind__in=list(PAIR_KINDS), pupil__isnull=True, pair__isnull=False)),
                name="transition_visit_pair_or_pupil"),
        ]
        indexes = [
            models.Index(fields=["school", "provider"], name="transition_school_provider"),
            models.Index(fields=["school", "pupil"], name="transition_school_pupil"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.provider_id})"

    def clean(self) -> None:
        values = self.companions
        if not isinstance(values, list) or any(v not in Companion.values for v in values):
            raise ValidationError({"companions": _("Choose who went with the pupil from the list.")})

    @property
    def is_individual(self) -> bool:
        return self.kind == VisitKind.INDIVIDUAL

    def get_companions_display(self) -> list[str]:
        labels = dict(Companion.choices)
        return [str(labels[v]) for v in self.companions if v in labels]
