"""Tag colours for progress levels and review due states; each tag also says its state in words."""

from __future__ import annotations

from django import template

from roadahead.reviews.enums import DueStatus, ProgressLevel

register = template.Library()

LEVEL_TAGS = {ProgressLevel.NOT_STARTED: "govuk-tag--grey", ProgressLevel.EMERGING: "govuk-tag--yellow",
              ProgressLevel.DEVELOPING: "govuk-tag--blue", ProgressLevel.SECURE: "govuk-tag--turquoise",
              ProgressLevel.ACHIEVED: "govuk-tag--green"}
DUE_TAGS = {DueStatus.OVERDUE: "govuk-tag--red", DueStatus.DUE_SOON: "govuk-tag--yellow",
            DueStatus.LATER: "govuk-tag--blue", DueStatus.NO_DATE: "govuk-tag--grey"}


@register.filter
def level_tag(level: str) -> str:
    return LEVEL_TAGS.get(level, "govuk-tag--grey")  # type: ignore[call-overload]


@register.filter
def due_tag(status: str) -> str:
    return DUE_TAGS.get(status, "govuk-tag--grey")  # type: ignore[call-overload]


@register.filter
def due_label(status: str) -> str:
    return str(DueStatus(status).label) if status in DueStatus.values else ""
