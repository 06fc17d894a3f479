"""Amounts written in a question ('$371B', '44%'), in base units, with where they stand."""

from __future__ import annotations

import re

__all__ = ["amount_spans", "amounts_in", "bare_billions"]

_AMOUNT = re.compile(
    r"(?<![\w.])\$?\s?(\d+(?:\.\d+)?)\s?(trillion|billion|million|bn|tn|mln|mn|t|b|m|%|percent)?(?!\w|\.\d)",
    re.IGNORECASE,
)


_SCALE = {
    "trillion": 1e12,
    "tn": 1e12,
    "t": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "%": 0.01,
    "percent": 0.01,
}


def amounts_in(text: str) -> list[float]:
    """Money and percentages written in a question, in base units ('$371B' -> 371e9, '44%' -> 0.44)."""
    return [v for _, v in amount_spans(text)]


def amount_spans(text: str) -> list[tuple[int, float]]:
    """Each amount the question writes, with its character offset."""
    out = []
    for m in _AMOUNT.finditer(text):
        unit = (m.group(2) or "").lower()
        if not unit and "$" not in m.group(0):
            continue  # a bare number is a year or a count, not an amount
        if unit in ("%", "percent") and m.group(1).isdigit() and 1990 <= int(m.group(1)) <= 2040 and " " in m.group(0):
            continue  # "googl capex y/y 2024 %": the year, then the measure asked in percent
        out.append((m.start(), float(m.group(1)) * _SCALE.get(unit, 1.0)))
    return out


#: a bare number that is no year, quarter or count: "371 vs META FY25 capex"
_BARE = re.compile(r"(?<![\w$.'’/-])(\d{2,4}(?:\.\d+)?)(?![\w%.]|\s*(?:%|percent|bn|billion|b\b|x\b|times))", re.I)


def bare_billions(text: str, stated: set[float]) -> list[tuple[int, float]]:
    """'371 vs META FY25 capex — what multiple?': a bare number the sources state as that many billions
    of dollars (``stated``: the article's dollar figures), read as that figure; years never are."""
    out = []
    for m in _BARE.finditer(text):
        n = float(m.group(1))
        if 1990 <= n <= 2040 and "." not in m.group(1):
            continue
        value = n * 1e9
        if any(abs(value - v) <= v * 1e-9 for v in stated):
            out.append((m.start(), value))
    for m in _OVER.finditer(text):  # "525/371 = ? x": two stated figures, one over the other
        values = [(m.start(i), float(m.group(i)) * 1e9) for i in (1, 2)]
        if all(any(abs(v - s) <= s * 1e-9 for s in stated) for _, v in values):
            out.extend(x for x in values if x not in out)
    return sorted(out)


_OVER = re.compile(r"(?<![\w$.'’/-])(\d{2,4})\s*/\s*(\d{2,4})(?![\w%./])")
