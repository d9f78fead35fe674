from __future__ import annotations

import datetime as dt

from roadahead.lmi.models import LmiFormat, LmiItem, LmiShare
from roadahead.schools.models import School


def item(school: School, received_on: dt.date, title: str = "Jobs in care") -> LmiItem:
    return LmiItem.objects.create(school=school, received_on=received_on, source="Careers hub update", title=title)


def share(entry: LmiItem, shared_on: dt.date, *, classes=(), pathways=(), families: bool = False,
          staff: bool = False) -> LmiShare:
    made = LmiShare.objects.create(school=entry.school, item=entry, shared_on=shared_on, with_families=families,
                                   with_staff=staff, format=LmiFormat.DISCUSSION)
    made.class_groups.set(classes)
    made.pathways.set(pathways)
    return made
