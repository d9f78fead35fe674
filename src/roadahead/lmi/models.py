"""Benchmark 2: labour market information the school received, and how it passed it on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.models import TimeStampedModel
from roadahead.schools.models import ClassGroup, Pathway, School


class LmiItem(TimeStampedModel):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    received_on = models.DateField(_("received on"))
    source = models.CharField(_("source"), max_length=200,
                              help_text=_("For example: the careers hub's monthly update; the local offer."))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what it says"), blank=True)
    link = models.URLField(_("web address"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "labour market information"

    def __str__(self) -> str:
        return self.title


class LmiFormat(models.TextChoices):
    DISCUSSION = "discussion", _("Class discussion")
    EASY_READ = "easy_read", _("Easy-read or symbol version")
    DISPLAY = "display", _("Display or poster")
    NEWSLETTER = "newsletter", _("Newsletter or letter home")
    MEETING = "meeting", _("Meeting or event")
    ONLINE = "online", _("Website or online")


class LmiShare(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(LmiItem, on_delete=models.CASCADE, related_name="shares")
    shared_on = models.DateField(_("shared on"))
    class_groups = models.ManyToManyField(ClassGroup, blank=True, related_name="+", verbose_name=_("classes"))
    pathways = models.ManyToManyField(Pathway, blank=True, related_name="+", verbose_name=_("pathways"))
    with_families = models.BooleanField(_("shared with families"), default=False)
    with_staff = models.BooleanField(_("shared with staff"), default=False)
    format = models.CharField(_("how"), max_length=12, choices=LmiFormat.choices)
    notes = models.TextField(_("notes"), blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-shared_on", "-id"]

    def __str__(self) -> str:
        return f"{self.item} shared {self.shared_on}"
