"""The careers information a school publishes on its website, kept in one record per school.

What must be published (careers leader's contacts, programme summary, how impact is measured,
the next review date, how to get guidance and the provider access policy statement) is held as
separate fields, so the public page and its easy-read version are rendered from the same record.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from roadahead.core.models import TimeStampedModel
from roadahead.schools.models import School

# Filled in before the page may be published: the information the school must make public.
REQUIRED_TO_PUBLISH = ("leader_name", "leader_email", "leader_phone", "summary", "impact", "next_review_on",
                       "guidance", "pal_how_to_ask", "pal_contact", "pal_refusal_grounds", "pal_premises",
                       "pal_times")


class PublicPage(TimeStampedModel):
    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="+")
    leader_name = models.CharField(_("careers leader's name"), max_length=200, blank=True)
    leader_email = models.EmailField(_("careers leader's email address"), blank=True)
    leader_phone = models.CharField(_("careers leader's phone number"), max_length=40, blank=True)
    summary = models.TextField(_("summary of the careers programme"), blank=True)
    impact = models.TextField(_("how the school measures the programme's impact"), blank=True)
    next_review_on = models.DateField(_("date of the next review of this information"), null=True, blank=True)
    guidance = models.TextField(_("how pupils and families get personal careers guidance"), blank=True)
    pal_how_to_ask = models.TextField(_("how a provider asks to come in"), blank=True)
    pal_contact = models.CharField(_("who providers contact"), max_length=300, blank=True)
    pal_refusal_grounds = models.TextField(_("reasons the school may say no to a request"), blank=True)
    pal_premises = models.TextField(_("rooms and facilities a provider may use"), blank=True)
    pal_times = models.TextField(_("times and events set aside for providers"), blank=True)
    safeguarding = models.TextField(_("what the school expects of visitors for safeguarding"), blank=True)
    easy_read = models.TextField(_("easy-read summary"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = "public careers page"

    def __str__(self) -> str:
        return f"Careers page {self.school_id}"

    def clean(self) -> None:
        if not self.published:
            return
        missing = {name: _("Fill this in before you publish the page.")
                   for name in REQUIRED_TO_PUBLISH if not getattr(self, name)}
        if missing:
            raise ValidationError(missing)

    def review_overdue(self, today) -> bool:  # type: ignore[no-untyped-def]
        return self.next_review_on is not None and self.next_review_on < today
