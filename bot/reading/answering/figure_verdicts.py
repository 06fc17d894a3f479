"""Yes/no questions over several figures at once: whether any, all or none of several companies'
figures pass a threshold, whether a filed figure was revised, and one company's two measures of
different things set against each other."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg import analytics
from kg.format import format_value
from kg.periods import Period
from kg.values import Value

from ...answer import Answer
from ..facts import Fact, Responder
from ..threshold import checks_a_claim
from ..understand import Query
from . import changes
from .common import grain_of, make_answer, result_answer, value_answer
from .verdict_basics import bounds, threshold_text, two_facts_verdict, with_verdict

__all__ = [
    "any_of_verdict",
    "claimed_level_verdict",
    "parts_verdict",
    "periods_passing",
    "restatement_gap",
    "revision_verdict",
    "two_measures_verdict",
]


#: "did any of A, B and C ...", "did all of them ...", "did none of them ...": a threshold for each
_QUANTIFIER = re.compile(
    r"\b(?P<q>any|all|each|every|both|none|neither)\s+(?:one\s+)?of\b|\b(?P<q2>any)\s+(?:company|firm|one)\b"
    # "did amzn, googl and meta each clear $60B?", "did they all top $50bn?"
    r"|\b(?P<q3>each|all|both)\s+(?=(?:clear|top|exceed|beat|spend|spent|pass|surpass|break|cross|hit|reach|have|had"
    r"|report|post|grow|grew|come|came|stay|remain)\w*\b)",
    re.I,
)


def any_of_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Did any of Amazon, Microsoft, Alphabet and Meta spend less than $40bn on capex in 2024?':
    each named company's figure against the threshold; the verdict says whether any (all, none) passed."""
    m = _QUANTIFIER.search(question)
    t = q.threshold
    if m is None or t is None or t.by or len(q.subjects) < 2 or not q.metric or len(q.periods) != 1:
        return None
    word = (m.group("q") or m.group("q2") or m.group("q3") or "").lower()
    found = [r.find(s, q.metric, q.periods[0]) for s in dict.fromkeys(q.subjects)]
    facts = [f for f in found if f is not None]
    results = [t.holds(*f.value.bounds) for f in facts]
    passed = [f for f, ok in zip(facts, results, strict=True) if ok]
    lacking = [s for s, f in zip(dict.fromkeys(q.subjects), found, strict=True) if f is None]
    if lacking and not (passed and word in ("any", "")):
        return None  # a company without the figure decides it: the general reading says which
    if any(ok is None for ok in results):
        verdict = "unknown"
    elif word in ("all", "each", "every", "both"):
        verdict = "yes" if len(passed) == len(facts) else "no"
    elif word in ("none", "neither"):
        verdict = "yes" if not passed else "no"
    else:
        verdict = "yes" if passed else "no"
    listed = "; ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in facts)
    listed += f"; no figure for {', '.join(r.label(s) for s in lacking)}" if lacking else ""
    which = ", ".join(r.label(f.quantity.subject) for f in passed) or "none of them"
    said = r.label(q.metric)
    text = f"{said[:1].upper()}{said[1:]} {r.period_phrase(q.periods[0])}: {listed}. "
    text += f"{threshold_text(t)[:1].upper()}{threshold_text(t)[1:]}: {which}."
    base = make_answer(question, "comparison", text, items=[r.fact_item(f) for f in facts], sources=r.sources_of(facts))
    return with_verdict(question, base, verdict, "")


#: "in any single quarter of fiscal 2025", "every quarter of 2024": each part of the period, not its total
_EACH_PART = re.compile(
    r"\b(?P<q>any|every|each|all)\s+(?:single\s+|one\s+|individual\s+)?(?:of\s+(?:the|its|their)\s+)?"
    r"(?:fiscal\s+)?(?P<g>quarter|qtr|q|half|month|year)s?\b",
    re.I,
)
#: "has it ever gone above $13B in a fiscal year?": every figure of that grain the filings hold
_EVER = re.compile(r"\bever\b|\bat any (?:point|time)\b", re.IGNORECASE)
_GRAINS = {"quarter": "quarter", "qtr": "quarter", "q": "quarter", "half": "half", "month": "month", "year": "year"}


