"""NCCIS current-activity codes and Road Ahead's default SEND-aware destination categories.

Local authorities record each young person's activity with an NCCIS code (the DfE's yearly "NCCIS
management information requirement"). The codes here follow that list; a school should still check
them with its local authority, and can change any category's code in its programme file.

Special-school leavers often go to outcomes the codes fit poorly (a day service, a social care
package, a personal assistant): those map to 670, "not available: unlikely ever to be economically
active", which is what most local authorities use, unless the school agrees otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

EDUCATION, EMPLOYMENT, TRAINING, REENGAGEMENT, NEET, OTHER, NOT_KNOWN = (
    "Education", "Employment", "Training", "Re-engagement", "Not in education, employment or training", "Other",
    "Not known")

# code → (meaning, group). Pre-16 codes (1xx) are left out: a leaver is never "registered at a school".
NCCIS_CODES: dict[str, tuple[str, str]] = {
    "210": ("Full-time education: school sixth form", EDUCATION),
    "220": ("Full-time education: sixth-form college", EDUCATION),
    "230": ("Full-time education: further education", EDUCATION),
    "240": ("Full-time education: higher education", EDUCATION),
    "250": ("Part-time education", EDUCATION),
    "260": ("Gap-year student", EDUCATION),
    "270": ("Full-time education: other", EDUCATION),
    "280": ("Special post-16 institution", EDUCATION),
    "290": ("Full-time education in a custodial institution", EDUCATION),
    "310": ("Apprenticeship", EMPLOYMENT),
    "320": ("Full-time employment with study", EMPLOYMENT),
    "330": ("Employment without training", EMPLOYMENT),
    "340": ("Employment with training", EMPLOYMENT),
    "350": ("Temporary employment", EMPLOYMENT),
    "360": ("Part-time employment", EMPLOYMENT),
    "380": ("Self-employment", EMPLOYMENT),
    "381": ("Self-employment combined with study", EMPLOYMENT),
    "410": ("ESFA-funded work-based learning", TRAINING),
    "430": ("Other training", TRAINING),
    "440": ("DWP training and support programme", TRAINING),
    "450": ("Traineeship", TRAINING),
    "460": ("Supported internship", TRAINING),
    "530": ("Re-engagement provision", REENGAGEMENT),
    "540": ("Working not for reward (volunteering)", NEET),
    "550": ("Working not for reward combined with study", EMPLOYMENT),
    "610": ("Not yet ready for work or learning", NEET),
    "615": ("Start date agreed (other)", NEET),
    "616": ("Start date agreed (RPA compliant)", NEET),
    "619": ("Seeking employment, education or training", NEET),
    "620": ("Not available: young carer", NEET),
    "630": ("Not available: teenage parent", NEET),
    "640": ("Not available: illness", NEET),
    "650": ("Not available: pregnancy", NEET),
    "660": ("Not available: religious grounds", NEET),
    "670": ("Not available: unlikely ever to be economically active", NEET),
    "680": ("Not available: other reason", NEET),
    "710": ("Custody (young adult offender)", OTHER),
    "810": ("Current situation not known", NOT_KNOWN),
    "820": ("Cannot be contacted (no current address)", NOT_KNOWN),
    "830": ("Refused to disclose activity", NOT_KNOWN),
}


def is_valid_code(code: str) -> bool:
    return code in NCCIS_CODES


def meaning(code: str) -> str:
    return NCCIS_CODES[code][0] if code in NCCIS_CODES else ""


@dataclass(frozen=True)
class DefaultCategory:
    code: str
    name: str
    nccis_code: str


# The list every school starts with (and the examples' programme files repeat). In the order shown.
DEFAULT_CATEGORIES: tuple[DefaultCategory, ...] = (
    DefaultCategory("specialist-college", "Specialist college", "280"),
    DefaultCategory("college-specialist-provision", "Mainstream college with specialist provision", "230"),
    DefaultCategory("sixth-form", "School sixth form", "210"),
    DefaultCategory("supported-internship", "Supported internship", "460"),
    DefaultCategory("apprenticeship", "Apprenticeship", "310"),
    DefaultCategory("supported-employment", "Supported employment", "330"),
    DefaultCategory("employment", "Paid employment", "330"),
    DefaultCategory("self-employment", "Self-employment", "380"),
    DefaultCategory("further-training", "Further training", "430"),
    DefaultCategory("day-service", "Day service or day centre", "670"),
    DefaultCategory("social-care-package", "Social care package", "670"),
    DefaultCategory("pa-support", "Personal assistant support", "670"),
    DefaultCategory("supported-living", "Supported living", "670"),
    DefaultCategory("volunteering", "Volunteering", "540"),
    DefaultCategory("higher-education", "Higher education", "240"),
    DefaultCategory("neet", "Not in education, employment or training", "619"),
    DefaultCategory("not-known", "Not known", "810"),
)
