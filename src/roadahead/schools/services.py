from __future__ import annotations

from django.db import transaction

from roadahead.core import dates
from roadahead.schools.models import AcademicYear, School


@transaction.atomic
def ensure_academic_year(*, school: School, start_year: int) -> AcademicYear:
    """The school's academic year starting in `start_year`, made with 1 Sep-31 Aug if missing."""
    starts_on, ends_on = dates.academic_year_bounds(start_year)
    year, _ = AcademicYear.objects.get_or_create(
        school=school, start_year=start_year, defaults={"starts_on": starts_on, "ends_on": ends_on})
    return year
