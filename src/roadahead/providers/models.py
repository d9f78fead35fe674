"""The directory of employers, colleges and services a school works with."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.models import TimeStampedModel
from roadahead.providers.enums import ProviderKind, SendConfidence
from roadahead.schools.models import School


class Provider(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of provider"), max_length=30, choices=ProviderKind.choices)
    offers = models.TextField(_("what they offer"), blank=True,
                              help_text=_("Courses, jobs, placements, talks or services."))
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    hosts_send_placements = models.BooleanField(_("hosts SEND placements or visits"), default=False)
    send_adjustments = models.TextField(
        _("adjustments they make"), blank=True,
        help_text=_("For example: quiet room, job coach welcome, visual instructions, step-free access."))
    send_confidence = models.CharField(_("confidence with SEND"), max_length=20, choices=SendConfidence.choices,
                                       default=SendConfidence.UNKNOWN)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("still working with us"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["school", "kind"], name="provider_school_kind")]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="provider_unique_name")]

    def __str__(self) -> str:
        return self.name
