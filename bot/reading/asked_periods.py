"""The periods a question asks about, read from the period mentions found in it: each company's
own fiscal calendar, the clause of evidence left out, a premise's period where it ends or starts
the change asked, "now" and the periods a source names only in words ("before the shift")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from kg.knowledge import Knowledge
from kg.periods import Period

from .lexicon import Token
from .patterns import STARTING_POINT, STRAIGHT_LINE
from .period_words import PeriodMention
from .question_cues import NOW_WORDS
from .question_periods import (
    anchored,
    fiscal_mentions,
    month_quarters,
    narrowest,
    said_again_as_fiscal,
    trailing_year,
)

__all__ = ["AskedPeriods", "asked_periods", "vague_periods_named"]


#: per graph read: its undated periods with the words of their labels ("before the shift")
_VAGUE: dict[int, tuple[Knowledge, list[tuple[str, Period]]]] = {}


#: words a period's label is read without ("within a few years" = "within few years"), and the nouns of a
#: change that name the same moment ("before the drop" = "before the shift")
_ARTICLES = frozenset({"a", "an", "the"})
_CHANGE_NOUNS = {n: "shift" for n in ("drop", "decline", "fall", "rebalancing", "move", "switch", "change", "pivot")}


def _plain_words(text: str) -> str:
    words = [_CHANGE_NOUNS.get(w, w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _ARTICLES]
    return " " + " ".join(words) + " "


def vague_periods_named(k: Knowledge, text: str) -> list[Period]:
    """Periods without dates that the question names by the words of their label."""
    cached = _VAGUE.get(id(k))
    if cached is None or cached[0] is not k:
        named = []
        for p in k.periods.values():
            if p.is_vague:
                core = _plain_words(p.label.split("(")[0])
                if len(core.strip()) >= 6:
                    named.append((core, p))
        if len(_VAGUE) > 8:
            _VAGUE.clear()
        cached = _VAGUE[id(k)] = (k, named)
    lowered = _plain_words(text)
    return [p for core, p in cached[1] if core in lowered]


@dataclass
class AskedPeriods:
    written: list[PeriodMention]
    resolved: list[PeriodMention]
    asked: list[PeriodMention]  # outside the premise and any clause of evidence
    periods: list[Period]
    roles: set[str]
    starts: list[Period]  # the premise's periods
    now: bool
    now_only: bool  # "now" read as this year, no year written


def asked_periods(
    text: str,
    k: Knowledge,
    subjects: list[str],
    period_mentions: list[PeriodMention],
    tokens: list[Token],
    question_span: tuple[int, int],
    today: date,
    as_reported: list[tuple[int, int]],
) -> AskedPeriods:
    """``question_span``: where the question proper starts (after a premise) and where a clause of
    evidence starts."""
    premise_end, given_at = question_span
    # fiscal periods follow the calendar of the (first) company named, with the days its filings use
    company = next((s for s in subjects if s in k.entities and k.entities[s].kind == "company"), None)
    written = fiscal_lists(text, anchored(month_quarters(text, period_mentions)))
    resolved = said_again_as_fiscal(k, company, fiscal_mentions(k, company, written))
    # periods in a clause of evidence ("given the 44% increase to 2025") are not the period asked
    asked = [m for m in resolved if m.period is not None and premise_end <= m.start < given_at]
    periods: list[Period] = [m.period for m in asked if m.period is not None] or [
        m.period for m in resolved if m.period is not None
    ]
    periods = narrowest(list(dict.fromkeys(periods)))
    trailing = trailing_year(text, asked or resolved, k, subjects, today)
    if trailing is not None:
        periods = [trailing]
    # roles of the periods asked: "+44% y/y" in a premise is evidence, not "the year before" asked
    roles = {m.role for m in resolved if premise_end <= m.start < given_at}
    # "Taking the 2024 level ... as the starting point, what CAGR gets it to $525B by 2032?": the
    # premise's one period is where the asked change starts
    starts = [m.period for m in resolved if m.start < premise_end and m.period is not None]
    if len(starts) == 1 and STARTING_POINT.search(text, 0, premise_end) and periods and starts[0] not in periods:
        periods = [starts[0], *periods]
        roles |= {"range_start", "range_end"}
    # "if capex rises linearly from 2025 to 2032, what is it in 2030?": the line's two ends and the year asked
    if len(starts) == 2 and len(periods) == 1 and STRAIGHT_LINE.search(text, 0, premise_end):
        periods = [*starts, *periods]
    now = any(t.norm in NOW_WORDS and not any(a <= t.start < b for a, b in as_reported) for t in tokens)
    if now and not periods:
        periods = [Period.year(today.year)]
    elif now and len(periods) == 1 and periods[0].start is None and periods[0].key == "few-years":
        # "from its current level to the level expected within a few years": now is one end
        periods = [Period.year(today.year), *periods]
    named_vague = vague_periods_named(k, text)  # "before the shift": a period the source names only in words
    if named_vague and (not periods or (now and periods == [Period.year(today.year)])):
        periods = named_vague  # "today, before the shift": the words the source uses, not this calendar year
    # "now" read as this year, no year written: in a change, the source's present is meant instead
    now_only = now and periods == [Period.year(today.year)] and not re.search(r"\b(?:19|20)\d\d\b", text)

    periods = _same_part_of_another_year(text, periods)
    return AskedPeriods(written, resolved, asked, periods, roles, starts, now, now_only)


_SAME_PART = re.compile(
    r"\bsame\s+(?:half|quarter|period|months?|stretch)\s+(?:of|in)\s+(?:fiscal\s+|calendar\s+)?'?\d", re.I
)


_VERSUS_YEAR = re.compile(
    r"\b(?:vs\.?|versus|against|over|compared\s+(?:to|with))\s+(?:the\s+)?(?:fy|f|cy)?\s*'?(?:19|20)?\d\d\b", re.I
)


def _same_part_of_another_year(text: str, periods: list[Period]) -> list[Period]:
    """'H1 2025 ... versus the same half of 2024': that year's H1, not the whole year 2024."""
    if len(periods) != 2:
        return periods
    part, year = periods
    if part.start is None or year.start is None or year.end is None:
        return periods
    if _SAME_PART.search(text) and part.kind != "year" and year.kind == "year":
        return [part, part.shift_years(year.start.year - part.start.year)]
    # "nvda q1 rev growth f27 vs f26?": the quarter written once, for both years set against each other
    assert part.end is not None
    part_days, year_days = (part.end - part.start).days, (year.end - year.start).days
    # (by days: a 52/53-week quarter and year are no calendar quarter and year)
    if 80 <= part_days <= 190 and 350 <= year_days <= 380 and _VERSUS_YEAR.search(text):
        ago = round(((part.start - year.start).days) / 365.25)
        if 0 < ago <= 3 and not year.contains(part):
            return [part, part.shift_years(-ago)]
    return periods


#: what joins the years of a list: "fiscal 2024 and 2025", "FY24, FY25 and 2026", "FY2025 vs 2024"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and|&|or|vs\.?|versus|to|through|thru|[-–])\s*", re.IGNORECASE)


def fiscal_lists(text: str, mentions: list[PeriodMention]) -> list[PeriodMention]:
    """'the fiscal year 2024 and 2025': a plain year listed right after a fiscal one is fiscal too."""
    out: list[PeriodMention] = []
    for m in mentions:
        spec = m._spec
        before = out[-1] if out else None
        if (
            before is not None
            and before.fiscal
            and not m.fiscal
            and spec is not None
            and spec.kind == "year"
            and _LIST_GAP.fullmatch(text[before.end : m.start])
        ):
            m = replace(m, fiscal=True, _spec=spec._replace(fiscal=True))
        out.append(m)
    return out
