from __future__ import annotations

import datetime as dt
from decimal import Decimal

from roadahead.cpd.models import CpdRecord
from roadahead.people.models import Membership


def record(member: Membership, day: dt.date, hours: str, title: str = "Careers and SEND") -> CpdRecord:
    return CpdRecord.objects.create(school=member.school, member=member, date=day, title=title, hours=Decimal(hours))