def _fiscal_year_end(r: Responder, subject: str, p: Period) -> bool:
    """A twelve-month period that is the subject's own (fiscal) year, not a trailing twelve months."""
    e = r.k.entities.get(subject)
    month = e.fiscal_end_month if e is not None else 12
    if p.end is None:
        return False
    return p.end.month == month or (p.end.day <= 7 and p.end.month == month % 12 + 1)


def parts_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Did Microsoft's capex exceed $25bn in any single quarter of fiscal 2025?', 'Has Apple's annual
    capex ever gone above $13B?': each quarter (year) of the period, or of all the filings hold,
    against the threshold; the verdict says whether any (every) one passed."""
    m = _EACH_PART.search(question)
    ever = _EVER.search(question) and not q.periods
    t = q.threshold
    if (m is None and not ever) or t is None or t.by or len(set(q.subjects)) != 1 or not q.metric:
        return None
    if not ever and len(q.periods) != 1:
        return None
    if m is not None:
        grain = _GRAINS[m.group("g").lower()]
    else:
        grain = "quarter" if re.search(r"\b(?:quarter|qtr)s?\b", question, re.I) else "year"
    period = q.periods[0] if q.periods else None
    if period is not None and (period.start is None or period.end is None):
        return None
    facts = sorted(
        (
            f
            for f in r.available(q.subjects[0], q.metric)
            if grain_of(f.quantity.period) == grain
            and f.quantity.period.start is not None
            and f.quantity.period.end is not None
            and (period is None or period.start <= f.quantity.period.start)  # type: ignore[operator]
            and (period is None or f.quantity.period.end <= period.end)  # type: ignore[operator]
            and not f.is_change
            and (grain != "year" or _fiscal_year_end(r, q.subjects[0], f.quantity.period))
        ),
        key=lambda f: f.quantity.period.start or date.min,
    )
    if period is not None and period.start is not None and period.end is not None:
        months = {"quarter": 3, "half": 6, "month": 1, "year": 12}[grain]
        if len(facts) < round(((period.end - period.start).days + 1) / (30.44 * months)):
            return None  # a part missing: the general reading says what is known
    if not facts:
        return None
    results = [t.holds(*f.value.bounds) for f in facts]
    every = m is not None and m.group("q").lower() in ("every", "each", "all")
    if any(ok is None for ok in results):
        verdict = "unknown"
    elif every:
        verdict = "yes" if all(results) else "no"
    else:
        verdict = "yes" if any(results) else "no"
    shown = facts if len(facts) <= 8 else [f for f, ok in zip(facts, results, strict=True) if ok][-8:] or facts[-8:]
    listed = "; ".join(f"{r.plabel(f.quantity)} {r.fmt(f)}" for f in shown)
    passed = [r.plabel(f.quantity) for f, ok in zip(facts, results, strict=True) if ok]
    said = f"{r.possessive(q.subjects[0])} {r.label(q.metric)}"
    span = "" if period is not None else f" ({len(facts)} {grain}s in the sources)"
    text = f"{said} by {grain}{span}: {listed}. {threshold_text(t)[:1].upper()}{threshold_text(t)[1:]}: "
    text += (", ".join(passed[-8:]) or f"no {grain}") + "."
    base = make_answer(question, "list", text, items=[r.fact_item(f) for f in shown], sources=r.sources_of(shown))
    return with_verdict(question, base, verdict, "")


#: "in which years since 2018 did Alphabet's capex come in above $30B?": the periods that pass, listed
_WHICH_PERIODS = re.compile(
    r"\b(?:in\s+)?(?:which|what)\s+(?:fiscal\s+)?(?P<g>years|quarters|halves|year|quarter|half)\b(?!\s+(?:is|was|did)\s+(?:that|it))"
    # "amzn quarters in 2025 with capex > $30B?": the periods of a kind that pass, listed
    r"|\b(?P<p>years|quarters|halves)\s+(?:in|of|during|since|from)\b[^?]*?"
    r"(?:\bwith\b|\bwhere\b|\bwhen\b|\bthat\b|[<>≥≤]|\babove\b|\bover\b|\bbelow\b|\bunder\b)",
    re.IGNORECASE,
)


def periods_listed(question: str) -> bool:
    """'amzn quarters in 2025 with capex > $30B?': periods asked for by their plural, with no question word."""
    m = _WHICH_PERIODS.search(question)
    return m is not None and m.group("p") is not None


def _series(r: Responder, question: str, q: Query, grain: str) -> list[Fact]:
    """One company's figures of one grain, within the periods asked (or from a 'since' year on)."""
    subject = q.subjects[0]
    assert q.metric is not None
    since = min((p.start for p in q.periods if p.start is not None), default=None)
    # ("since 2018": from then on; "which quarters of 2025": within it)
    until = (
        None
        if re.search(r"\bsince\b|\bonwards?\b|\bfrom\b", question, re.I)
        else max((p.end for p in q.periods if p.end is not None), default=None)
    )
    return sorted(
        (
            f
            for f in r.available(subject, q.metric)
            if grain_of(f.quantity.period) == grain
            and not f.is_change
            and (grain != "year" or _fiscal_year_end(r, subject, f.quantity.period))
            and (since is None or (f.quantity.period.start is not None and f.quantity.period.start >= since))
            and (until is None or (f.quantity.period.end is not None and f.quantity.period.end <= until))
        ),
        key=lambda f: f.quantity.period.start or date.min,
    )


