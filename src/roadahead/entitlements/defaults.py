"""The statutory and benchmark checks every school starts with, as data.

`services.ensure_default_rules` creates the ones a school lacks, matched by code, and never
changes one the school already has: a careers leader may have adjusted it. Each depends on one
of the school's switches (`Check`), so a school not bound by the statutory guidance can turn a
whole family off. Wording is our own summary of the duty or benchmark; docs/user/targets-and-rules.md
explains each and the simplifications made.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadahead.entitlements.enums import Check, Period, RuleKind

# Provider Access Legislation: a key phase runs to 28 February of its second year.
PAL_CUTOFF = (2, 28)
PAL_SOURCE = "Provider Access Legislation (2023)"
GUIDANCE_SOURCE = "Statutory guidance: independent careers guidance (Years 7-13)"
GUIDANCE_TYPE = "guidance-meeting"
# The kinds of provider a pupil should meet by 16 for Benchmark 7, as a special school reads "the
# full range": colleges, specialist colleges, training providers, sixth forms and day services.
FULL_RANGE_OF_PROVIDERS = ("college", "specialist_college", "training_provider", "sixth_form", "day_service")


@dataclass(frozen=True)
class DefaultRule:
    code: str
    name: str
    description: str
    kind: str
    source: str
    school_check: str
    benchmark: int | None
    required: int
    period: str
    first_year: str = ""
    last_year: str = ""
    activity_types: tuple[str, ...] = ()
    evidences: tuple[int, ...] = ()
    provider_kinds: tuple[str, ...] = ()
    meaningful_only: bool = False
    pal_only: bool = False
    cutoff: tuple[int, int] | None = None
    required_of_pupils: bool = True
    pal_key_phase: int | None = None


def _pal(phase: int, first: str, last: str, *, required_of_pupils: bool = True) -> DefaultRule:
    optional = "" if required_of_pupils else (" The school must offer these encounters; pupils may choose not "
                                              "to go, so a pupil short of them is shown but never failed.")
    return DefaultRule(
        code=f"pal-key-phase-{phase}", name=f"Provider access: key phase {phase} (Years {first}-{last})",
        description=(f"Two encounters with providers of technical education or apprenticeships, in the school day, "
                     f"covering the provider, the careers it leads to, what learning there is like and pupils' "
                     f"questions: any time in Year {first}, or in Year {last} up to 28 February.{optional}"),
        kind=RuleKind.STATUTORY, source=PAL_SOURCE, school_check=Check.PROVIDER_ACCESS, benchmark=7, required=2,
        period=Period.YEARS, first_year=first, last_year=last, pal_only=True, cutoff=PAL_CUTOFF,
        required_of_pupils=required_of_pupils, pal_key_phase=phase)


DEFAULT_RULES: tuple[DefaultRule, ...] = (
    _pal(1, "8", "9"),
    _pal(2, "10", "11"),
    _pal(3, "12", "13", required_of_pupils=False),
    DefaultRule(
        code="independent-guidance", name="Independent careers guidance every year (Years 7-13)",
        description="At least one careers guidance meeting with an independent adviser in each academic year.",
        kind=RuleKind.STATUTORY, source=GUIDANCE_SOURCE, school_check=Check.INDEPENDENT_GUIDANCE, benchmark=8,
        required=1, period=Period.ACADEMIC_YEAR, first_year="7", last_year="13", activity_types=(GUIDANCE_TYPE,)),
    DefaultRule(
        code="bm5-every-year", name="A meaningful employer encounter every year from Year 7",
        description="At least one meaningful encounter with an employer or employee in each academic year.",
        kind=RuleKind.BENCHMARK, source="Gatsby Benchmark 5", school_check=Check.GATSBY_BENCHMARKS, benchmark=5,
        required=1, period=Period.ACADEMIC_YEAR, first_year="7", last_year="14", evidences=(5,),
        meaningful_only=True),
    DefaultRule(
        code="bm6-by-16", name="Experiences of workplaces by 16",
        description="At least two meaningful experiences of a workplace between Year 7 and the end of Year 11.",
        kind=RuleKind.BENCHMARK, source="Gatsby Benchmark 6", school_check=Check.GATSBY_BENCHMARKS, benchmark=6,
        required=2, period=Period.YEARS, first_year="7", last_year="11", evidences=(6,), meaningful_only=True),
    DefaultRule(
        code="bm6-by-18", name="A further experience of a workplace by 18",
        description="At least one more meaningful experience of a workplace in Years 12 and 13.",
        kind=RuleKind.BENCHMARK, source="Gatsby Benchmark 6", school_check=Check.GATSBY_BENCHMARKS, benchmark=6,
        required=1, period=Period.YEARS, first_year="12", last_year="13", evidences=(6,), meaningful_only=True),
    DefaultRule(
        code="bm7-by-16", name="Encounters with further education providers by 16",
        description=("At least two encounters with colleges, specialist colleges, training providers, sixth forms "
                     "or day services between Year 7 and the end of Year 11."),
        kind=RuleKind.BENCHMARK, source="Gatsby Benchmark 7", school_check=Check.GATSBY_BENCHMARKS, benchmark=7,
        required=2, period=Period.YEARS, first_year="7", last_year="11", evidences=(7,),
        provider_kinds=FULL_RANGE_OF_PROVIDERS),
    DefaultRule(
        code="bm8-by-16", name="A careers guidance meeting by 16",
        description="At least one careers guidance meeting with a qualified adviser by the end of Year 11.",
        kind=RuleKind.BENCHMARK, source="Gatsby Benchmark 8", school_check=Check.GATSBY_BENCHMARKS, benchmark=8,
        required=1, period=Period.YEARS, first_year="7", last_year="11", activity_types=(GUIDANCE_TYPE,)),
    DefaultRule(
        code="bm8-by-18", name="A further careers guidance meeting by 18",
        description="At least one more careers guidance meeting with a qualified adviser in Years 12 and 13.",
        kind=RuleKind.BENCHMARK, source="Gatsby Benchmark 8", school_check=Check.GATSBY_BENCHMARKS, benchmark=8,
        required=1, period=Period.YEARS, first_year="12", last_year="13", activity_types=(GUIDANCE_TYPE,)),
)

# Activity types the default rules count: ensure_default_rules creates any a school lacks, so a
# rule never silently counts every activity because the type it names is missing.
REQUIRED_TYPE_CODES = frozenset(code for rule in DEFAULT_RULES for code in rule.activity_types)
