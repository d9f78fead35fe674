"""Read the pupils out of a DfE Common Transfer File (CTF, XML).

Only what Road Ahead uses is taken: identity, NC year, looked-after status and the current SEN
entry (the one with the latest start date) with its needs in rank order. Everything else in the
file (addresses, contacts, attendance, assessments) is ignored and never stored.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from roadahead.imports.parsers import MAX_ROWS, FileProblem, SourceRow, Table

# The columns a CTF pupil becomes: (field key, the name shown in error messages).
CTF_COLUMNS: list[tuple[str, str]] = [
    ("upn", "UPN"),
    ("legal_surname", "Surname"),
    ("legal_forename", "Forename"),
    ("preferred_surname", "PreferredSurname"),
    ("preferred_forename", "PreferredForename"),
    ("date_of_birth", "DOB"),
    ("sex", "Sex"),
    ("nc_year", "NCyearActual"),
    ("looked_after", "InCare"),
    ("sen_provision", "SENprovision"),
    ("primary_need", "SENtype (rank 1)"),
    ("secondary_need", "SENtype (rank 2)"),
    ("other_needs", "SENtype (other ranks)"),
]


def _local(tag: Any) -> str:
    """The tag without any XML namespace, so namespaced and plain CTFs read alike."""
    return str(tag).rsplit("}", 1)[-1]


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _children(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element | None, *path: str) -> str:
    node = element
    for name in path:
        node = _child(node, name)
    return (node.text or "").strip() if node is not None else ""


def _current_sen(pupil: Element) -> Element | None:
    """The SEN entry in force: the one that started last (ISO dates sort as text)."""
    entries = _children(_child(pupil, "SENhistory"), "SEN")
    if not entries:
        return None
    return max(enumerate(entries), key=lambda pair: (_text(pair[1], "StartDate"), pair[0]))[1]


def _ranked_needs(sen: Element | None) -> list[str]:
    needs = []
    for position, need in enumerate(_children(_child(sen, "SENneeds"), "SENneed")):
        code = _text(need, "SENtype")
        rank_text = _text(need, "SENtypeRank")
        rank = int(rank_text) if rank_text.isdigit() else 99
        if code:
            needs.append((rank, position, code))
    return [code for _rank, _position, code in sorted(needs)]


def read_ctf(content: bytes) -> Table:
    try:
        root = fromstring(content)
    except DefusedXmlException as error:
        raise FileProblem(_("This XML file declares entities or a document type, which Road Ahead refuses "
                            "for safety. Export the Common Transfer File from your MIS again.")) from error
    except ParseError as error:
        line = getattr(error, "position", (0, 0))[0]
        raise FileProblem(_("This XML file is damaged and cannot be read (the problem is near line %(line)d).")
                          % {"line": line}) from error
    if _local(root.tag) != "CTfile":
        raise FileProblem(_("This XML file is not a Common Transfer File (it should start with <CTfile>)."))
    pupils = _children(_child(root, "CTFpupilData"), "Pupil")
    if not pupils:
        raise FileProblem(_("This Common Transfer File has no pupils in it."))
    if len(pupils) > MAX_ROWS:
        raise FileProblem(_("The file has more than %(n)s pupils. Split it into smaller files.")
                          % {"n": f"{MAX_ROWS:,}"})
    sex_label = "Sex"
    rows = []
    for number, pupil in enumerate(pupils, start=1):
        basic = _child(pupil, "BasicDetails")
        sex = _text(pupil, "Sex")
        if not sex and _child(pupil, "Gender") is not None:
            sex, sex_label = _text(pupil, "Gender"), "Gender"
        sen = _current_sen(pupil)
        needs = _ranked_needs(sen)
        in_care = _text(pupil, "LookedAfter", "InCare")
        cells = [
            _text(pupil, "UPN"),
            _text(pupil, "Surname"),
            _text(pupil, "Forename"),
            _text(pupil, "PreferredSurname") or _text(basic, "PreferredSurname"),
            _text(pupil, "PreferredForename") or _text(basic, "PreferredForename"),
            _text(pupil, "DOB"),
            sex,
            _text(basic, "NCyearActual") or _text(pupil, "NCyearActual"),
            in_care,
            # No SEN history in a CTF means the sending school recorded no SEN.
            _text(sen, "SENprovision") if sen is not None else "N",
            needs[0] if needs else "",
            needs[1] if len(needs) > 1 else "",
            ", ".join(needs[2:]),
        ]
        rows.append(SourceRow(number=number, cells=cells))
    headers = [sex_label if key == "sex" else label for key, label in CTF_COLUMNS]
    return Table(format="ctf", headers=headers, rows=rows, header_row=0,
                 known_fields={index: key for index, (key, _label) in enumerate(CTF_COLUMNS)},
                 row_word="Pupil")