def periods_passing(r: Responder, question: str, q: Query) -> Answer | None:
    """Each year (quarter) of one company's series that passes the threshold, from a 'since' year on."""
    m = _WHICH_PERIODS.search(question)
    t = q.threshold
    if m is None or t is None or t.by or len(set(q.subjects)) != 1 or not q.metric:
        return None
    grain = {"y": "year", "q": "quarter", "h": "half"}[(m.group("g") or m.group("p"))[0].lower()]
    facts = _series(r, question, q, grain)
    if not facts:
        return None
    subject = q.subjects[0]
    since = min((p.start for p in q.periods if p.start is not None), default=None)
    passed = [f for f in facts if t.holds(*f.value.bounds)]
    listed = "; ".join(f"{r.plabel(f.quantity)} {r.fmt(f)}" for f in passed) or f"no {grain}"
    text = (
        f"{r.possessive(subject)} {r.label(q.metric)}, {threshold_text(t)}: {listed} "
        f"(of {len(facts)} {grain}s in the sources" + (f" from {since.year}" if since else "") + ")."
    )
    return make_answer(
        question, "list", text, items=[r.fact_item(f) for f in passed], sources=r.sources_of(passed or facts)
    )


#: "any meta qtr in '25 w/ capex >$20B?", "was every quarter of FY25 above $15bn?": each period of a kind
_ANY_PERIOD = re.compile(
    r"\b(?P<all>any|every|each|all)\s+(?:(?:single|one|of\s+(?:its|their|the))\s+|[a-z]{2,5}\s+)?(?:fiscal\s+)?"
    r"(?P<g>q|qtr|quarter|half|year)s?\b",
    re.IGNORECASE,
)


