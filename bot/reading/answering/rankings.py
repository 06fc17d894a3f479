"""Rankings: several subjects, or one series' periods, in order of their figures ("rank the companies by
capex", "order 2024, 2025 and 2032 from high to low"), and the article's forecasts ranked by size.

With no period asked, companies are ranked in the latest months they all have figures for, else each in
its latest year known by the day asked, each labelled with its own period."""

from __future__ import annotations

import re

from ...answer import Answer
from ..facts import Fact, Responder
from ..question_periods import fiscal_mentions
from ..understand import Query
from . import lists, values
from .common import incomplete, make_answer, not_found, what
from .comparisons import CHANGE_WORDS, answer_compare, latest_common
from .growth_comparisons import answer_compare_changes

__all__ = ["RANKING", "answer_rank", "forecast_figures"]


def _latest_of_each(r: Responder, facts: list[Fact], metric: str | None) -> list[Fact]:
    """'who are the biggest spenders?': each company in the latest months all of them had filed figures for
    by the day asked (never one's quarter against another's later one); else each one's latest figure."""
    subjects = list(dict.fromkeys(f.quantity.subject for f in facts))
    companies = [s for s in subjects if getattr(r.k.entities.get(s), "kind", None) == "company"]
    common = latest_common(r, companies, metric) if metric and len(companies) >= 2 else None
    if metric and common is not None:
        found = [r.find(s, metric, common) for s in companies]
        if all(f is not None for f in found):
            return [f for f in found if f is not None]
    if len(companies) >= 2 and len(companies) == len(subjects):
        # calendars that share no months (Apple's September year, Nvidia's January one): each one's latest
        # whole year known by then, each labelled with its own
        years = [
            r.newest_known(values.of_granularity(r, [f for f in facts if f.quantity.subject == s], "year"))
            for s in companies
        ]
        if all(f is not None for f in years):
            return [f for f in years if f is not None]
    latest: dict[str, Fact] = {}
    for f in facts:
        latest[f.quantity.subject] = f
    return list(latest.values())


def _rank_periods(r: Responder, question: str, q: Query) -> Answer:
    """'Rank hyperscaler capex in 2024, 2025 and 2032': one series' periods, largest first."""
    assert q.metric is not None
    facts = [f for p in q.periods if (f := r.find(q.subjects[0], q.metric, p, now=q.now)) is not None]
    missing = [p.label for p in q.periods if r.find(q.subjects[0], q.metric, p, now=q.now) is None]
    if len(facts) < 2:
        return not_found(r, question, q, f"{what(r, q)} for enough of those periods")
    ranked = sorted(facts, key=lambda f: f.value.value, reverse=not q.ascending)
    text = (
        f"{r.possessive(q.subjects[0])} {r.label(ranked[0].quantity.metric)}, "
        + ("smallest" if q.ascending else "largest")
        + " first: "
        + "; ".join(f"{i + 1}. {r.plabel(f.quantity)} {r.fmt(f)} ({f.status})" for i, f in enumerate(ranked))
        + "."
    )
    if missing:
        text += " No figure for " + ", ".join(missing) + "."
    return make_answer(
        question,
        "comparison",
        text,
        subject=r.label(q.subjects[0]),
        metric=r.label(q.metric),
        items=[r.fact_item(f, r.plabel(f.quantity)) for f in ranked],
        sources=r.sources_of(ranked),
        basis=tuple(ranked),
    )


_COMPANIES = re.compile(r"\b(?:compan(?:y|ies)|firms?|filers?|spenders?|players?|who|who's|whose)\b", re.IGNORECASE)


#: words that ask for an ordered list rather than a verdict between two
RANKING = re.compile(
    r"\b(?:rank\w*|order\w*|sort\w*|leaderboard|league table|first to last|top to bottom|highest to lowest"
    r"|lowest to highest|largest to smallest|smallest to largest|biggest to smallest)\b",
    re.I,
)


def answer_rank(r: Responder, question: str, q: Query) -> Answer:
    """A ranking is an ordered list, largest first (or smallest first when asked)."""
    ans = _rank(r, question, q)
    if ans.answered and ans.kind == "comparison" and (len(ans.items) >= 3 or RANKING.search(question)):
        ans.kind = "list"
    return ans


