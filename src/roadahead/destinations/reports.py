"""Destination figures by pathway, year of leaving and group; the local authority's leaver file.

Everything here loads a school's leavers in a fixed number of queries and works in Python, so a
report costs the same whatever the number of leavers. Anonymised leavers keep their pathway, year
of leaving, sex, needs, looked-after status and destinations, so they still count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from roadahead.core import dates
from roadahead.core.downloads import csv_text, record_rows
from roadahead.core.privacy import SMALLEST_GROUP
from roadahead.destinations.models import Anonymisation, CheckIn, Destination
from roadahead.destinations.nccis import meaning
from roadahead.destinations.selectors import leaving_year_in
from roadahead.people.enums import NeedType, Sex
from roadahead.people.models import Enrolment, Pupil, PupilNeed
from roadahead.schools.models import AcademicYear, Pathway, School

DIMENSIONS = {"pathway": "Pathway", "year": "Year of leaving", "need": "Primary need", "sex": "Sex",
              "looked_after": "Looked after"}
NO_PATHWAY = "No pathway"


@dataclass
class Leaver:
    pupil_id: int
    date_left: dt.date
    leaving_year: int
    sex: str
    looked_after: bool
    need: str
    pathway: str
    destination: Destination | None
    latest_check_in: CheckIn | None
    sustained: bool | None


@dataclass
class Group:
    dimension: str
    label: str
    leavers: int = 0
    with_destination: int = 0
    sustained: int = 0
    in_keeping: int = 0
    sustained_in_keeping: int = 0
    suppressed: bool = False

    def share(self, count: int) -> int | None:
        return None if self.suppressed or not self.leavers else round(100 * count / self.leavers)

    @property
    def sustained_share(self) -> int | None:
        return self.share(self.sustained)

    @property
    def in_keeping_share(self) -> int | None:
        return self.share(self.in_keeping)

    @property
    def sustained_in_keeping_share(self) -> int | None:
        return self.share(self.sustained_in_keeping)


def load_leavers(*, school: School, day: dt.date, pupil_ids: set[int] | None = None) -> list[Leaver]:
    """Every pupil who left on or before `day` with what the reports need. Six queries."""
    pupils = Pupil.objects.filter(school=school, date_left__isnull=False, date_left__lte=day)
    if pupil_ids is not None:
        pupils = pupils.filter(pk__in=pupil_ids)
    rows = list(pupils.values_list("id", "date_left", "sex", "looked_after"))
    ids = [row[0] for row in rows]
    years = list(AcademicYear.objects.filter(school=school))
    needs: dict[int, str] = {}
    for pupil_id, need in (PupilNeed.objects.filter(school=school, pupil_id__in=ids)
                           .order_by("pupil_id", "-rank").values_list("pupil_id", "need")):
        needs[pupil_id] = need  # the lowest rank (the primary need) is written last
    pathway_names = {p.pk: p.name for p in Pathway.objects.filter(school=school)}
    last_pathway: dict[int, int] = {}
    for pupil_id, pathway_id in (Enrolment.objects.filter(school=school, pupil_id__in=ids, pathway__isnull=False)
                                 .order_by("pupil_id", "academic_year__start_year")
                                 .values_list("pupil_id", "pathway_id")):
        last_pathway[pupil_id] = pathway_id
    latest: dict[int, Destination] = {}
    for destination in (Destination.objects.filter(school=school, pupil_id__in=ids)
                        .select_related("category", "provider").order_by("pupil_id", "start_date", "id")):
        current = latest.get(destination.pupil_id)
        if current is None or (destination.start_date or dt.date.min) >= (current.start_date or dt.date.min):
            latest[destination.pupil_id] = destination
    checked: dict[int, CheckIn] = {}
    for check_in in (CheckIn.objects.filter(school=school, pupil_id__in=ids, done_on__isnull=False)
                     .order_by("pupil_id", "number")):
        checked[check_in.pupil_id] = check_in
    leavers = []
    for pupil_id, date_left, sex, looked_after in rows:
        destination = latest.get(pupil_id)
        pathway_id = destination.pathway_id if destination and destination.pathway_id else last_pathway.get(pupil_id)
        check_in = checked.get(pupil_id)
        leavers.append(Leaver(
            pupil_id=pupil_id, date_left=date_left, leaving_year=leaving_year_in(years, date_left), sex=sex,
            looked_after=looked_after, need=needs.get(pupil_id, ""),
            pathway=pathway_names.get(pathway_id, NO_PATHWAY) if pathway_id else NO_PATHWAY,
            destination=destination, latest_check_in=check_in,
            sustained=check_in.sustained if check_in else None))
    return leavers


def _label(dimension: str, leaver: Leaver) -> str:
    if dimension == "pathway":
        return leaver.pathway
    if dimension == "year":
        return dates.academic_year_label(leaver.leaving_year)
    if dimension == "need":
        return str(NeedType(leaver.need).label) if leaver.need in NeedType.values else "No need recorded"
    if dimension == "sex":
        return str(Sex(leaver.sex).label) if leaver.sex in Sex.values else str(Sex.UNKNOWN.label)
    return "Looked after" if leaver.looked_after else "Not looked after"


@dataclass
class Report:
    leavers: int
    groups: dict[str, list[Group]] = field(default_factory=dict)
    total: Group | None = None


def _add(group: Group, leaver: Leaver) -> None:
    group.leavers += 1
    in_keeping = bool(leaver.destination and leaver.destination.in_keeping)
    group.with_destination += leaver.destination is not None
    group.sustained += leaver.sustained is True
    group.in_keeping += in_keeping
    group.sustained_in_keeping += leaver.sustained is True and in_keeping


def build_report(*, school: School, day: dt.date, suppress: bool, leaving_year: int | None = None) -> Report:
    """Leavers counted by each dimension: how many have a destination, a sustained one, one in keeping with
    their pathway, and both. With `suppress`, a group of fewer than five shows no figures."""
    leavers = load_leavers(school=school, day=day)
    if leaving_year is not None:
        leavers = [leaver for leaver in leavers if leaver.leaving_year == leaving_year]
    report = Report(leavers=len(leavers))
    total = Group("all", "All leavers")
    for leaver in leavers:
        _add(total, leaver)
    for dimension in DIMENSIONS:
        groups: dict[str, Group] = {}
        for leaver in leavers:
            label = _label(dimension, leaver)
            _add(groups.setdefault(label, Group(dimension, label)), leaver)
        ordered = sorted(groups.values(), key=lambda g: (g.label == NO_PATHWAY, g.label))
        if dimension == "year":
            ordered.sort(key=lambda g: g.label, reverse=True)
        for group in ordered:
            if suppress and 0 < group.leavers < SMALLEST_GROUP:
                group.suppressed = True
                group.with_destination = group.sustained = group.in_keeping = group.sustained_in_keeping = 0
        report.groups[dimension] = ordered
    if suppress and 0 < total.leavers < SMALLEST_GROUP:
        total.suppressed = True
        total.with_destination = total.sustained = total.in_keeping = total.sustained_in_keeping = 0
    report.total = total
    return report


REPORT_FIELDS = ("dimension", "group", "leavers", "with_destination", "sustained", "in_keeping",
                 "sustained_and_in_keeping", "sustained_percent", "in_keeping_percent", "suppressed")


def report_records(report: Report) -> list[dict[str, Any]]:
    """The report as flat records (the API, `roadahead report destinations` and the CSV download)."""
    records = []
    groups = [report.total] if report.total else []
    for dimension in DIMENSIONS:
        groups.extend(report.groups.get(dimension, []))
    for group in groups:
        records.append({
            "dimension": group.dimension, "group": group.label, "leavers": group.leavers,
            "with_destination": None if group.suppressed else group.with_destination,
            "sustained": None if group.suppressed else group.sustained,
            "in_keeping": None if group.suppressed else group.in_keeping,
            "sustained_and_in_keeping": None if group.suppressed else group.sustained_in_keeping,
            "sustained_percent": group.sustained_share, "in_keeping_percent": group.in_keeping_share,
            "suppressed": group.suppressed})
    return records


def to_csv(records: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    return csv_text(fields, record_rows(records, fields))


LA_FIELDS = ("UPN", "Surname", "Forename", "Date of birth", "Sex", "Date left", "Year of leaving", "Destination",
             "NCCIS code", "NCCIS activity", "Provider", "Start date", "Latest check-in", "Check-in result",
             "Sustained")


def la_rows(*, school: School, day: dt.date) -> list[list[Any]]:
    """One row per leaver not yet anonymised (columns `LA_FIELDS`), with the NCCIS code of their
    current destination."""
    leavers = load_leavers(school=school, day=day)
    anonymised = set(Anonymisation.objects.filter(school=school).values_list("pupil_id", flat=True))
    pupils = {p.pk: p for p in Pupil.objects.filter(school=school, pk__in=[lv.pupil_id for lv in leavers])}
    rows: list[list[Any]] = []
    ordered = sorted((lv for lv in leavers if lv.pupil_id not in anonymised),
                     key=lambda lv: (pupils[lv.pupil_id].legal_surname.casefold(),
                                     pupils[lv.pupil_id].legal_forename.casefold(), lv.pupil_id))
    for leaver in ordered:
        pupil = pupils[leaver.pupil_id]
        destination, check_in = leaver.destination, leaver.latest_check_in
        code = destination.category.nccis_code if destination else ""
        rows.append([
            pupil.upn, pupil.legal_surname, pupil.legal_forename, pupil.date_of_birth.isoformat(), pupil.sex,
            leaver.date_left.isoformat(), dates.academic_year_label(leaver.leaving_year),
            destination.category.name if destination else "", code, meaning(code),
            destination.provider.name if destination and destination.provider else "",
            destination.start_date.isoformat() if destination and destination.start_date else "",
            check_in.done_on.isoformat() if check_in and check_in.done_on else "",
            str(check_in.get_status_display()) if check_in else "",
            {True: "Yes", False: "No", None: ""}[leaver.sustained]])
    return rows


def la_export(*, school: School, day: dt.date) -> str:
    """The local authority file as CSV text. Every cell passes through `core.csvsafe`, so a name or
    provider starting with = cannot run as a formula in the authority's spreadsheet."""
    return csv_text(LA_FIELDS, la_rows(school=school, day=day))
