"""Choices for the career profile: what an entry says, who it came from and how it was captured."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    INTEREST = "interest", _("Interest")
    STRENGTH = "strength", _("Strength")
    LIKE = "like", _("Like")
    DISLIKE = "dislike", _("Dislike")
    ASPIRATION = "aspiration", _("Aspiration")
    WISH = "wish", _("Wish or feeling")
    WORRY = "worry", _("Worry or barrier")


# The headings the profile page shows for each kind, in this order.
KIND_HEADINGS = {
    EntryKind.INTEREST: _("Interests"),
    EntryKind.STRENGTH: _("Strengths"),
    EntryKind.LIKE: _("Likes"),
    EntryKind.DISLIKE: _("Dislikes"),
    EntryKind.ASPIRATION: _("Aspirations"),
    EntryKind.WISH: _("Wishes and feelings"),
    EntryKind.WORRY: _("Worries and barriers"),
}


class Source(models.TextChoices):
    PUPIL = "pupil", _("The pupil")
    FAMILY = "family", _("Family or carers")
    STAFF = "staff", _("School staff")
    ADVISER = "adviser", _("Careers adviser")
    EVENT_FEEDBACK = "event_feedback", _("Feedback from an event")
    PLACEMENT = "placement", _("Work experience or placement")


class CaptureMethod(models.TextChoices):
    OWN_WORDS = "own_words", _("In their own words")
    SYMBOLS = "symbols", _("With symbols or AAC")
    OBSERVATION = "observation", _("Seen by staff (observation)")
    ADVOCATE = "advocate", _("Through an advocate")


class Aim(models.TextChoices):
    """Whose aim after school a transition plan records."""

    PUPIL = "pupil", _("The pupil")
    FAMILY = "family", _("The family")
    SCHOOL = "school", _("The school")


class PictureSection(models.TextChoices):
    """Where a picture sits on the My future page."""

    PHOTO = "photo", _("My photo (at the top)")
    LIKE = "like", _("What I like")
    GOOD_AT = "good_at", _("What I am good at")
    WANT_NEXT = "want_next", _("What I want next")
    NEXT_STEPS = "next_steps", _("My next steps")