def any_period_passing(r: Responder, question: str, q: Query) -> Answer | None:
    """Whether any (every) quarter, half or year of one company's series in the periods asked passes the mark."""
    m = _ANY_PERIOD.search(question)
    t = q.threshold
    if m is None or t is None or t.by or len(set(q.subjects)) != 1 or not q.metric or not q.periods:
        return None
    grain = {"q": "quarter", "h": "half", "y": "year"}[m.group("g")[0].lower()]
    facts = _series(r, question, q, grain)
    if not facts or grain_of(q.periods[0]) == grain:
        return None  # (no such periods held, or the one asked is itself of that grain)
    passed = [f for f in facts if t.holds(*f.value.bounds)]
    every = m.group("all").lower() != "any"
    ok = len(passed) == len(facts) if every else bool(passed)
    subject = q.subjects[0]
    listed = "; ".join(f"{r.plabel(f.quantity)} {r.fmt(f)}" for f in facts)
    which = "; ".join(r.plabel(f.quantity) for f in passed) or "none"
    text = f"{r.possessive(subject)} {r.label(q.metric)} by {grain}: {listed}. {_capital(threshold_text(t))}: {which}."
    base = make_answer(question, "list", text, items=[r.fact_item(f) for f in facts], sources=r.sources_of(facts))
    return with_verdict(question, base, "yes" if ok else "no", "")


#: "exactly $40 billion": the source's own qualifier must say exact too
_EXACTLY = re.compile(r"\b(?:exactly|precisely|an? (?:flat|even|round))\b", re.IGNORECASE)
#: how far a figure the question claims may be from the sources' and still be theirs (rounding: "$370bn")
CLAIM_SLACK = 0.03


def reached_by_then(q: Query, question: str, amount: float, facts: list[Fact]) -> bool:
    """'Are the hyperscalers going to be spending half a trillion a year by 2032?': an amount of dollars
    a figure for "by" a year reaches or passes; never a draft checked as written ("'... $1.8 billion in
    revenue by 2032' — ok?") nor an amount asked "exactly"."""
    if not q.by or abs(amount) <= 1.5 or _EXACTLY.search(question) or checks_a_claim(question):
        return False
    return any(f.value.unit == "USD" and amount <= f.value.bounds[0] for f in facts)


def claimed_level_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Does the article say Alphabet spent exactly $40bn in H1 2025?', 'Is it true hyperscalers will
    spend $700bn a year by 2032?': the amount the question states, against the one figure it names."""
    if (
        q.threshold is not None
        or q.comparator
        or q.status_asked
        or q.change_multiple is not None
        or q.direction
        or len(q.amounts) != 1
        or len(set(q.subjects)) != 1
        or len(q.periods) != 1
    ):
        return None
    amount, subject, period = q.amounts[0], q.subjects[0], q.periods[0]
    share = abs(amount) <= 1.5
    measures = list(dict.fromkeys(o.metric for o in q.operands if o.metric))
    pair = [r.find(subject, m, period) for m in measures] if len(measures) == 2 else []
    if len(pair) == 2 and pair[0] is not None and pair[1] is not None and pair[0].quantity != pair[1].quantity:
        # "does Meta's filed capex equal the $30.7bn AI capex the article cites?": the amount names one of
        # two figures; the claim is that the two are the same
        first, second = pair[0], pair[1]
        (a, b), (c, d) = first.value.bounds, second.value.bounds
        same = a * (1 - CLAIM_SLACK) <= d and c * (1 - CLAIM_SLACK) <= b
        why = f"{r.describe(first)}: {r.fmt(first)}; {r.describe(second)}: {r.fmt(second)}."
        base = value_answer(r, question, first, extra=[first, second])
        return with_verdict(question, base, "yes" if same else "no", why)
    metric = q.metric
    if metric is None:  # "... spending $700 billion a year by 2032": the subject's one figure of that kind
        held = {f.quantity.metric for f in r.available(subject, None, period) if (f.value.unit == "ratio") == share}
        metric = held.pop() if len(held) == 1 else None
    f = r.find(subject, metric, period) if metric else None
    if f is not None and share and f.value.unit == "USD" and not f.is_change:
        return _claimed_change(r, question, q, amount)
    if f is None or (f.value.unit == "ratio") != share or f.is_change:
        return None
    low, high = f.value.bounds
    said = format_value(Value(amount, f.value.unit))
    if reached_by_then(q, question, amount, [f]):
        # "are they going to be spending half a trillion a year by 2032?": a level reached by then
        verdict, why = "yes", f"the sources give {r.fmt(f)} by then, past {said}."
    elif not low - abs(low) * CLAIM_SLACK <= amount <= high + abs(high) * CLAIM_SLACK:
        verdict, why = "no", f"the sources give {r.fmt(f)}, not {said}."
    elif _EXACTLY.search(question) and f.value.qualifier != "exact":
        verdict, why = "no", f"the source gives {r.fmt(f)}, not exactly {said}."
    else:
        verdict, why = "yes", f"the sources give {r.fmt(f)}."
    return with_verdict(question, value_answer(r, question, f), verdict, why)


