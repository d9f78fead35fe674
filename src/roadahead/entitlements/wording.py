"""Entitlement rules in plain words, for pages, reports and the pupil's standing.

"At least 3 meaningful encounters evidencing Benchmark 5 each academic year, for Intentional
pupils in Years 7 to 14". Works on a rule with its pathways, activity types and evidences
prefetched (no query per rule).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roadahead.activities.enums import Setting
from roadahead.core import dates
from roadahead.entitlements.enums import Period
from roadahead.entitlements.models import EntitlementRule
from roadahead.providers.enums import ProviderKind

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _or(items: list[str]) -> str:
    """"a", "a or b", "a, b or c"."""
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s or %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _article(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def year_label(code: str) -> str:
    return dates.nc_year_label(code)


def years_phrase(first: str, last: str) -> str:
    """"Year 10", "Years 7 to 14", "Reception to Year 6"."""
    if first == last:
        return year_label(first)
    if first.isdigit() and last.isdigit():
        return _("Years %(first)s to %(last)s") % {"first": first, "last": last}
    return _("%(first)s to %(last)s") % {"first": year_label(first), "last": year_label(last)}


def what_counts(rule: EntitlementRule, count: int) -> str:
    """The thing counted, agreeing with `count`: "meaningful encounter evidencing Benchmark 5"."""
    types = [t.name for t in rule.activity_types.all()]
    if rule.pal_only:
        noun = ngettext("provider encounter meeting PAL", "provider encounters meeting PAL", count)
    elif rule.meaningful_only:
        noun = ngettext("meaningful encounter", "meaningful encounters", count)
    else:
        noun = ngettext("activity", "activities", count)
    parts = [noun]
    if types:
        parts.append(_("of the type %(types)s") % {"types": _or(types)})
    numbers = sorted(b.number for b in rule.evidences.all())
    if numbers:
        label = _("Benchmark %(n)s") if len(numbers) == 1 else _("Benchmarks %(n)s")
        parts.append(_("evidencing %(what)s") % {"what": label % {"n": _or([str(n) for n in numbers])}})
    if rule.provider_kinds:
        labels = [str(ProviderKind(k).label).lower() if k in ProviderKind.values else k for k in rule.provider_kinds]
        parts.append(_("with %(who)s") % {"who": _or([_article(label) for label in labels])})
    if rule.settings:
        labels = [str(Setting(s).label).lower() if s in Setting.values else s for s in rule.settings]
        parts.append(_or(labels))
    if not rule.count_part:
        parts.append(_("attended in full"))
    return " ".join(parts)


def cutoff_phrase(month: int, day: int) -> str:
    return f"{day} {MONTHS[month - 1]}"


def when(rule: EntitlementRule) -> str:
    """"each academic year", "each half term", "across Years 8 to 9, up to 28 February in Year 9"."""
    if rule.period == Period.YEARS and rule.first_year and rule.last_year:
        span = years_phrase(rule.first_year, rule.last_year)
        if rule.cutoff_month and rule.cutoff_day:
            return _("across %(span)s, up to %(cutoff)s in %(last)s") % {
                "span": span, "cutoff": cutoff_phrase(rule.cutoff_month, rule.cutoff_day),
                "last": year_label(rule.last_year)}
        return _("across %(span)s") % {"span": span}
    return {Period.ACADEMIC_YEAR: _("each academic year"), Period.TERM: _("each term"),
            Period.HALF_TERM: _("each half term")}.get(rule.period, str(rule.get_period_display()).lower())


def who(rule: EntitlementRule) -> str:
    """"for Intentional pupils in Years 7 to 14 with SLD", or "for every pupil"."""
    pathways = [p.name for p in rule.pathways.all()]
    subject = _("%(pathways)s pupils") % {"pathways": _or(pathways)} if pathways else _("pupils")
    parts = [subject]
    # A rule across years names its years in `when`; saying them twice reads badly.
    if rule.first_year and rule.last_year and rule.period != Period.YEARS:
        parts.append(_("in %(years)s") % {"years": years_phrase(rule.first_year, rule.last_year)})
    if rule.needs:
        parts.append(_("with %(needs)s") % {"needs": _or(list(rule.needs))})
    if len(parts) == 1 and not pathways:
        # A rule across years already says which pupils: those passing through those years.
        return "" if rule.period == Period.YEARS else _("for every pupil")
    return _("for %(who)s") % {"who": " ".join(parts)}


def describe_rule(rule: EntitlementRule) -> str:
    """The whole rule in one sentence, as a careers leader would say it."""
    values = {"n": rule.required, "what": what_counts(rule, rule.required), "when": when(rule), "who": who(rule)}
    text = (_("At least %(n)d %(what)s %(when)s, %(who)s") if values["who"] else
            _("At least %(n)d %(what)s %(when)s")) % values
    if not rule.required_of_pupils:
        text += _(" (offered to every pupil, not required of them)")
    return text


def describe_missing(rule: EntitlementRule, *, missing: int, period_end: dt.date, as_of: dt.date) -> str:
    """What a pupil still needs: "1 more meaningful encounter evidencing Benchmark 5 by 31 August 2026"."""
    if missing <= 0:
        return _("Nothing")
    values = {"n": missing, "what": what_counts(rule, missing), "end": f"{period_end.day} "
              f"{MONTHS[period_end.month - 1]} {period_end.year}"}
    if as_of >= period_end:
        return _("%(n)d more %(what)s were needed by %(end)s") % values if missing > 1 else \
            _("%(n)d more %(what)s was needed by %(end)s") % values
    return _("%(n)d more %(what)s by %(end)s") % values