def _rank(r: Responder, question: str, q: Query) -> Answer:
    if len(q.subjects) >= 2 and q.scores.get("change", 0) >= CHANGE_WORDS:
        return answer_compare_changes(r, question, q)  # "rank them by capex growth": by their changes
    if len(q.subjects) >= 2:
        return answer_compare(r, question, q)
    if len(q.subjects) == 1 and len(q.periods) >= 2 and q.metric:
        return _rank_periods(r, question, q)
    forecasts = forecast_figures(r, question, q) if not q.metric and not q.predicates else []
    if not q.metric and not forecasts:
        if q.predicates:  # "what do investors care about the most?"
            return lists.answer_list(r, question, q)
        return incomplete(r, question, q)
    period = q.periods[0] if q.periods else None
    facts = forecasts or r.available(None, q.metric, period)
    if q.fiscal and period is not None and q.metric:
        # "the highest revenue in fiscal 2025": each company's own fiscal 2025
        facts = []
        for company in r.k.entities.values():
            if company.kind != "company":
                continue
            mine = [m.period for m in fiscal_mentions(r.k, company.iri, q.fiscal) if m.period is not None]
            f = r.find(company.iri, q.metric, mine[0]) if mine else None
            if f is not None:
                facts.append(f)
    elif q.latest and q.granularity and period is None:
        # "the lowest capex in their latest fiscal year": each one's newest whole year (or quarter)
        by_subject: dict[str, list[Fact]] = {}
        for f in values.of_granularity(r, r.available(None, q.metric), q.granularity):
            by_subject.setdefault(f.quantity.subject, []).append(f)
        facts = [f for f in (r.newest_known(own) for own in by_subject.values()) if f is not None]
    if _COMPANIES.search(question):  # "which company", "rank the companies": companies, not a group
        facts = [
            f
            for f in facts
            if r.k.entities.get(f.quantity.subject) and r.k.entities[f.quantity.subject].kind == "company"
        ]
    if period is not None and period.kind == "year" and not q.fiscal and q.metric:
        # companies whose year is not the calendar's answer with their fiscal year (noted), as find() does
        have = {f.quantity.subject for f in facts}
        for company in r.k.entities.values():
            if company.kind == "company" and company.iri not in have and company.fiscal_end_month != 12:
                f = r.find(company.iri, q.metric, period)
                if f is not None:
                    facts.append(f)
    if q.subjects:  # rank a group's members or a concept's parts
        e = r.k.entities.get(q.subjects[0])
        if e and e.members:
            facts = [f for f in facts if f.quantity.subject in e.members]
    if not facts:
        return not_found(
            r, question, q, f"a ranking of {r.label(q.metric)}" + (f" {r.period_phrase(period)}" if period else "")
        )
    if period is None:  # one figure per subject: the latest, in months all of them have figures for
        facts = _latest_of_each(r, facts, q.metric)
    ranked = sorted(facts, key=lambda f: f.value.value, reverse=not q.ascending)
    if q.top:
        ranked = ranked[: q.top]
    text = (
        "Ranked "
        + ("smallest" if q.ascending else "largest")
        + " first: "
        + "; ".join(
            f"{i + 1}. {r.label(f.quantity.subject)} ({r.label(f.quantity.metric)}, {r.plabel(f.quantity)}) {r.fmt(f)}"
            for i, f in enumerate(ranked)
        )
        + "."
    )
    metrics_differ = len({f.quantity.metric for f in ranked}) > 1
    if metrics_differ or len({f.quantity.period for f in ranked}) > 1:
        text += " Note: these figures differ in metric or period; compare with care."

    def label(f: Fact) -> str:  # ("generative AI · revenue": which figure of it, where the metrics differ)
        subject = r.label(f.quantity.subject)
        return f"{subject} · {r.label(f.quantity.metric)}" if metrics_differ else subject

    return make_answer(
        question,
        "list",
        text,
        metric=r.label(q.metric),
        period=period.label if period else None,
        items=[r.fact_item(f, label(f)) for f in ranked],
        sources=r.sources_of(ranked),
        basis=tuple(ranked),
    )


#: "the article's 2032 dollar projections": every forecast figure of the period, of whatever metric
_FORECAST_WORDS = re.compile(r"\b(?:projections?|forecasts?|predictions?|estimates?|outlooks?)\b", re.IGNORECASE)
_DOLLAR_WORDS = re.compile(r"\bdollars?\b|\$|\busd\b", re.IGNORECASE)


def forecast_figures(r: Responder, question: str, q: Query) -> list[Fact]:
    """The forecast figures of the period asked ('rank the article's 2032 dollar projections'), in
    dollars when dollars are asked; none when the question asks for no forecasts or names no period."""
    if not (q.periods and _FORECAST_WORDS.search(question)):
        return []
    dollars = bool(_DOLLAR_WORDS.search(question))
    return [
        f
        for f in r.available(None, None, q.periods[0])
        if f.status == "forecast" and not f.is_change and (f.value.unit == "USD" or not dollars)
    ]