def _claimed_change(r: Responder, question: str, q: Query, amount: float) -> Answer | None:
    """'hyperscaler capex +54% in 2025 — correct?': a percentage beside an amount's period is its growth
    into that period; the growth the sources give (or imply) decides."""
    base = changes.answer_change(
        r, question, replace(q, yes_no=False, intent="change", measure="percent_change", amounts=[])
    )
    if not base.answered or base.value is None or base.measure != "percent_change":
        return None
    low, high = bounds(base)
    said = format_value(Value(amount, "ratio"))
    ok = low - abs(low) * CLAIM_SLACK <= amount <= high + abs(high) * CLAIM_SLACK
    why = f"the change the sources give is {format_value(Value(base.value, 'ratio'))}, not {said}." if not ok else ""
    return with_verdict(question, base, "yes" if ok else "no", why)


_REVISED = re.compile(
    r"\b(?:revised|restated|adjusted|marked|re-?stated)\s+(?P<way>down(?:ward)?s?|lower|up(?:ward)?s?|higher)\b"
    r"|\b(?:revised|restated|re-?stated)\b",
    re.IGNORECASE,
)


def revision_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Was Meta's 2023 capex revised down in later filings?': the first filed value against the latest."""
    m = _REVISED.search(question)
    if m is None or len(q.subjects) != 1 or not q.metric or len(q.periods) != 1:
        return None
    f = r.find(q.subjects[0], q.metric, q.periods[0])
    obs = f.observation if f is not None else None
    if f is None or obs is None or not obs.from_filing:
        return None
    base = value_answer(r, question, f)
    if not obs.restated_from:
        return with_verdict(question, base, "no", "the filings give one value for it, never restated.")
    first = obs.restated_from[0]
    filed = " ".join(x for x in (first.form, f"filed {first.filed}" if first.filed else None) if x) or "a filing"
    way = (m.group("way") or "").lower()
    lower = f.value.value < first.value.value
    ok = True if not way else lower if way.startswith(("down", "lower")) else not lower
    why = f"first filed as {format_value(first.value)} ({filed}), now {r.fmt(f)}."
    return with_verdict(question, base, "yes" if ok else "no", why)


#: "how much lower is the restated figure than the original?": the size of a restatement
_RESTATEMENT_GAP = re.compile(
    r"\b(?:restat\w*|revis\w*|original(?:ly)?|first\s+(?:filed|reported)|initial(?:ly)?)\b"
    r"(?=[^?]*\b(?:how\s+much|by\s+how\s+much|difference|gap|change|delta|lower|higher|minus)\b)"
    r"|\b(?:how\s+much|by\s+how\s+much|difference|gap|change|delta|minus)\b"
    r"(?=[^?]*\b(?:restat\w*|revis\w*|original(?:ly)?|first\s+(?:filed|reported)|initial(?:ly)?)\b)",
    re.IGNORECASE,
)


#: "the change from the originally filed figure to the current one", "new minus original": a signed revision
_SIGNED_REVISION = re.compile(
    r"\b(?:change[ds]?|revised|revision|minus|less|net|delta|moved?)\b|[−–-]\s*original", re.I
)
#: "how much lower is the restated figure?", "how big is the gap?": how far apart, whichever way
_HOW_FAR_APART = re.compile(
    r"\bhow\s+(?:much|far)\s+(?:lower|higher|smaller|larger|bigger|less|more|apart|off)\b|\bgap\b|\babsolute\b", re.I
)


#: "what's the current #", "which is the right number": the figure as it stands, not the size of a revision
_CURRENT_ASKED = re.compile(
    r"\b(?:what(?:'s|s|\s+is)|which\s+is|give\s+me)\s+the\s+(?:current|latest|right|correct|actual|final|valid)\s+"
    r"(?:#|number|figure|value|one|print|amount)",
    re.IGNORECASE,
)


def restatement_gap(r: Responder, question: str, q: Query) -> Answer | None:
    """'How much lower is Meta's restated 2023 capex than its original 10-K said?': the latest filed
    value against the first, in dollars (how far apart, the direction in the text)."""
    if q.yes_no or not _RESTATEMENT_GAP.search(question) or len(set(q.subjects)) != 1 or len(q.periods) != 1:
        return None
    if _CURRENT_ASKED.search(question):
        return None  # ("there's a restatement w/ the tag change, what's the current #": the figure as it stands)
    f = r.find(q.subjects[0], q.metric, q.periods[0]) if q.metric else None
    obs = f.observation if f is not None else None
    if f is None or obs is None or not obs.from_filing or not obs.restated_from:
        return None
    first = obs.restated_from[0]
    if _SIGNED_REVISION.search(question) and not _HOW_FAR_APART.search(question):
        res = analytics.difference(f.value, first.value)  # "the change from the original to the current": signed
    else:
        big, small = (first.value, f.value) if first.value.value >= f.value.value else (f.value, first.value)
        res = analytics.difference(big, small)
    filed = " ".join(x for x in (first.form, f"filed {first.filed}" if first.filed else None) if x) or "a filing"
    way = "down" if f.value.value < first.value.value else "up"
    text = (
        f"{r.describe(f)} was restated {way} by {format_value(res.value, difference=True).lstrip('+-')}: "
        f"first filed as {format_value(first.value)} ({filed}), now {r.fmt(f)}."
    )
    return result_answer(r, question, q, res, [f], text)


def two_measures_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Is Meta's filed 1H25 capex more than its $30.7B AI capex?': one subject's two figures of
    different measures, each found as written, the first against the second (the note says the
    metrics differ)."""
    # (an amount written for one of them, "the article's $30.7bn for Meta's AI capex", only names it)
    ops = [o for o in q.operands if o.metric] if len(q.operands) == 3 else q.operands
    if not q.comparator or len(ops) != 2 or len(set(q.subjects)) != 1:
        return None
    if not (ops[0].metric and ops[1].metric) or ops[0].metric == ops[1].metric:
        return None
    if len(set(q.periods)) > 1 and {ops[0].period, ops[1].period} != set(q.periods):
        return None  # two periods named and not one for each measure: a change over time
    found = []
    for o in ops:
        period = o.period or (q.periods[0] if q.periods else None)
        assert o.metric is not None
        if period is None:
            return None
        # "Meta's filed capex > its $30.7B AI capex": "filed" names the first figure's source only
        f = r.find(o.subject or q.subjects[0], o.metric, period) or r.any_source().find(
            o.subject or q.subjects[0], o.metric, period
        )
        if f is None or (o.amount is not None and not f.value.overlaps(Value(o.amount, f.value.unit))):
            return None
        found.append(f)
    return two_facts_verdict(r, question, q, value_answer(r, question, found[0]), found[0], found[1])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
